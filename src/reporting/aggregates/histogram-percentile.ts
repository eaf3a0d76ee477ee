/** How many values were `value`. */
export interface HistogramBin {
  readonly value: number;
  readonly count: number;
}

/**
 * The `fraction` percentile of the values a histogram counts, interpolated linearly between the two nearest ranks:
 * PostgreSQL's percentile_cont, in the same float8 arithmetic (so the same result to the last bit). Bins may come in
 * any order and repeat a value (merged histograms of several days); null when they count nothing.
 */
export function percentileFromHistogram(bins: readonly HistogramBin[], fraction: number): number | null {
  const sorted = bins.filter((bin) => bin.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return null;
  const position = fraction * (total - 1);
  const lowerRank = Math.floor(position);
  const upperRank = Math.ceil(position);
  const lower = valueAtRank(sorted, lowerRank);
  const upper = upperRank === lowerRank ? lower : valueAtRank(sorted, upperRank);
  // float8_lerp: lo + (pct * (hi - lo)).
  return lower + (position - lowerRank) * (upper - lower);
}

/** The value at a 0-based rank of the sorted values. */
function valueAtRank(sorted: readonly HistogramBin[], rank: number): number {
  let seen = 0;
  for (const bin of sorted) {
    seen += bin.count;
    if (rank < seen) return bin.value;
  }
  throw new RangeError(`rank ${rank} is past the ${seen} values`);
}
