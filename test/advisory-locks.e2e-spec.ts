import { ADVISORY_LOCKS } from '../src/database/advisory-locks.js';
import { RetentionService } from '../src/retention/retention.service.js';
import { adminClient } from './helpers/admin-client.js';
import { pollUntil, within } from './helpers/deadline.js';
import { useTestApp } from './helpers/use-test-app.js';

/** Regression: retention and holiday edits once shared one key, so each waited for, or skipped because of, the other. */
describe('advisory locks (e2e)', () => {
  const ctx = useTestApp();

  /** Takes a session lock on a connection of its own, as another instance would; resolves to its release. */
  async function holdLock(key: number): Promise<() => Promise<void>> {
    const runner = ctx.dataSource.createQueryRunner();
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    return async () => {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
      await runner.release();
    };
  }

  const createHoliday = (date: string): Promise<number> =>
    adminClient(ctx.app)
      .post('/admin/holidays', { date, name: 'Holiday' })
      .then((response) => response.status);

  it('lets a holiday edit through while another instance runs the purge', async () => {
    const release = await holdLock(ADVISORY_LOCKS.retention);
    const edit = createHoliday('2026-12-25');
    try {
      expect(await within(edit, 3000)).toBe(201);
    } finally {
      await release();
      await edit;
    }
  });

  it('runs the purge while a holiday edit holds its lock', async () => {
    // The edit takes its lock, then waits here for the audit chain: its transaction stays open meanwhile.
    const release = await holdLock(ADVISORY_LOCKS.auditChain);
    const edit = createHoliday('2026-12-26');
    try {
      const held = await pollUntil(
        () =>
          ctx.dataSource.query<unknown[]>(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1::int8::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [ADVISORY_LOCKS.holidayEdit],
          ),
        (rows) => rows.length > 0,
        5000,
      );
      expect(held).toHaveLength(1);

      await expect(ctx.app.get(RetentionService).purge()).resolves.toMatchObject({ ran: true });
    } finally {
      await release();
    }
    expect(await edit).toBe(201);
  });
});
