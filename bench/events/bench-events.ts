// `npm run bench:events`: the built server delivers a backlog of events to a webhook receiver on 127.0.0.1.
// Usage: tsx bench/events/bench-events.ts [--events 100000] [--calls-per-event 5]. Everything it starts, it stops.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { RssSampler, cpuSeconds, loadAverage, toMiB } from '../proc-stats.js';
import { isMemoryFlat, type RssCheckpoint } from '../report.js';
import {
  type DatabaseChoice,
  type RunningTarget,
  chooseDatabase,
  databaseUrlOf,
  removeEmbeddedDatabase,
  startApp,
} from '../targets.js';
import { BENCH_ADMIN_TOKENS } from '../twilio-webhooks.js';

const TARGET_EVENTS_PER_SECOND = 1000;
// One request in this many has its signature checked here (by the reference library): it costs this process, not the app.
const VERIFY_ONE_IN = 100;

const progress = (message: string): void => {
  process.stderr.write(`[bench:events] ${message}\n`);
};

/** The company's receiver: counts each event id once, and its repeats. */
class Receiver {
  readonly ids = new Set<string>();
  repeats = 0;
  requests = 0;
  badSignatures = 0;
  secret = '';
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests += 1;
        const id = String(request.headers['webhook-id']);
        if (this.ids.has(id)) this.repeats += 1;
        else this.ids.add(id);
        if (this.requests % VERIFY_ONE_IN === 1) {
          try {
            new Webhook(this.secret).verify(
              Buffer.concat(chunks).toString('utf8'),
              request.headers as Record<string, string>,
            );
          } catch {
            this.badSignatures += 1;
          }
        }
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/events`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** `count` events of `count / perCall` calls, each call's numbered 1…perCall, written as the call flow writes them. */
async function fillOutbox(client: pg.Client, count: number, perCall: number): Promise<void> {
  await client.query(
    `INSERT INTO ivr.outbox (id, type, call_sid, sequence, occurred_at, data)
     SELECT gen_random_uuid(), 'call.ended', 'CAbench' || lpad((n / $2)::text, 10, '0'), n % $2 + 1, now(),
            jsonb_build_object('outcome', 'connected', 'from', '+15550001111', 'to', '+15550002222', 'attempts', 1)
     FROM generate_series(0, $1 - 1) AS n`,
    [count, perCall],
  );
}

interface Result {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly repeats: number;
  readonly badSignatures: number;
  readonly peakRssMiB: number;
  readonly checkpoints: RssCheckpoint[];
  readonly memoryFlat: boolean | null;
  readonly appCpuCores: number;
  readonly databaseCpuCores: number;
  readonly pendingAfter: number;
}

async function measure(app: RunningTarget, databaseUrl: string, events: number, perCall: number): Promise<Result> {
  const receiver = new Receiver();
  const url = await receiver.start();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const token = BENCH_ADMIN_TOKENS.split(':')[2];
    const created = await fetch(`http://127.0.0.1:${app.port}/admin/webhook-endpoints`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url, eventTypes: ['call.ended'] }),
    });
    if (created.status !== 201) throw new Error(`creating the endpoint answered ${created.status}`);
    receiver.secret = ((await created.json()) as { secret: string }).secret;

    const sampler = new RssSampler(app.process.pid).start();
    const cpuBefore = cpuSeconds(app.process.pid);
    const checkpoints: RssCheckpoint[] = [];
    progress(`writing ${events} events (${events / perCall} calls) into the outbox`);
    await fillOutbox(client, events, perCall);
    const started = performance.now();
    for (const percent of [10, 50, 100]) {
      while (receiver.ids.size < (events * percent) / 100) await sleep(50);
      checkpoints.push({ percent, rssMiB: toMiB(sampler.current()) });
      progress(`${percent}% delivered after ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuSeconds(app.process.pid);
    sampler.stop();
    // The last results are written just after the last request.
    await sleep(1000);
    const [{ pending }] = (
      await client.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM ivr.event_deliveries WHERE status <> 'delivered'`,
      )
    ).rows;
    return {
      events,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(events / seconds),
      repeats: receiver.repeats,
      badSignatures: receiver.badSignatures,
      peakRssMiB: toMiB(sampler.peak),
      checkpoints,
      memoryFlat: isMemoryFlat(checkpoints),
      appCpuCores: Math.round(((cpuAfter.self - cpuBefore.self) / seconds) * 100) / 100,
      databaseCpuCores: Math.round(((cpuAfter.descendants - cpuBefore.descendants) / seconds) * 100) / 100,
      pendingAfter: pending,
    };
  } finally {
    await client.end();
    await receiver.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '100000' }, 'events-per-call': { type: 'string', default: '5' } },
  });
  const events = Number(values.events);
  const perCall = Number(values['events-per-call']);
  const database: DatabaseChoice = await chooseDatabase(process.env.DATABASE_URL);
  let app: RunningTarget | undefined;
  try {
    progress('starting the built server (node dist/src/main.js)');
    app = await startApp(database, null, { WEBHOOKS_ALLOW_HTTP: 'true', WEBHOOKS_ALLOWED_RANGES: '127.0.0.1/32' });
    const result = await measure(app, databaseUrlOf(database), events, perCall);
    const verdict = result.eventsPerSecond >= TARGET_EVENTS_PER_SECOND ? 'meets' : 'MISSES';
    console.log(
      [
        `events delivered      ${result.events} in ${result.seconds} s: ${result.eventsPerSecond} events/s (${verdict} the ${TARGET_EVENTS_PER_SECOND}/s target)`,
        `repeated deliveries   ${result.repeats}; signatures checked bad: ${result.badSignatures}; not delivered after: ${result.pendingAfter}`,
        `app RSS               ${result.checkpoints.map((checkpoint) => `${checkpoint.percent}%: ${checkpoint.rssMiB} MiB`).join(', ')}; peak ${result.peakRssMiB} MiB; flat: ${String(result.memoryFlat)}`,
        `CPU cores             app ${result.appCpuCores}, PostgreSQL ${result.databaseCpuCores}; load average ${loadAverage()}`,
      ].join('\n'),
    );
    console.log(JSON.stringify(result));
    if (result.pendingAfter > 0 || result.badSignatures > 0) process.exitCode = 1;
  } finally {
    await app?.process.stop(30_000);
    await removeEmbeddedDatabase(database);
  }
}

await main();
