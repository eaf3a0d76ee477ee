import { describe, expect, it } from 'vitest';
import { diffOf, type FieldChange } from './audit-diff';

describe('diffOf', () => {
  const cases: { name: string; before: unknown; after: unknown; expected: FieldChange[] }[] = [
    {
      name: 'names each changed field with its old and new value',
      before: { name: 'Sales', phoneNumber: '+15555550101', version: 1 },
      after: { name: 'Sales', phoneNumber: '+15555550144', version: 2 },
      expected: [
        { field: 'phoneNumber', before: '"+15555550101"', after: '"+15555550144"' },
        { field: 'version', before: '1', after: '2' },
      ],
    },
    {
      name: 'shows every field of a created entity as new',
      before: null,
      after: { name: 'Returns', digit: null },
      expected: [
        { field: 'name', before: undefined, after: '"Returns"' },
        { field: 'digit', before: undefined, after: 'null' },
      ],
    },
    {
      name: 'shows every field of a deleted entity as gone',
      before: { name: 'Returns' },
      after: null,
      expected: [{ field: 'name', before: '"Returns"', after: undefined }],
    },
    {
      name: 'follows nested objects and lists by dotted path',
      before: { keywords: ['sales'], hours: { monday: { open: '09:00' } } },
      after: { keywords: ['sales', 'buy'], hours: { monday: { open: '08:00' } } },
      expected: [
        { field: 'hours.monday.open', before: '"09:00"', after: '"08:00"' },
        { field: 'keywords.1', before: undefined, after: '"buy"' },
      ],
    },
    {
      name: 'tells an empty list from a missing one',
      before: { keywords: ['sales'] },
      after: { keywords: [] },
      expected: [
        { field: 'keywords.0', before: '"sales"', after: undefined },
        { field: 'keywords', before: undefined, after: '[]' },
      ],
    },
    { name: 'finds nothing when nothing changed', before: { a: 1 }, after: { a: 1 }, expected: [] },
    {
      name: 'names a bare value (value)',
      before: 'pending',
      after: 'delivered',
      expected: [{ field: '(value)', before: '"pending"', after: '"delivered"' }],
    },
  ];

  it.each(cases)('$name', ({ before, after, expected }) => {
    expect(diffOf(before, after)).toEqual(expected);
  });
});
