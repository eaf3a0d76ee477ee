import { CallerFilterForbiddenError } from '../admin-api/admin-errors.js';
import { assertCallerFilterAllowed, numberViewFor, presentNumber, presentRecordingUrl } from './caller-number.js';

describe('numberViewFor', () => {
  it('shows numbers whole to an admin', () => {
    expect(numberViewFor('admin')).toBe('whole');
  });

  it.each(['viewer', 'auditor', 'Admin', ''])('masks numbers for the role %j', (role) => {
    expect(numberViewFor(role)).toBe('masked');
  });
});

describe('presentNumber', () => {
  it('keeps the number for the whole view', () => {
    expect(presentNumber('+15551230123', 'whole')).toBe('+15551230123');
  });

  it('masks the number for the masked view', () => {
    expect(presentNumber('+15551230123', 'masked')).toBe('+1555***0123');
  });

  it('hides the user of a SIP address for the masked view', () => {
    expect(presentNumber('sip:alice@pbx.example.com', 'masked')).toBe('sip:***');
  });

  it.each(['whole', 'masked'] as const)('keeps an unknown number null for the %s view', (view) => {
    expect(presentNumber(null, view)).toBeNull();
  });
});

describe('assertCallerFilterAllowed', () => {
  it.each([
    ['no caller filter, whole view', undefined, 'whole'],
    ['no caller filter, masked view', undefined, 'masked'],
    ['a caller filter, whole view', '+15551230123', 'whole'],
  ] as const)('allows %s', (_case, caller, view) => {
    expect(() => assertCallerFilterAllowed(caller, view, 'admin')).not.toThrow();
  });

  it.each(['+15551230123', '+15550000000', 'sip:desk@pbx.example.com'])(
    'refuses the caller filter %j to the masked view, naming the role',
    (caller) => {
      expect(() => assertCallerFilterAllowed(caller, 'masked', 'viewer')).toThrow(CallerFilterForbiddenError);
      expect(() => assertCallerFilterAllowed(caller, 'masked', 'viewer')).toThrow(/a viewer token sees caller/);
    },
  );
});

describe('presentRecordingUrl', () => {
  const URL = 'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE0';

  it.each([
    ['whole', URL, URL],
    ['masked', URL, null],
    ['whole', null, null],
    ['masked', null, null],
  ] as const)('answers the %s view %j with %j', (view, url, expected) => {
    expect(presentRecordingUrl(url, view)).toBe(expected);
  });
});
