import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { processAlive } from '../common/process-alive.js';
import { AppConfig } from '../config/app-config.js';

export const SPOOLED_ENDPOINTS = [
  'incoming',
  'gather',
  'dial-status',
  'voicemail',
  'recording',
  'status',
  'fallback',
] as const;
export type SpooledEndpoint = (typeof SPOOLED_ENDPOINTS)[number];

/** A webhook answered while the database was unreachable, kept to be written once it is back. */
export interface SpooledWebhook {
  readonly endpoint: SpooledEndpoint;
  readonly callSid: string;
  readonly accountSid?: string;
  readonly from?: string;
  readonly to?: string;
  readonly receivedAt: string;
  readonly idempotencyToken?: string;
  readonly requestId: string;
  /** What the handler was given (gather input, dial result, ...), as plain JSON. */
  readonly input: Readonly<Record<string, string | number | undefined>>;
}

// Bounded: an outage longer than this many webhooks per instance loses the newest, and says so.
const CAPACITY = 50_000;
const SPOOL_FOLDER = 'spool';

/**
 * A FIFO of spooled webhooks, in memory and appended to a file under DATA_DIR (one per process), so
 * a restart during an outage loses nothing: at startup the files of processes that are gone are
 * taken over. Replays are idempotent (receipts, menu rounds), so replaying an event twice is harmless.
 */
@Injectable()
export class WebhookSpool implements OnModuleInit {
  private readonly logger = new Logger(WebhookSpool.name);
  private readonly queue: SpooledWebhook[] = [];
  private readonly waitingByCall = new Map<string, number>();
  private readonly folder: string;
  private readonly file: string;
  private writes: Promise<void> = Promise.resolve();
  private dropped = 0;

  constructor(config: AppConfig) {
    this.folder = join(config.dataDir, SPOOL_FOLDER);
    // Several instances may share a process (tests) or a DATA_DIR (cluster workers): one file each.
    this.file = join(this.folder, `webhooks-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    for (const name of await readdir(this.folder)) {
      const pid = Number(/^webhooks-(\d+)-[0-9a-f]+\.jsonl$/.exec(name)?.[1]);
      // Only files of processes that are gone: a live process (this one included) replays its own.
      if (!pid || processAlive(pid)) continue;
      const path = join(this.folder, name);
      const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
      for (const line of lines) this.remember(JSON.parse(line) as SpooledWebhook);
      await rm(path, { force: true });
      if (lines.length > 0) this.logger.warn({ event: 'spool.recovered', webhooks: lines.length, from: name });
    }
    await this.rewrite();
  }

  get size(): number {
    return this.queue.length;
  }

  /** Whether webhooks of this call are still waiting to be written. */
  holds(callSid: string): boolean {
    return this.waitingByCall.has(callSid);
  }

  get droppedCount(): number {
    return this.dropped;
  }

  push(event: SpooledWebhook): void {
    if (this.queue.length >= CAPACITY) {
      this.dropped += 1;
      this.logger.error({
        event: 'spool.full',
        callSid: event.callSid,
        endpoint: event.endpoint,
        dropped: this.dropped,
      });
      return;
    }
    this.remember(event);
    this.enqueueWrite(() => appendFile(this.file, `${JSON.stringify(event)}\n`));
  }

  peek(): SpooledWebhook | undefined {
    return this.queue[0];
  }

  /** Drops the oldest event once it has been written to the database; the file is compacted when the spool empties. */
  shift(): void {
    const event = this.queue.shift();
    if (event) {
      const waiting = (this.waitingByCall.get(event.callSid) ?? 1) - 1;
      if (waiting > 0) this.waitingByCall.set(event.callSid, waiting);
      else this.waitingByCall.delete(event.callSid);
    }
    if (this.queue.length === 0) this.enqueueWrite(() => this.rewrite());
  }

  /** Waits for pending file writes (tests, shutdown). */
  async flushed(): Promise<void> {
    await this.writes;
  }

  private remember(event: SpooledWebhook): void {
    this.queue.push(event);
    this.waitingByCall.set(event.callSid, (this.waitingByCall.get(event.callSid) ?? 0) + 1);
  }

  private async rewrite(): Promise<void> {
    await writeFile(this.file, this.queue.map((event) => `${JSON.stringify(event)}\n`).join(''), { mode: 0o600 });
  }

  // File writes happen one after another, in the order of the queue.
  private enqueueWrite(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.logger.error({ event: 'spool.write_failed', error: error instanceof Error ? error.message : 'unknown' });
    });
  }
}
