import { isHttpUrl, parsedUrl } from './url.js';

describe('parsedUrl', () => {
  it.each([
    ['https://ivr.example.com/voice', 'ivr.example.com'],
    ['not a url', undefined],
    [42, undefined],
  ])('parses %s', (value, host) => {
    expect(parsedUrl(value)?.host).toBe(host);
  });
});

describe('isHttpUrl', () => {
  it.each<[unknown, readonly string[] | undefined, boolean]>([
    ['https://idp.example/jwks', undefined, true],
    ['http://127.0.0.1:9/jwks', undefined, true],
    ['HTTP://idp.example/jwks', ['https:'], false],
    ['HTTPS://idp.example/jwks', ['https:'], true],
    ['ftp://idp.example/jwks', undefined, false],
    ['keys', undefined, false],
    [undefined, undefined, false],
  ])('%s with schemes %s is %s', (value, schemes, expected) => {
    expect(isHttpUrl(value, schemes)).toBe(expected);
  });
});
