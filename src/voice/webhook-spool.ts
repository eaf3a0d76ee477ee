import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { appendFile, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { IvrConfig } from '../ivr-options.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import { parseSpoolLine, toSpoolLine } from './spool-line.js';

// Bounded: an outage longer than this many webhooks per instance loses the newest, and says so.
const CAPACITY = 50_000;
const SPOOL_FILE = /^webhooks-[\w-]+\.jsonl$/;
/** How often an instance marks its spool file as still owned (its modification time). */
export const SPOOL_HEARTBEAT_MS = 10_000;
/** A spool file not marked for this long belongs to an instance that is gone: another takes it over. */
export const SPOOL_STALE_MS = 6 * SPOOL_HEARTBEAT_MS;

/**
 * A FIFO of spooled webhooks, in memory and appended to a file under DATA_DIR (one per instance), so
 * a restart during an outage loses nothing. Ownership is a heartbeat, not a process id (in a container
 * the app is PID 1 after every restart): each instance refreshes its file's modification time, and a
 * file left unrefreshed is taken over by a live instance, at startup and while running. A takeover
 * first renames the file, so only one instance gets it. Replays are idempotent (receipts, menu
 * rounds), so replaying an event twice is harmless.
 */
@Injectable()
export class WebhookSpool implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookSpool.name);
  private readonly queue: WebhookEvent[] = [];
  private readonly waitingByCall = new Map<string, number>();
  private readonly folder: string;
  private readonly name: string;
  private readonly file: string;
  private writes: Promise<void> = Promise.resolve();
  private dropped = 0;
  private heartbeatTimer: NodeJS.Timeout | null = null;

  constructor(config: IvrConfig) {
    this.folder = config.spoolDir;
    // Several instances may share a process (tests) or a DATA_DIR (cluster workers): one file each.
    this.name = `webhooks-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`;
    this.file = join(this.folder, this.name);
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await this.rewrite();
    await this.takeOverAbandoned();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), SPOOL_HEARTBEAT_MS);
    this.heartbeatTimer.unref();
  }

  /** An empty spool leaves no file behind; a full one stays, for the next instance to take over. */
  async onApplicationShutdown(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    await this.flushed();
    if (this.queue.length === 0) await rm(this.file, { force: true });
  }

  /** Marks this instance's file as owned, then takes over files whose owners stopped marking theirs. */
  async heartbeat(): Promise<void> {
    this.enqueueWrite(async () => {
      const now = new Date();
      await utimes(this.file, now, now);
    });
    await this.flushed();
    await this.takeOverAbandoned().catch((error: unknown) =>
      this.logger.error({ event: 'spool.takeover_failed', error: error instanceof Error ? error.message : 'unknown' }),
    );
  }

  private async takeOverAbandoned(): Promise<void> {
    let recovered = false;
    for (const name of await readdir(this.folder)) {
      if (name === this.name || !SPOOL_FILE.test(name)) continue;
      const path = join(this.folder, name);
      const modified = await stat(path).then(
        (found) => found.mtimeMs,
        () => null,
      );
      if (modified === null || Date.now() - modified < SPOOL_STALE_MS) continue;
      // Whoever renames it first owns it; marked fresh at once, so that nobody takes it from us while we read it.
      // Should we crash before it is read, it goes stale again and another instance takes it over.
      const taken = join(this.folder, `webhooks-taken-${randomBytes(6).toString('hex')}.jsonl`);
      const ours = await rename(path, taken).then(
        () => true,
        () => false,
      );
      if (!ours) continue;
      const now = new Date();
      await utimes(taken, now, now);
      await this.recover(taken, name);
      recovered = true;
    }
    if (recovered) {
      this.enqueueWrite(() => this.rewrite());
      await this.flushed();
    }
  }

  /** Takes over an abandoned file; lines that are not events are set aside beside it, not replayed. */
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
