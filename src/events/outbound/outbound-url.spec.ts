import { outboundUrlProblem } from './outbound-url.js';

const HTTPS_ONLY = 'webhook URL must use https (http is allowed only when outbound http is enabled for development)';
const NO_CREDENTIALS =
  'webhook URL must not carry credentials (remove user:password@; receivers verify the webhook-signature header)';
const NOT_A_URL = 'webhook URL is not a valid absolute URL (write it as https://host/path)';

describe('outboundUrlProblem', () => {
  it.each<[string, boolean, string | null]>([
    ['https://hooks.example.com/ivr', false, null],
    ['HTTPS://hooks.example.com:8443/ivr?x=1', false, null],
    ['https://[2606:4700::1111]/ivr', false, null],
    ['http://hooks.example.com/ivr', false, HTTPS_ONLY],
    ['http://127.0.0.1:3000/ivr', true, null],
    ['ftp://hooks.example.com/ivr', true, 'webhook URL must use https, not ftp'],
    ['file:///etc/passwd', true, 'webhook URL must use https, not file'],
    ['javascript:alert(1)', true, 'webhook URL must use https, not javascript'],
    ['https://user:secret@hooks.example.com/ivr', false, NO_CREDENTIALS],
    ['https://token@hooks.example.com/ivr', false, NO_CREDENTIALS],
    ['https://:secret@hooks.example.com/ivr', false, NO_CREDENTIALS],
    ['hooks.example.com/ivr', false, NOT_A_URL],
    ['/ivr', false, NOT_A_URL],
    ['https://', false, NOT_A_URL],
    ['', false, NOT_A_URL],
  ])('%s (allowHttp %s) → %s', (url, allowHttp, expected) => {
    expect(outboundUrlProblem(url, { allowHttp })).toBe(expected);
  });
});
