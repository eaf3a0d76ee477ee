import { maskPhoneNumber } from './mask.js';

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
