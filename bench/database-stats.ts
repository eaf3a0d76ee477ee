import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { BenchMenu } from './call-flow.js';

// Marks the probe's own statements, so they are left out of the per-webhook statement counts.
const PROBE = '/* bench-probe */';
// PostgreSQL's PGSTAT_IDLE_INTERVAL (10 s), plus a margin.
const STATS_IDLE_FLUSH_MS = 11_000;

/** Cumulative server counters for the app's database at one instant. */
export interface DatabaseCounters {
  /** pg_stat_database: xact_commit + xact_rollback. */
  readonly transactions: number;
  /** pg_stat_database: tup_inserted + tup_updated + tup_deleted. */
  readonly rowsWritten: number;
  /** pg_stat_statements, per normalised statement (null when the extension is not usable). */
  readonly statements: ReadonlyMap<string, StatementCounter> | null;
}

export interface StatementCounter {
  readonly query: string;
  readonly calls: number;
  readonly totalMs: number;
}

export interface RowCounts {
  readonly sessions: number;
  readonly endedSessions: number;
  readonly attempts: number;
  readonly receipts: number;
}

interface MenuRow {
  digit: string | null;
  keywords: string[];
  threshold: number;
}

/** A read-only view of the app's database from the side: its menu, its statistics and its row counts. */
export class DatabaseProbe {
  private statementsUsable = false;

  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<DatabaseProbe> {
    const client = new pg.Client({ connectionString: url, application_name: 'ivr-bench-probe' });
    await client.connect();
    return new DatabaseProbe(client);
  }

  get hasStatementCounts(): boolean {
    return this.statementsUsable;
  }

  /** Creates pg_stat_statements if the server preloads it; counting statements needs both. */
  async enableStatementCounts(): Promise<boolean> {
    try {
      const { rows } = await this.client.query<{ preload: string }>(
        `${PROBE} SELECT current_setting('shared_preload_libraries') AS preload`,
      );
      if (!rows[0].preload.split(',').some((name) => name.trim() === 'pg_stat_statements')) return false;
      await this.client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await this.client.query(`${PROBE} SELECT count(*) FROM pg_stat_statements`);
      this.statementsUsable = true;
    } catch {
      this.statementsUsable = false;
    }
    return this.statementsUsable;
  }

  /** Asks the server to load pg_stat_statements at its next start (the embedded database only: it is ours). */
  async preloadStatementCounts(): Promise<void> {
    await this.client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
  }

  /** The active departments' digits and keywords, and the confidence that routes speech to any of them. */
  async menu(): Promise<BenchMenu> {
    const { rows } = await this.client.query<MenuRow>(
      `${PROBE} SELECT d.digit, d.keywords, COALESCE(d.confidence_threshold, s.min_confidence) AS threshold
       FROM ivr.departments d CROSS JOIN ivr.settings s WHERE d.active`,
    );
    const digits = rows.flatMap((row) => (row.digit === null ? [] : [row.digit]));
    const keywords = rows.flatMap((row) => row.keywords);
    if (digits.length === 0 && keywords.length === 0) throw new Error('The menu is empty: seed it first.');
    return { digits, keywords, minRoutingConfidence: Math.max(0, ...rows.map((row) => Number(row.threshold))) };
  }

  /**
   * Puts the departments `depth` levels down: the root menu and each submenu below it get an option on 9 to the
   * next one; the last holds every active department on its own digit (and its keywords). Callers hear the root's
   * departments too, as the upgraded menu has them.
   */
  async nestDepartments(depth: number): Promise<BenchMenu> {
    const menu = await this.menu();
    await this.client.query('BEGIN');
    try {
      let above = (await this.client.query<{ id: string }>(`SELECT id FROM ivr.menus WHERE is_root`)).rows[0].id;
      for (let level = 2; level <= depth; level++) {
        const { rows } = await this.client.query<{ id: string }>(
          `INSERT INTO ivr.menus (name, prompt) VALUES ($1, $2) RETURNING id`,
          [`Level ${level}`, `This is menu level ${level}.`],
        );
        await this.client.query(
          `INSERT INTO ivr.menu_options (menu_id, digit, keywords, action, target_menu_id) VALUES ($1, '9', '{}', 'menu', $2)`,
          [above, rows[0].id],
        );
        above = rows[0].id;
      }
      await this.client.query(
        `INSERT INTO ivr.menu_options (menu_id, position, digit, action, department_id)
         SELECT $1, position, digit, 'department', id FROM ivr.departments WHERE active`,
        [above],
      );
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK');
      throw error;
    }
    return { ...menu, submenuDigits: Array.from({ length: depth - 1 }, () => '9') };
  }

  async rowCounts(): Promise<RowCounts> {
    const { rows } = await this.client.query<Record<keyof RowCounts, string>>(
      `${PROBE} SELECT (SELECT count(*) FROM ivr.call_sessions) AS sessions,
              (SELECT count(*) FROM ivr.call_sessions WHERE ended_at IS NOT NULL) AS "endedSessions",
              (SELECT count(*) FROM ivr.call_attempts) AS attempts,
              (SELECT count(*) FROM ivr.webhook_receipts) AS receipts`,
    );
    const row = rows[0];
    return {
      sessions: Number(row.sessions),
      endedSessions: Number(row.endedSessions),
      attempts: Number(row.attempts),
      receipts: Number(row.receipts),
    };
  }

  async counters(): Promise<DatabaseCounters> {
    const { rows } = await this.client.query<{ transactions: string; rowsWritten: string }>(
      `${PROBE} SELECT xact_commit + xact_rollback AS transactions,
              tup_inserted + tup_updated + tup_deleted AS "rowsWritten"
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    return {
      transactions: Number(rows[0].transactions),
      rowsWritten: Number(rows[0].rowsWritten),
      statements: this.statementsUsable ? await this.statementCounters() : null,
    };
  }

  /**
   * Counters once every backend has reported. A backend that goes idle less than a second after its
   * last report holds its statistics back for PGSTAT_IDLE_INTERVAL (10 s), so wait that out, then
   * read until two readings agree. (pg_stat_statements is updated at once; this is for pg_stat_database.)
   */
  async settledCounters(): Promise<DatabaseCounters> {
    await sleep(STATS_IDLE_FLUSH_MS);
    let previous = await this.counters();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await sleep(1000);
      const current = await this.counters();
      if (current.transactions === previous.transactions && current.rowsWritten === previous.rowsWritten)
        return current;
      previous = current;
    }
    return previous;
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async statementCounters(): Promise<Map<string, StatementCounter>> {
    const { rows } = await this.client.query<{ id: string; query: string; calls: string; totalMs: number }>(
      `${PROBE} SELECT s.queryid::text AS id, s.query, s.calls, s.total_exec_time AS "totalMs"
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = current_database() AND s.query NOT LIKE '%bench-probe%'`,
    );
    return new Map(
      rows.map((row) => [row.id, { query: row.query, calls: Number(row.calls), totalMs: Number(row.totalMs) }]),
    );
  }
}

export interface DatabaseWork {
  readonly transactions: number;
  readonly rowsWritten: number;
  readonly statements: number | null;
  /** The statements that took the most time in the server, with their count and mean execution time. */
  readonly topStatements: readonly { query: string; calls: number; meanMs: number }[];
}

/** What happened in the database between two readings. */
export function databaseWork(before: DatabaseCounters, after: DatabaseCounters): DatabaseWork {
  let statements: number | null = null;
  const top: { query: string; calls: number; meanMs: number }[] = [];
  if (before.statements && after.statements) {
    statements = 0;
    for (const [id, counter] of after.statements) {
      const calls = counter.calls - (before.statements.get(id)?.calls ?? 0);
      const totalMs = counter.totalMs - (before.statements.get(id)?.totalMs ?? 0);
      if (calls <= 0) continue;
      statements += calls;
      top.push({ query: counter.query.replace(/\s+/g, ' ').slice(0, 110), calls, meanMs: totalMs / calls });
    }
    top.sort((a, b) => b.calls * b.meanMs - a.calls * a.meanMs);
  }
  return {
    transactions: after.transactions - before.transactions,
    rowsWritten: after.rowsWritten - before.rowsWritten,
    statements,
    topStatements: top.slice(0, 12),
  };
}
