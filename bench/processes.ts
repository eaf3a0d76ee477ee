import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_DISTINCT_MESSAGES = 8;
const TAIL_LINES = 40;

/**
 * Reads a server's log lines: counts pino's error/fatal (50/60) and warn (40) lines, keeps a few
 * distinct messages (to report anything odd) and the last lines (to explain a failed start).
 */
export class LogWatch {
  errors = 0;
  warnings = 0;
  /** Lines that are not pino JSON (stack traces, console.error). */
  other = 0;
  readonly messages = new Map<string, number>();
  private readonly tail: string[] = [];

  add(line: string): void {
    if (!line.trim()) return;
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
    const entry = parseJson(line);
    const level = entry && typeof entry.level === 'number' ? entry.level : null;
    if (level !== null && level < 40) return;
    if (level === null) this.other += 1;
    else if (level >= 50) this.errors += 1;
    else this.warnings += 1;
    const message = entry ? describe(entry) : line;
    const key = message.slice(0, 200);
    if (this.messages.has(key) || this.messages.size < MAX_DISTINCT_MESSAGES)
      this.messages.set(key, (this.messages.get(key) ?? 0) + 1);
  }

  lastLines(): string {
    return this.tail.join('\n');
  }
}

function parseJson(line: string): Record<string, unknown> | null {
  if (!line.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The level, message and the fields that say where: enough to tell two problems apart. */
function describe(entry: Record<string, unknown>): string {
  const parts = [`level ${String(entry.level)}`];
  for (const key of ['context', 'msg', 'event', 'reason', 'url', 'err']) {
    const value = entry[key];
    if (value === undefined) continue;
    parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value).slice(0, 160)}`);
  }
  const request = entry.req as { url?: string } | undefined;
  const response = entry.res as { statusCode?: number } | undefined;
  if (request?.url !== undefined) parts.push(`req=${request.url}`);
  if (response?.statusCode !== undefined) parts.push(`status=${response.statusCode}`);
  return parts.join(' ');
}

/** A child process this benchmark started: its pid, its log, and a way to stop it that always ends. */
export class ManagedProcess {
  readonly log = new LogWatch();
  readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcess,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (line) => this.log.add(line));
    }
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? null : 0);
        resolve(this.exitCode);
      }),
    );
  }

  static start(label: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv): ManagedProcess {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid === undefined) throw new Error(`${label}: could not start ${command}`);
    return new ManagedProcess(label, child);
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Polls `url` until it answers 2xx; fails early if the process exits. */
  async waitUntilReady(url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.label} exited before it was ready:\n${this.log.lastLines()}`);
      const ready = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return;
      await sleep(200);
    }
    throw new Error(`${this.label} was not ready within ${timeoutMs / 1000} s:\n${this.log.lastLines()}`);
  }

  /** SIGTERM (the app's graceful shutdown also stops its embedded PostgreSQL), SIGKILL if that takes too long. */
  async stop(graceMs = 30_000): Promise<number | null> {
    if (!this.running) return this.exitCode ?? null;
    this.child.kill('SIGTERM');
    const code = await Promise.race([this.exited, sleep(graceMs).then(() => 'timeout' as const)]);
    if (code !== 'timeout') return code;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** Last resort on an abrupt exit of the benchmark itself: synchronous. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
