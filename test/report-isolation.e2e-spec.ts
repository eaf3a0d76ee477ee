import type { Response } from 'supertest';
import { MetricsService } from '../src/metrics/metrics.service.js';
import { fillBenchData } from '../bench/reports/bench-data.js';
import { viewerClient } from './helpers/admin-client.js';
import { callParams, dataSourceOf, newCallSid, signedPost } from './helpers/test-app.js';
import { expectReportTimeout } from './helpers/reporting.js';
import { useTestApp } from './helpers/use-test-app.js';

// The reports benchmark's generator: 100,000 calls over the 365 days before END, written in SQL in seconds.
const CALLS = 100_000;
const END = '2026-01-01T00:00:00Z';
const WHOLE_YEAR = 'from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z';
const LAST_WEEK = { from: '2025-12-25T00:00:00Z', to: '2026-01-01T00:00:00Z' };
const CSV_EXPORT = `/admin/call-sessions?format=csv&from=${LAST_WEEK.from}&to=${LAST_WEEK.to}`;
const HEAVY_REPORTS = [
  `/admin/reports/summary?${WHOLE_YEAR}`,
  `/admin/reports/timeseries?${WHOLE_YEAR}&interval=day`,
  CSV_EXPORT,
];
const PARALLEL_REPORTS = 40;
/** The default (see REPORT_POOL_SIZE). */
const REPORT_POOL_SIZE = 2;
const WAVES = 3;
/**
 * Well under the webhook path's 1.5 s database deadline (past it a webhook is answered from the cached
 * menu and spooled): a bucket of the app's own ivr_webhook_duration_seconds histogram.
 */
const WEBHOOK_SECONDS = 1;

interface AnsweredWebhook {
  readonly callSid: string;
  readonly status: number;
}

interface WebhookTimes {
  readonly answered: number;
  readonly withinBound: number;
}

describe('reports beside live calls (e2e)', () => {
  const ctx = useTestApp();

  beforeAll(async () => {
    const queryRunner = dataSourceOf(ctx.app).createQueryRunner();
    try {
      await fillBenchData(queryRunner, CALLS, END);
    } finally {
      await queryRunner.release();
    }
  }, 120_000);

  const spooledWebhooks = async (): Promise<number> =>
    (await ctx.app.get(MetricsService).spooledWebhooks.get()).values.reduce((sum, { value }) => sum + value, 0);

  /**
   * Webhooks answered so far, and those answered within WEBHOOK_SECONDS, as the app measured them
   * (from arrival to response). Timed on the client, a webhook sent along with a wave would also
   * include the time this process spends sending and reading the 40 reports' requests.
   */
  async function webhookTimes(): Promise<WebhookTimes> {
    const { values } = await ctx.app.get(MetricsService).webhookDuration.get();
    const count = (le: number | string): number =>
      values
        .filter(
          (sample) => sample.metricName?.endsWith('_bucket') && (sample.labels as Record<string, unknown>).le === le,
        )
        .reduce((sum, { value }) => sum + value, 0);
    return { answered: count('+Inf'), withinBound: count(WEBHOOK_SECONDS) };
  }

  /** WAVES waves of PARALLEL_REPORTS heavy reports at once, with a viewer's token. */
  async function reportWaves(): Promise<Response[]> {
    const responses: Response[] = [];
    for (let wave = 0; wave < WAVES; wave++) {
      const requests = Array.from({ length: PARALLEL_REPORTS }, (_, index) =>
        viewerClient(ctx.app).get(HEAVY_REPORTS[index % HEAVY_REPORTS.length]),
      );
      responses.push(...(await Promise.all(requests)));
    }
    return responses;
  }

  /** New calls, one after the other, until `done` settles. */
  async function webhooksUntil(done: Promise<unknown>): Promise<AnsweredWebhook[]> {
    let finished = false;
    const settle = (): void => {
      finished = true;
    };
    void done.then(settle, settle);
    const answered: AnsweredWebhook[] = [];
    while (!finished) {
      const callSid = newCallSid();
      const response = await signedPost(ctx.app, '/voice/incoming', callParams(callSid, { CallStatus: 'ringing' }));
      answered.push({ callSid, status: response.status });
    }
    return answered;
  }

  it('answers every webhook from the database while 40 heavy reports run at once, and refuses the excess with 503', async () => {
    const spooledBefore = await spooledWebhooks();
    const timesBefore = await webhookTimes();

    const reports = reportWaves();
    const webhooks = await webhooksUntil(reports);
    const responses = await reports;

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    const refused = responses.filter((response) => response.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) {
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.body.code).toBe('REPORT.BUSY');
    }
    expect(webhooks.length).toBeGreaterThanOrEqual(3);
    expect(webhooks.filter((webhook) => webhook.status !== 200)).toEqual([]);
    const times = await webhookTimes();
    expect(times.answered - timesBefore.answered).toBe(webhooks.length);
    expect(times.withinBound - timesBefore.withinBound).toBe(webhooks.length);
    // Answered from the database: nothing went to the outage spool, and every session was written.
    expect((await spooledWebhooks()) - spooledBefore).toBe(0);
    const [{ written }] = await dataSourceOf(ctx.app).query<{ written: number }[]>(
      'SELECT count(*)::int AS written FROM ivr.call_sessions WHERE call_sid = ANY($1)',
      [webhooks.map((webhook) => webhook.callSid)],
    );
    expect(written).toBe(webhooks.length);
    // The exports that ran are whole (their later batches waited their turn), and reports had a pool of their own.
    const [{ rows }] = await dataSourceOf(ctx.app).query<{ rows: number }[]>(
      'SELECT count(*)::int AS rows FROM ivr.call_sessions WHERE started_at >= $1 AND started_at < $2',
      [LAST_WEEK.from, LAST_WEEK.to],
    );
    const exports = responses.filter((response) => response.status === 200 && response.type === 'text/csv');
    expect(exports.map((response) => response.text.split('\r\n').length - 2)).toEqual(exports.map(() => rows));
    const [{ connections }] = await dataSourceOf(ctx.app).query<{ connections: number }[]>(
      `SELECT count(*)::int AS connections FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'twilio-ivr-reports'`,
    );
    expect(connections).toBeGreaterThan(0);
    expect(connections).toBeLessThanOrEqual(REPORT_POOL_SIZE);
  }, 90_000);

  it('answers 503 with Retry-After when a report query outlasts the statement timeout', async () => {
    await expectReportTimeout(
      ctx.databaseUrl,
      dataSourceOf(ctx.app),
      'ivr.call_sessions',
      `/admin/reports/summary?${WHOLE_YEAR}`,
    );
  });

  it.each([
    '/admin/reports/summary?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    '/admin/reports/timeseries?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=day',
  ])('refuses %s (over 366 days) with 400 naming the limit', async (path) => {
    const response = await viewerClient(ctx.app).get(path).expect(400);

    expect(response.body.message).toContain('the range may span at most 366 days');
  });
});
