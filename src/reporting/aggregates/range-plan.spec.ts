import { DAY_MS, planList, planParameters, planRange, QUARTER_HOUR_MS, type Segment } from './range-plan.js';

const at = (iso: string): number => Date.parse(iso);
const raw = (from: string, to: string): Segment => ({ source: 'raw', from: at(from), to: at(to) });
const aggregate = (from: string, to: string): Segment => ({ source: 'aggregate', from: at(from), to: at(to) });

describe('planRange', () => {
  it.each<[string, string, string, string | null, Segment[]]>([
    [
      'nothing rolled up: all raw',
      '2026-01-01T00:00Z',
      '2026-02-01T00:00Z',
      null,
      [raw('2026-01-01T00:00Z', '2026-02-01T00:00Z')],
    ],
    [
      'whole days before final_through',
      '2026-01-01T00:00Z',
      '2026-02-01T00:00Z',
      '2026-03-01T00:00Z',
      [aggregate('2026-01-01T00:00Z', '2026-02-01T00:00Z')],
    ],
    [
      'partial days at both edges',
      '2026-01-01T10:00Z',
      '2026-01-05T06:30Z',
      '2026-03-01T00:00Z',
      [
        raw('2026-01-01T10:00Z', '2026-01-02T00:00Z'),
        aggregate('2026-01-02T00:00Z', '2026-01-05T00:00Z'),
        raw('2026-01-05T00:00Z', '2026-01-05T06:30Z'),
      ],
    ],
    [
      'final_through inside a day: that day and after raw',
      '2026-01-01T00:00Z',
      '2026-01-10T00:00Z',
      '2026-01-06T19:00Z',
      [aggregate('2026-01-01T00:00Z', '2026-01-06T00:00Z'), raw('2026-01-06T00:00Z', '2026-01-10T00:00Z')],
    ],
    [
      'no whole day before final_through',
      '2026-01-06T02:00Z',
      '2026-01-10T00:00Z',
      '2026-01-06T19:00Z',
      [raw('2026-01-06T02:00Z', '2026-01-10T00:00Z')],
    ],
    [
      'a range inside one day',
      '2026-01-01T01:00Z',
      '2026-01-01T23:00Z',
      '2026-03-01T00:00Z',
      [raw('2026-01-01T01:00Z', '2026-01-01T23:00Z')],
    ],
    ['an empty range', '2026-01-01T01:00Z', '2026-01-01T01:00Z', '2026-03-01T00:00Z', []],
    [
      'the range after final_through',
      '2026-02-01T00:00Z',
      '2026-02-03T00:00Z',
      '2026-01-06T19:00Z',
      [raw('2026-02-01T00:00Z', '2026-02-03T00:00Z')],
    ],
  ])('%s', (_name, from, to, finalThrough, expected) => {
    expect(planRange(at(from), at(to), finalThrough === null ? null : at(finalThrough), DAY_MS)).toEqual(expected);
  });

  it('plans quarter-hours for the busiest hours', () => {
    expect(
      planRange(at('2026-01-01T10:07Z'), at('2026-01-01T12:00Z'), at('2026-01-01T11:00Z'), QUARTER_HOUR_MS),
    ).toEqual([
      raw('2026-01-01T10:07Z', '2026-01-01T10:15Z'),
      aggregate('2026-01-01T10:15Z', '2026-01-01T11:00Z'),
      raw('2026-01-01T11:00Z', '2026-01-01T12:00Z'),
    ]);
  });
});

describe('planParameters', () => {
  const dates = (...isos: string[]): Date[] => isos.map((iso) => new Date(at(iso)));

  it.each<[string, Segment[], Date[]]>([
    [
      'raw, aggregate, raw',
      [
        raw('2026-01-01T10:00Z', '2026-01-02T00:00Z'),
        aggregate('2026-01-02T00:00Z', '2026-01-05T00:00Z'),
        raw('2026-01-05T00:00Z', '2026-01-05T06:00Z'),
      ],
      dates(
        '2026-01-01T10:00Z',
        '2026-01-02T00:00Z',
        '2026-01-05T00:00Z',
        '2026-01-05T06:00Z',
        '2026-01-02T00:00Z',
        '2026-01-05T00:00Z',
      ),
    ],
    [
      'aggregate then raw',
      [aggregate('2026-01-02T00:00Z', '2026-01-05T00:00Z'), raw('2026-01-05T00:00Z', '2026-01-05T06:00Z')],
      dates(
        '2026-01-02T00:00Z',
        '2026-01-02T00:00Z',
        '2026-01-05T00:00Z',
        '2026-01-05T06:00Z',
        '2026-01-02T00:00Z',
        '2026-01-05T00:00Z',
      ),
    ],
    [
      'raw only',
      [raw('2026-01-01T10:00Z', '2026-01-05T06:00Z')],
      dates(
        '2026-01-01T10:00Z',
        '2026-01-05T06:00Z',
        '2026-01-01T10:00Z',
        '2026-01-01T10:00Z',
        '2026-01-01T10:00Z',
        '2026-01-01T10:00Z',
      ),
    ],
    ['nothing', [], dates(...Array<string>(6).fill('1970-01-01T00:00Z'))],
  ])('%s', (_name, segments, expected) => {
    expect(planList(planParameters(segments))).toEqual(expected);
  });
});
