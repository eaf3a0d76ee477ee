import { looksLikePhoneNumber, maskPhoneNumber, maskPhoneNumbersInUrl } from './mask.js';

describe('maskPhoneNumber', () => {
  it('keeps the country code, the first digits and the last four digits of a number', () => {
    expect(maskPhoneNumber('+15551230123')).toBe('+1555***0123');
  });

  it.each([null, undefined, ''])('returns null for %j', (value) => {
    expect(maskPhoneNumber(value)).toBeNull();
  });

  it('hides the whole user part of a SIP address', () => {
    expect(maskPhoneNumber('sip:alice@pbx.example.com')).toBe('sip:***');
  });

  it('hides the whole name of a Twilio client', () => {
    expect(maskPhoneNumber('client:alice')).toBe('client:***');
  });

  it.each(['+1234', '+4412345', '12345678'])('hides a short number %s completely', (value) => {
    expect(maskPhoneNumber(value)).toBe('***');
  });

  it.each(['+50012345', '+441234567', '+4412345678', '+445555123456'])('never shows every character of %s', (value) => {
    const masked = maskPhoneNumber(value);

    expect(masked).toContain('***');
    expect(masked?.replace('***', '').length).toBeLessThan(value.length);
  });
});

describe('looksLikePhoneNumber', () => {
  it.each(['+15551230123', '15551230123', '+1 (555) 123-0123', '555.123.0123', '+44 20 7946 0958', '5551230'])(
    'takes %j for a phone number',
    (value) => {
      expect(looksLikePhoneNumber(value)).toBe(true);
    },
  );

  it.each([
    ['a date', '2026-01-31'],
    ['a date-time', '2026-01-31T08:00:00Z'],
    ['a page size', '500'],
    ['a UUID', '3f0c7d1e-5b7a-4c1e-9a53-2d4b8e0f6a11'],
    ['a CallSid', 'CA0123456789abcdef0123456789abcdef'],
    ['more digits than E.164 allows', '+1234567890123456'],
    ['a word', 'csv'],
  ])('does not take %s for a phone number', (_case, value) => {
    expect(looksLikePhoneNumber(value)).toBe(false);
  });
});

describe('maskPhoneNumbersInUrl', () => {
  it.each([
    [
      'an encoded caller filter',
      '/admin/call-sessions?caller=%2B15551230123',
      '/admin/call-sessions?caller=%2B1555***0123',
    ],
    [
      'an unencoded one',
      '/admin/call-sessions?caller=+15551230123&limit=10',
      '/admin/call-sessions?caller=%2B1555***0123&limit=10',
    ],
    [
      'one among other filters',
      '/a?format=csv&caller=%2B15551230123&outcome=connected',
      '/a?format=csv&caller=%2B1555***0123&outcome=connected',
    ],
    ['a SIP caller', '/a?caller=sip%3Adesk%40pbx.example.com', '/a?caller=sip%3A***'],
    ['a caller in any letter case', '/a?Caller=%2B15551230123', '/a?Caller=%2B1555***0123'],
    ['a number under another name', '/a?from=%2B15551230123', '/a?from=%2B1555***0123'],
    ['a number written with spaces', '/a?phone=%2B1%20555%20123%200123', '/a?phone=%2B1%2055***0123'],
    ['a number in the path', '/admin/call-sessions/+15551230123', '/admin/call-sessions/%2B1555***0123'],
    ['a number as a bare query word', '/a?15551230123', '/a?155***23'],
  ])('masks %s', (_case, url, expected) => {
    expect(maskPhoneNumbersInUrl(url)).toBe(expected);
  });

  it.each([
    '/admin/call-sessions',
    '/admin/call-sessions?from=2026-01-01&to=2026-02-01T00:00:00Z&limit=500&cursor=MjAyNi0wMS0zMQ',
    '/admin/departments/3f0c7d1e-5b7a-4c1e-9a53-2d4b8e0f6a11/availability?at=2026-12-25T10:00',
    '/admin/call-sessions/CA0123456789abcdef0123456789abcdef',
    '/admin/call-sessions?caller=',
    '/a?broken=%E0%A4%A',
  ])('leaves %s as it is', (url) => {
    expect(maskPhoneNumbersInUrl(url)).toBe(url);
  });
});
