import { type HistogramBin, percentileFromHistogram } from './histogram-percentile.js';

const bins = (...pairs: [number, number][]): HistogramBin[] => pairs.map(([value, count]) => ({ value, count }));

describe('percentileFromHistogram', () => {
  it.each<[string, HistogramBin[], number, number | null]>([
    ['nothing counted', [], 0.95, null],
    ['only empty bins', bins([10, 0]), 0.95, null],
    ['one value', bins([42, 1]), 0.95, 42],
    ['one value many times', bins([42, 7]), 0.95, 42],
    // 15 20 30 40 45 60 90: position 0.95 * 6 = 5.699999999999999 in float8, so not quite 81 (PostgreSQL agrees).
    ['seven values', bins([60, 1], [15, 1], [90, 1], [20, 1], [45, 1], [30, 1], [40, 1]), 0.95, 80.99999999999997],
    // 1..20: position 18.05, 19 + 0.05 * 1 (the float8 arithmetic: 0.95 * 19 = 18.05 - ε).
    [
      'twenty values',
      bins(...Array.from({ length: 20 }, (_, i): [number, number] => [i + 1, 1])),
      0.95,
      19 + (0.95 * 19 - 18) * 1,
    ],
    ['merged days repeating a value', bins([10, 2], [20, 1], [10, 1], [30, 1]), 0.5, 10],
    ['the median between two ranks', bins([10, 1], [20, 1]), 0.5, 15],
    ['the maximum', bins([10, 3], [99, 1]), 1, 99],
    ['the minimum', bins([10, 3], [99, 1]), 0, 10],
  ])('%s', (_name, histogram, fraction, expected) => {
    expect(percentileFromHistogram(histogram, fraction)).toBe(expected);
  });
});
