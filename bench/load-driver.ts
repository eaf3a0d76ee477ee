import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { callWebhooks, type CallPlan } from './call-flow.js';
import { LatencyHistogram } from './histogram.js';
import type { WebhookClient } from './http-client.js';
import type { WebhookRequest } from './twilio-webhooks.js';

const MAX_SAMPLES = 5;

/** What one phase of load produced. Throughput is webhooks answered over the phase's wall time. */
export class PhaseResult {
  readonly latency = new LatencyHistogram();
  readonly latencyByRoute = new Map<string, LatencyHistogram>();
  /** Non-2xx statuses and network error codes, with how often each happened. */
  readonly errors = new Map<string, number>();
  /** 2xx answers that are not what the app should say at that step (e.g. the spoken apology). */
  unexpectedAnswers = 0;
  readonly samples: string[] = [];
  /** Every webhook sent and answered or failed. */
  webhooks = 0;
  /** Webhooks answered 2xx: what throughput counts. */
  ok = 0;
  callsCompleted = 0;
  elapsedSeconds = 0;

  get errorCount(): number {
    let total = 0;
    for (const count of this.errors.values()) total += count;
    return total;
  }

  get webhooksPerSecond(): number {
    return this.elapsedSeconds > 0 ? this.ok / this.elapsedSeconds : 0;
  }

  recordLatency(route: string, milliseconds: number): void {
    this.latency.record(milliseconds);
    let histogram = this.latencyByRoute.get(route);
    if (!histogram) this.latencyByRoute.set(route, (histogram = new LatencyHistogram()));
    histogram.record(milliseconds);
  }

  recordError(kind: string, sample: string): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    this.sample(sample);
  }

  sample(text: string): void {
    if (this.samples.length < MAX_SAMPLES) this.samples.push(text.slice(0, 300));
  }
}

export interface DriverOptions {
  readonly concurrency: number;
  readonly thinkMs: number;
  /** Only the real app answers each step differently; the minimal handler always returns its menu. */
  readonly checkAnswers: boolean;
  readonly nextPlan: () => CallPlan;
  readonly random: () => number;
}

export interface PhaseLimits {
  /** load: start new calls until the limit; drain: only finish the calls already under way. */
  readonly mode: 'load' | 'drain';
  /** performance.now() after which no worker sends another webhook (load mode). */
  readonly deadline?: number;
  /** Stop starting calls once this many have been started over the driver's life. */
  readonly maxCallsStarted?: number;
  readonly signal: AbortSignal;
  readonly onCallCompleted?: (completedCalls: number) => void;
}

/**
 * `concurrency` simulated Twilio connections, each playing one call's webhooks in order and then the
 * next call's. A call cut by a phase's end carries on in the next phase, so no flow is left half-done.
 */
export class LoadDriver {
  private readonly flows: (Generator<WebhookRequest, void, void> | null)[];
  callsStarted = 0;
  callsCompleted = 0;
  webhooksSent = 0;
  webhooksAnswered2xx = 0;
  /** Of those, the ones that change something on their call: each leaves one receipt. */
  webhooksWriting2xx = 0;

  constructor(private readonly options: DriverOptions) {
    this.flows = Array.from({ length: options.concurrency }, () => null);
  }

  async run(client: WebhookClient, limits: PhaseLimits): Promise<PhaseResult> {
    const result = new PhaseResult();
    const startedAt = performance.now();
    await Promise.all(this.flows.map((_flow, slot) => this.worker(slot, client, limits, result)));
    result.elapsedSeconds = (performance.now() - startedAt) / 1000;
    return result;
  }

  private mayStartCall(limits: PhaseLimits): boolean {
    if (limits.mode === 'drain') return false;
    return limits.maxCallsStarted === undefined || this.callsStarted < limits.maxCallsStarted;
  }

  private async worker(slot: number, client: WebhookClient, limits: PhaseLimits, result: PhaseResult): Promise<void> {
    const pastDeadline = (): boolean => limits.deadline !== undefined && performance.now() >= limits.deadline;
    while (!limits.signal.aborted) {
      let flow = this.flows[slot];
      if (!flow) {
        if (!this.mayStartCall(limits) || pastDeadline()) return;
        flow = this.flows[slot] = callWebhooks(this.options.nextPlan());
        this.callsStarted += 1;
      } else if (limits.mode === 'load' && pastDeadline()) {
        return;
      }
      const next = flow.next();
      if (next.done) {
        this.flows[slot] = null;
        this.callsCompleted += 1;
        result.callsCompleted += 1;
        limits.onCallCompleted?.(this.callsCompleted);
        continue;
      }
      await this.send(client, next.value, result);
      if (this.options.thinkMs > 0) await sleep(this.options.thinkMs * (0.5 + this.options.random()));
    }
  }

  private async send(client: WebhookClient, webhook: WebhookRequest, result: PhaseResult): Promise<void> {
    const route = webhook.path.split('?')[0];
    const startedAt = performance.now();
    const outcome = await client.post(webhook);
    result.recordLatency(route, performance.now() - startedAt);
    result.webhooks += 1;
    this.webhooksSent += 1;
    if (outcome.kind === 'network-error') {
      result.recordError(outcome.code, `${route}: ${outcome.code}`);
    } else if (outcome.status < 200 || outcome.status > 299) {
      result.recordError(`HTTP ${outcome.status}`, `${route} → ${outcome.status}: ${outcome.body}`);
    } else {
      this.webhooksAnswered2xx += 1;
      if (!webhook.changesNothing) this.webhooksWriting2xx += 1;
      result.ok += 1;
      if (this.options.checkAnswers && !webhook.expect.test(outcome.body)) {
        result.unexpectedAnswers += 1;
        result.sample(`${route} → unexpected TwiML: ${outcome.body}`);
      }
    }
  }
}
