import { webhookUrlProblem } from './webhook-url.js';

const HTTPS_ONLY = { allowHttp: false };
const HTTP_ALLOWED = { allowHttp: true };

describe('webhookUrlProblem', () => {
  it.each([
    ['an https URL', 'https://hooks.example.com/ivr', HTTPS_ONLY],
    ['an https URL with a port, path and query', 'https://hooks.example.com:8443/in?source=ivr', HTTPS_ONLY],
    ['an upper-case scheme', 'HTTPS://hooks.example.com/ivr', HTTPS_ONLY],
    ['an IP address (checked at send time, not here)', 'https://10.0.0.5/ivr', HTTPS_ONLY],
    ['localhost (checked at send time, not here)', 'https://localhost/ivr', HTTPS_ONLY],
    ['http when allowHttp is set', 'http://localhost:4000/ivr', HTTP_ALLOWED],
    ['https when allowHttp is set', 'https://hooks.example.com/ivr', HTTP_ALLOWED],
  ])('accepts %s', (_name, url, rules) => {
    expect(webhookUrlProblem(url, rules)).toBeNull();
  });

  it.each([
    ['text that is no URL', 'hooks.example.com/ivr', HTTP_ALLOWED, /^url must be an absolute URL/],
    ['an empty string', '', HTTP_ALLOWED, /^url must be an absolute URL/],
    ['a scheme without a host', 'https://', HTTP_ALLOWED, /^url must be an absolute URL/],
    ['another scheme', 'ftp://files.example.com/ivr', HTTP_ALLOWED, /^url must be an https:\/\/ URL \(not ftp:\)$/],
    ['a javascript: URL', 'javascript:alert(1)', HTTP_ALLOWED, /^url must be an https:\/\/ URL/],
    ['a user and password', 'https://user:pass@hooks.example.com/ivr', HTTPS_ONLY, /must not contain credentials/],
    ['a user alone', 'https://user@hooks.example.com/ivr', HTTPS_ONLY, /must not contain credentials/],
    ['credentials over http', 'http://user:pass@localhost/ivr', HTTP_ALLOWED, /must not contain credentials/],
    ['a fragment', 'https://hooks.example.com/ivr#part', HTTPS_ONLY, /must not have a #fragment/],
    [
      'http without allowHttp',
      'http://hooks.example.com/ivr',
      HTTPS_ONLY,
      /^url must use https \(http is allowed only when events\.allowHttp is set, for development\)$/,
    ],
  ])('refuses %s, saying the fix', (_name, url, rules, message) => {
    expect(webhookUrlProblem(url, rules)).toMatch(message);
  });
});
