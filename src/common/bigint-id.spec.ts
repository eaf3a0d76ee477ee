import { isBigintId } from './bigint-id.js';

describe('isBigintId', () => {
  it.each(['1', '0', '42', '9223372036854775807'])('accepts %s', (value) => {
    expect(isBigintId(value)).toBe(true);
  });

  it.each([
    ['a number past bigint', '9223372036854775808'],
    ['twenty digits', '10000000000000000000'],
    ['a negative number', '-1'],
    ['a decimal', '1.5'],
    ['an exponent', '1e3'],
    ['an empty string', ''],
    ['spaces', ' 1'],
    ['a number value', 1],
    ['null', null],
  ])('refuses %s', (_name, value) => {
    expect(isBigintId(value)).toBe(false);
  });
});
