import { ReportsBusyError } from './report-errors.js';

/** How many reports run at once, how many may wait for a turn, and how long one waits before it is refused. */
export interface ReportGateLimits {
  readonly running: number;
  readonly waiting: number;
  readonly maxWaitMs: number;
}

export type Admission = 'run' | 'wait' | 'refuse';

/**
 * Whether a report runs now, waits for a running one to finish, or is refused. The next batch of a
 * report already under way (a CSV export's) always waits: refusing it would cut a file half sent.
 */
export function admission(running: number, waiting: number, limits: ReportGateLimits, continuing: boolean): Admission {
  if (running < limits.running) return 'run';
  return continuing || waiting < limits.waiting ? 'wait' : 'refuse';
}

interface Waiter {
  readonly admit: () => void;
}

/**
 * A semaphore with a short queue, in front of the reports' pool: as many turns as connections, so an
 * admitted report never queues inside the pool, and a burst beyond the queue is refused at once
 * (ReportsBusyError: 503) instead of piling up requests that would time out anyway.
 */
export class ReportGate {
  private running = 0;
  private readonly waiters: Waiter[] = [];

  constructor(private readonly limits: ReportGateLimits) {}

  /** Resolves with the function that ends the turn; rejects with ReportsBusyError when refused or kept waiting too long. */
  async enter(continuing = false): Promise<() => void> {
    const decision = admission(this.running, this.waiters.length, this.limits, continuing);
    switch (decision) {
      case 'run':
        this.running += 1;
        return this.turn();
      case 'wait':
        return this.queue(continuing);
      case 'refuse':
        throw new ReportsBusyError();
      default: {
        const unknown: never = decision;
        throw new Error(`Unknown admission ${String(unknown)}`);
      }
    }
  }

  private queue(continuing: boolean): Promise<() => void> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve(this.turn());
        },
      };
      if (!continuing) {
        timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new ReportsBusyError());
        }, this.limits.maxWaitMs);
      }
      this.waiters.push(waiter);
    });
  }

  /** Ends a turn once, handing it to the first waiter (the running count stays) or freeing it. */
  private turn(): () => void {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiters.shift();
      if (next) next.admit();
      else this.running -= 1;
    };
  }
}
