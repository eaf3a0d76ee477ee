import { isPrintableText } from './validators.js';

describe('isPrintableText', () => {
  it.each([
    ['a name', 'Sales'],
    ['punctuation and formula characters', "x;=cmd|' /C calc'!A0;"],
    ['accents and other scripts', 'Équipe Ventes 営業'],
    ['an emoji joined with a zero-width joiner', 'Support 👩‍💻'],
    ['an empty string', ''],
  ])('accepts %s', (_case, value) => {
    expect(isPrintableText(value)).toBe(true);
  });

  it.each([
    ['a NUL', 'Sales\u0000'],
    ['a bell', 'Sales\u0007'],
    ['a tab', 'x\t=1+1'],
    ['a line feed', 'x\n=1+1'],
    ['a carriage return', 'x\r=1+1'],
    ['an escape sequence', 'Eve\u001b[2J'],
    ['DEL', 'Sales\u007f'],
    ['a C1 control', 'Sales\u0085'],
    ['a line separator', 'Sales\u2028=1'],
    ['a paragraph separator', 'Sales\u2029'],
    ['a right-to-left override', 'Sales\u202Eevil'],
    ['a direction isolate', 'Sales\u2066x\u2069'],
    ['a lone surrogate', 'Sales\uD800'],
  ])('refuses %s', (_case, value) => {
    expect(isPrintableText(value)).toBe(false);
  });

  it('refuses what is not text', () => {
    expect(isPrintableText(42)).toBe(false);
  });
});
