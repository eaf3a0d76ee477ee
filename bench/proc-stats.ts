import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const KIB = 1024;
const MIB = 1024 * 1024;

function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
const CLOCK_TICKS = clockTicksPerSecond();

/** VmRSS and VmHWM (peak) of a live process, in bytes; null once it is gone. */
export function readMemory(pid: number): { rss: number; peak: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * KIB;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

export const toMiB = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;

/**
 * Samples a process's resident memory every 250 ms: the peak is the larger of the highest sample
 * and the kernel's own high-water mark (VmHWM), which also catches spikes between samples.
 */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  private highestSample = 0;
  private lastPeak = 0;
  private lastRss = 0;

  constructor(private readonly pid: number) {}

  start(intervalMs = 250): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }

  /** Resident memory now (bytes). */
  current(): number {
    this.sample();
    return this.lastRss;
  }

  get peak(): number {
    return Math.max(this.highestSample, this.lastPeak);
  }

  private sample(): void {
    const memory = readMemory(this.pid);
    if (!memory) return;
    this.lastRss = memory.rss;
    this.lastPeak = memory.peak;
    this.highestSample = Math.max(this.highestSample, memory.rss);
  }
}

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly cpuTicks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields are counted after its closing one.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by a process and, separately, by all its descendants alive now (the embedded PostgreSQL). */
export function cpuSeconds(rootPid: number): { self: number; descendants: number } {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== null);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let descendants = 0;
  const pending = [...(children.get(rootPid) ?? [])];
  for (let stat = pending.pop(); stat; stat = pending.pop()) {
    descendants += stat.cpuTicks;
    pending.push(...(children.get(stat.pid) ?? []));
  }
  const self = stats.find((stat) => stat.pid === rootPid)?.cpuTicks ?? 0;
  return { self: self / CLOCK_TICKS, descendants: descendants / CLOCK_TICKS };
}

/** Load average over the last 1, 5 and 15 minutes, as /proc/loadavg prints it. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
