import { ConfigurationError } from '../../src/config/environment.js';

/** The bench empties and refills its database: it only runs on one whose name says it is disposable. */
export function assertBenchDatabase(url: string): void {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/bench|test/i.test(name)) {
    throw new ConfigurationError(
      `Refusing to fill database "${name}": the bench replaces its call data, so its name must contain "bench" or "test"`,
    );
  }
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export interface Timing {
  readonly runs: number;
  readonly first: number;
  readonly median: number;
  readonly max: number;
}

/** The first run apart (cold caches, query planning), then the median and the slowest of the others. */
export function summarizeTimings(milliseconds: readonly number[]): Timing {
  if (milliseconds.length < 2) throw new Error('Time at least two runs');
  const [first, ...rest] = milliseconds;
  const sorted = [...rest].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: rest.length, first, median, max: sorted[sorted.length - 1] };
}
