import { nulCharacterAt } from './validation.js';

describe('nulCharacterAt', () => {
  it.each<[string, unknown, string | null]>([
    ['a clean object', { name: 'Sales', keywords: ['a', 'b'] }, null],
    ['a top-level field', { name: 'Sa\u0000les' }, 'name'],
    ['an array item', { keywords: ['ok', '\u0000'] }, 'keywords[1]'],
    ['a nested field', { weekly: { monday: [{ opens: '09:00\u0000' }] } }, 'weekly.monday[0].opens'],
    ['a key itself', { ['na\u0000me']: 'x' }, 'na\u0000me'],
    ['a bare string (a path parameter)', '\u0000', 'value'],
    ['numbers, booleans and null', { a: 1, b: true, c: null }, null],
  ])('%s', (_name, value, expected) => {
    expect(nulCharacterAt(value)).toBe(expected);
  });
});
