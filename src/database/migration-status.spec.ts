import { pendingMigrations, schemaBehindMessage, statusReport } from './migration-status.js';

describe('pendingMigrations', () => {
  it('lists the known migrations not applied, in the order they run', () => {
    expect(pendingMigrations(['A1', 'B2', 'C3'], ['B2'])).toEqual(['A1', 'C3']);
  });

  it('ignores applied names the code does not know (a host sharing the history table)', () => {
    expect(pendingMigrations(['A1'], ['A1', 'HostMigration1'])).toEqual([]);
  });
});

describe('schemaBehindMessage', () => {
  it('names the pending migration and the command to run, on one line', () => {
    const sut = schemaBehindMessage(['MoveTablesToIvrSchema1795801000000']);

    expect(sut).toBe(
      "The IVR's database schema is behind (1 migration pending: MoveTablesToIvrSchema1795801000000): run `npx ivr-migrate up`",
    );
  });

  it('spells out three names and counts the rest', () => {
    const sut = schemaBehindMessage(['A1', 'B2', 'C3', 'D4', 'E5']);

    expect(sut).toBe(
      "The IVR's database schema is behind (5 migrations pending: A1, B2, C3 and 2 more): run `npx ivr-migrate up`",
    );
    expect(sut).not.toContain('\n');
  });
});

describe('statusReport', () => {
  it('marks applied and pending migrations and says what to run', () => {
    expect(statusReport({ applied: ['A1'], pending: ['B2'] })).toEqual([
      '[x] A1',
      '[ ] B2',
      '1 applied, 1 pending: run `npx ivr-migrate up`',
    ]);
  });

  it('says when the schema is up to date', () => {
    expect(statusReport({ applied: ['A1', 'B2'], pending: [] }).at(-1)).toBe('Up to date: 2 applied');
  });
});
