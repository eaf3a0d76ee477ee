import { outboundUrlProblem } from './outbound-url.js';

const HTTPS_ONLY = 'url must use https (http is allowed only when events.allowHttp is set, for development)';
const NO_CREDENTIALS =
  'url must not contain credentials (user:password@): requests are signed with the endpoint secret instead';
const NOT_A_URL = 'url must be an absolute URL such as https://example.com/ivr-events';

describe('outboundUrlProblem', () => {
  it.each<[string, boolean, string | null]>([
    ['https://hooks.example.com/ivr', false, null],
    ['HTTPS://hooks.example.com:8443/ivr?x=1', false, null],
    ['https://[2606:4700::1111]/ivr', false, null],
    ['http://hooks.example.com/ivr', false, HTTPS_ONLY],
    ['http://127.0.0.1:3000/ivr', true, null],
    ['ftp://hooks.example.com/ivr', true, 'url must be an https:// URL (not ftp:)'],
    ['file:///etc/passwd', true, 'url must be an https:// URL (not file:)'],
    ['javascript:alert(1)', true, 'url must be an https:// URL (not javascript:)'],
    ['https://user:secret@hooks.example.com/ivr', false, NO_CREDENTIALS],
    ['https://token@hooks.example.com/ivr', false, NO_CREDENTIALS],
    ['https://:secret@hooks.example.com/ivr', false, NO_CREDENTIALS],
    ['hooks.example.com/ivr', false, NOT_A_URL],
    ['/ivr', false, NOT_A_URL],
    ['https://', false, NOT_A_URL],
    ['', false, NOT_A_URL],
    ['https://hooks.example.com/ivr#part', false, 'url must not have a #fragment: it is never sent to the server'],
  ])('%s (allowHttp %s) → %s', (url, allowHttp, expected) => {
    expect(outboundUrlProblem(url, { allowHttp })).toBe(expected);
  });
});
