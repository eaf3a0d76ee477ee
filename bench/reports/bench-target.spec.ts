import { assertBenchDatabase, summarizeTimings, withDatabaseName } from './bench-target.js';

describe('assertBenchDatabase', () => {
  it.each(['postgres://u:p@db:5432/ivr_bench', 'postgres://u:p@db/reports_test', 'postgres://db/BENCH'])(
    'accepts %s',
    (url) => {
      expect(() => assertBenchDatabase(url)).not.toThrow();
    },
  );

  it.each(['postgres://u:p@db:5432/ivr', 'postgres://u:p@db:5432/production', 'postgres://db/'])(
    'refuses %s',
    (url) => {
      expect(() => assertBenchDatabase(url)).toThrow(/must contain "bench" or "test"/);
    },
  );
});

describe('withDatabaseName', () => {
  it('replaces the database and keeps the credentials', () => {
    expect(withDatabaseName('postgres://postgres:s%40cret@127.0.0.1:5432/ivr', 'ivr_bench')).toBe(
      'postgres://postgres:s%40cret@127.0.0.1:5432/ivr_bench',
    );
  });
});

describe('summarizeTimings', () => {
  it('keeps the first run apart and takes the median and the maximum of the others', () => {
    expect(summarizeTimings([900, 30, 10, 20])).toStrictEqual({ runs: 3, first: 900, median: 20, max: 30 });
  });

  it('averages the two middle runs of an even count', () => {
    expect(summarizeTimings([900, 40, 10, 20, 30])).toStrictEqual({ runs: 4, first: 900, median: 25, max: 40 });
  });

  it('needs two runs', () => {
    expect(() => summarizeTimings([5])).toThrow('Time at least two runs');
  });
});
