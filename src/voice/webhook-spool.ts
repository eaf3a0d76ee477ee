import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { processAlive } from '../common/process-alive.js';
import { AppConfig } from '../config/app-config.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import { parseSpoolLine, toSpoolLine } from './spool-line.js';

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
  private readonly queue: WebhookEvent[] = [];
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
      await this.recover(path, name);
    }
    await this.rewrite();
  }

  /** Takes over a file of a process that is gone; lines that are not events are set aside beside it, not replayed. */
  private async recover(path: string, name: string): Promise<void> {
    const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
    const unreadable: string[] = [];
    for (const line of lines) {
      const event = parseSpoolLine(line);
      if (event) this.remember(event);
      else unreadable.push(line);
    }
    if (unreadable.length > 0) {
      await appendFile(join(this.folder, `unreadable-${name}`), unreadable.map((line) => `${line}\n`).join(''), {
        mode: 0o600,
      });
      this.logger.error({ event: 'spool.unreadable_lines', lines: unreadable.length, from: name });
    }
    await rm(path, { force: true });
    const recovered = lines.length - unreadable.length;
    if (recovered > 0) this.logger.warn({ event: 'spool.recovered', webhooks: recovered, from: name });
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

  push(event: WebhookEvent): void {
    if (this.queue.length >= CAPACITY) {
      this.dropped += 1;
      this.logger.error({
        event: 'spool.full',
        callSid: event.callSid,
        kind: event.kind,
        dropped: this.dropped,
      });
      return;
    }
    this.remember(event);
    this.enqueueWrite(() => appendFile(this.file, toSpoolLine(event)));
  }

  peek(): WebhookEvent | undefined {
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

  private remember(event: WebhookEvent): void {
    this.queue.push(event);
    this.waitingByCall.set(event.callSid, (this.waitingByCall.get(event.callSid) ?? 0) + 1);
  }

  private async rewrite(): Promise<void> {
    await writeFile(this.file, this.queue.map(toSpoolLine).join(''), { mode: 0o600 });
  }

  // File writes happen one after another, in the order of the queue.
  private enqueueWrite(write: () => Promise<void>): void {
    this.writes = this.writes.then(write).catch((error: unknown) => {
      this.logger.error({ event: 'spool.write_failed', error: error instanceof Error ? error.message : 'unknown' });
    });
  }
}
