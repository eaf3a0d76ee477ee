import { parseArgs } from 'node:util';

export type TargetName = 'minimal' | 'app';

export interface BenchOptions {
  readonly concurrency: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly thinkMs: number;
  /** Calls per target instead of a duration: the memory-flatness mode (e.g. 100000). */
  readonly calls: number | null;
  readonly speechRatio: number;
  readonly noAnswerRatio: number;
  readonly seed: number;
  readonly targets: readonly TargetName[];
  /** Restart the embedded database once with pg_stat_statements loaded, to count statements. */
  readonly countStatements: boolean;
  readonly requestTimeoutMs: number;
  /** Hard stop for the whole run, whatever happens. */
  readonly maxSeconds: number;
  /** Folder for a V8 CPU profile of the app (node --cpu-prof), written when it stops. */
  readonly cpuProfileDir: string | null;
  /** Levels of menu a call goes through before it picks a department (1: the root menu only). */
  readonly menuDepth: number;
}

export const USAGE = `Usage: tsx bench/run.ts [options]
  --concurrency N      simultaneous connections / calls in flight (64)
  --seconds S          measured duration per target (60)
  --warmup S           unmeasured warm-up per target (5)
  --think-ms MS        mean pause between a call's webhooks, ±50% (0)
  --calls N            run N calls per target instead of --seconds; reports RSS at 10/50/100% (e.g. 100000)
  --speech-ratio R     share of callers who speak instead of pressing a key (0.25)
  --no-answer-ratio R  share of dialled departments that do not answer: voicemail path (0.3)
  --seed N             seed of the call mix (1)
  --target T           minimal, app or both (both)
  --no-statements      do not restart the embedded database with pg_stat_statements
  --timeout-ms MS      per-webhook timeout, counted as an error (15000, Twilio's cap)
  --max-seconds S      abort the whole run after S seconds (default: generous for the chosen mode)
  --cpu-prof DIR       write a V8 CPU profile of the app into DIR (open it in Chrome DevTools)
  --menu-depth N       levels of menu each call goes through, 1-5 (1): the app's database gets submenus on 9
Environment: DATABASE_URL (optional; its database name must contain "bench" or "test").`;

function number(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`--${name} must be a number between ${min} and ${max}, got "${raw}"`);
  return value;
}

const integer = (raw: string | undefined, name: string, fallback: number, min: number, max: number): number =>
  Math.round(number(raw, name, fallback, min, max));

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      concurrency: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'think-ms': { type: 'string' },
      calls: { type: 'string' },
      'speech-ratio': { type: 'string' },
      'no-answer-ratio': { type: 'string' },
      seed: { type: 'string' },
      target: { type: 'string' },
      'no-statements': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      'max-seconds': { type: 'string' },
      'cpu-prof': { type: 'string' },
      'menu-depth': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const target = values.target ?? 'both';
  if (!['minimal', 'app', 'both'].includes(target)) throw new Error('--target must be minimal, app or both');
  const seconds = number(values.seconds, 'seconds', 60, 1, 3600);
  const warmupSeconds = number(values.warmup, 'warmup', 5, 0, 600);
  const calls = values.calls === undefined ? null : integer(values.calls, 'calls', 0, 1, 10_000_000);
  // Duration mode: both targets' warm-up and measurement plus start-up; calls mode: an hour per target.
  const defaultMax = calls === null ? 2 * (seconds + warmupSeconds) + 300 : 7200;
  return {
    concurrency: integer(values.concurrency, 'concurrency', 64, 1, 4096),
    seconds,
    warmupSeconds,
    thinkMs: number(values['think-ms'], 'think-ms', 0, 0, 60_000),
    calls,
    speechRatio: number(values['speech-ratio'], 'speech-ratio', 0.25, 0, 1),
    noAnswerRatio: number(values['no-answer-ratio'], 'no-answer-ratio', 0.3, 0, 1),
    seed: integer(values.seed, 'seed', 1, 0, 2 ** 32 - 1),
    targets: target === 'both' ? ['minimal', 'app'] : [target as TargetName],
    countStatements: !values['no-statements'],
    requestTimeoutMs: integer(values['timeout-ms'], 'timeout-ms', 15_000, 100, 60_000),
    maxSeconds: number(values['max-seconds'], 'max-seconds', defaultMax, 10, 86_400),
    cpuProfileDir: values['cpu-prof'] ?? null,
    menuDepth: integer(values['menu-depth'], 'menu-depth', 1, 1, 5),
  };
}
