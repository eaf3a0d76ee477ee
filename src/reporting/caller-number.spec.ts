import { numberViewFor, presentNumber } from './caller-number.js';

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
