import { Logger } from '@nestjs/common';
import { chmod, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ivrConfigForTests } from '../../test/helpers/app-config.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import { SPOOL_STALE_MS, WebhookSpool } from './webhook-spool.js';

function event(callSid: string, kind: 'incoming' | 'voicemail' = 'incoming'): WebhookEvent {
  return { kind, callSid, receivedAt: new Date('2026-11-27T10:00:00.000Z'), requestId: 'r1' };
}

/** What a file looks like once its instance stopped refreshing it. */
async function abandon(path: string): Promise<void> {
  const then = new Date(Date.now() - SPOOL_STALE_MS - 1000);
  await utimes(path, then, then);
}

describe('WebhookSpool', () => {
  let dataDir: string;
  let started: WebhookSpool[] = [];
  // Take-overs are logged on purpose here: captured and asserted, not printed into the test output.
  let warnings: ReturnType<typeof vi.spyOn>;
  let errors: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spool-'));
    await chmod(dataDir, 0o755);
    warnings = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  // Stop every spool's heartbeat before its folder goes, so nothing writes there afterwards.
  afterEach(async () => {
    await Promise.allSettled(started.map((spool) => spool.onApplicationShutdown()));
    started = [];
    await rm(dataDir, { recursive: true, force: true });
    vi.restoreAllMocks();
  });

  async function spoolIn(directory: string): Promise<WebhookSpool> {
    const sut = new WebhookSpool(ivrConfigForTests({ dataDir: directory }));
    started.push(sut);
    await sut.onModuleInit();
    return sut;
  }

  it('keeps events in arrival order and knows which calls are waiting', async () => {
    const sut = await spoolIn(dataDir);
    sut.push(event('CA1'));
    sut.push(event('CA2'));
    sut.push(event('CA1', 'voicemail'));
    expect(sut.peek()).toMatchObject({ callSid: 'CA1', kind: 'incoming' });
    sut.shift();
    expect(sut.holds('CA1')).toBe(true);
    sut.shift();
    expect(sut.holds('CA2')).toBe(false);
    sut.shift();
    expect(sut.holds('CA1')).toBe(false);
    expect(sut.size).toBe(0);
  });

  it('writes each event to its file, and empties the file once everything is replayed', async () => {
    const sut = await spoolIn(dataDir);
    sut.push(event('CA1'));
    sut.push(event('CA2'));
    await sut.flushed();
    const [file] = await readdir(join(dataDir, 'spool'));
    expect(
      (await readFile(join(dataDir, 'spool', file), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as WebhookEvent).callSid),
    ).toEqual(['CA1', 'CA2']);
    sut.shift();
    sut.shift();
    await sut.flushed();
    expect(await readFile(join(dataDir, 'spool', file), 'utf8')).toBe('');
  });

  it('takes over the file of an instance that is gone (a restart during an outage), in order', async () => {
    const orphan = join(dataDir, 'spool', 'webhooks-999999-abcd1234.jsonl');
    const first = await spoolIn(dataDir);
    void first;
    await writeFile(
      orphan,
      `${JSON.stringify(event('CA-old-1'))}\n${JSON.stringify(event('CA-old-2', 'voicemail'))}\n`,
    );
    await abandon(orphan);
    const sut = await spoolIn(dataDir);
    expect(sut.size).toBe(2);
    expect(sut.peek()?.callSid).toBe('CA-old-1');
    expect((await readdir(join(dataDir, 'spool'))).includes('webhooks-999999-abcd1234.jsonl')).toBe(false);
    expect(warnings).toHaveBeenCalledWith({
      event: 'spool.recovered',
      webhooks: 2,
      from: 'webhooks-999999-abcd1234.jsonl',
    });
  });

  it('sets aside a line cut off by a crash and still takes over the rest', async () => {
    const orphan = join(dataDir, 'spool', 'webhooks-999998-abcd1234.jsonl');
    await spoolIn(dataDir);
    const cut = JSON.stringify(event('CA-cut')).slice(0, 30);
    await writeFile(orphan, `${JSON.stringify(event('CA-old-1'))}\n${cut}\n${JSON.stringify(event('CA-old-2'))}\n`);
    await abandon(orphan);
    const sut = await spoolIn(dataDir);
    expect(sut.size).toBe(2);
    expect(sut.peek()?.callSid).toBe('CA-old-1');
    expect(await readFile(join(dataDir, 'spool', 'unreadable-webhooks-999998-abcd1234.jsonl'), 'utf8')).toBe(
      `${cut}\n`,
    );
    expect(errors).toHaveBeenCalledWith({
      event: 'spool.unreadable_lines',
      lines: 1,
      from: 'webhooks-999998-abcd1234.jsonl',
    });
  });

  it('takes over a file named after a live process (PID 1 in a container) once nobody refreshes it', async () => {
    const previous = join(dataDir, 'spool', `webhooks-${process.pid}-0000cafe.jsonl`);
    await spoolIn(dataDir);
    await writeFile(previous, `${JSON.stringify(event('CA-before-restart'))}\n`);
    await abandon(previous);
    const sut = await spoolIn(dataDir);
    expect(sut.peek()?.callSid).toBe('CA-before-restart');
  });

  it('takes over, while running, a file that goes stale after startup (restarted within a minute)', async () => {
    const previous = join(dataDir, 'spool', 'webhooks-1-0000f00d.jsonl');
    await spoolIn(dataDir);
    await writeFile(previous, `${JSON.stringify(event('CA-recent'))}\n`);
    const sut = await spoolIn(dataDir);
    await sut.heartbeat();
    expect(sut.size).toBe(0);

    await abandon(previous);
    await sut.heartbeat();

    expect(sut.peek()?.callSid).toBe('CA-recent');
    await sut.onApplicationShutdown();
  });

  it('refreshes its own file on each heartbeat, so that no other instance takes it over', async () => {
    const sut = await spoolIn(dataDir);
    sut.push(event('CA-mine'));
    await sut.flushed();
    const [own] = await readdir(join(dataDir, 'spool'));
    await abandon(join(dataDir, 'spool', own));

    await sut.heartbeat();

    expect(Date.now() - (await stat(join(dataDir, 'spool', own))).mtimeMs).toBeLessThan(SPOOL_STALE_MS);
    const other = await spoolIn(dataDir);
    expect(other.size).toBe(0);
    expect(sut.size).toBe(1);
  });

  it('leaves no file behind when it stops empty, and keeps one that still holds webhooks', async () => {
    const empty = await spoolIn(dataDir);
    await empty.onApplicationShutdown();
    expect(await readdir(join(dataDir, 'spool'))).toEqual([]);

    const holding = await spoolIn(dataDir);
    holding.push(event('CA-waiting'));
    await holding.onApplicationShutdown();
    expect(await readdir(join(dataDir, 'spool'))).toHaveLength(1);
  });

  it('leaves a file that its instance keeps refreshing alone', async () => {
    const live = join(dataDir, 'spool', `webhooks-${process.pid}-0000beef.jsonl`);
    await spoolIn(dataDir);
    await writeFile(live, `${JSON.stringify(event('CA-live'))}\n`);
    const sut = await spoolIn(dataDir);
    expect(sut.size).toBe(0);
    expect(await readFile(live, 'utf8')).toContain('CA-live');
  });
});
