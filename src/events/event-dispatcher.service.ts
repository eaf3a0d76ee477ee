import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { withDeadline } from '../common/deadline.js';
import { IvrConfig } from '../ivr-options.js';
import { MetricsService } from '../metrics/metrics.service.js';
import {
  type ClaimedDelivery,
  type DeliveryResult,
  type EndpointTarget,
  EventDeliveryRepository,
} from './event-delivery.repository.js';
import { IvrEventHandlers } from './ivr-event-handlers.js';
import { deliveryVerdict, type DeliveryAttemptResult } from './outbound/delivery-retry.js';
import { WebhookSender } from './webhook-sender.js';

// New events fanned out per statement, and results written per statement.
const FAN_OUT_BATCH = 1000;
const RESULTS_BATCH = 500;
const RESULTS_FLUSH_MS = 25;
// On shutdown, deliveries in flight get this long to finish (their leases run out otherwise, and another instance
// delivers them again: at least once).
const DRAIN_MS = 5_000;

/** A claim's deliveries of one subscriber and call, in event order: sent one after the other. */
export function deliveryGroups(claimed: readonly ClaimedDelivery[]): ClaimedDelivery[][] {
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const delivery of claimed) {
    const key = `${delivery.subscriber}\u0000${delivery.orderKey}`;
    const group = groups.get(key);
    if (group) group.push(delivery);
    else groups.set(key, [delivery]);
  }
  return [...groups.values()];
}

/**
 * Delivers the outbox, at least once and in order per call, to the host's handlers and to webhook endpoints. A
 * loop on each instance: fan new events out into deliveries, lease the due ones (oldest first, none after an
 * earlier event of the same call still on its way), send each call's in order while other calls and subscribers go
 * on, write the results in batches. A slow or failing subscriber holds back only its own call's later events.
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventDispatcher.name);
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Map<string, number>();
  private inFlightCount = 0;
  private readonly groups = new Set<Promise<void>>();
  private results: DeliveryResult[] = [];
  private flushing: Promise<void> | undefined;
  private wake: AbortController = new AbortController();
  // A wake-up that came while the loop was busy: its next rest is skipped.
  private wakeRequested = false;
  // Deliveries finished since the last claim: the loop claims again once enough slots are free to be worth a claim.
  private finishedSinceClaim = 0;

  constructor(
    private readonly config: IvrConfig,
    private readonly deliveries: EventDeliveryRepository,
    private readonly handlers: IvrEventHandlers,
    private readonly sender: WebhookSender,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.events.deliver) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Before the connections close: the deliveries in flight finish and their results are written. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
    await Promise.race([Promise.all(this.groups), sleep(DRAIN_MS)]);
    await this.flush();
  }

  private async run(): Promise<void> {
    let failures = 0;
    let lastFanOut = 0;
    let fannedFull = false;
    while (this.running) {
      let busy = false;
      try {
        // New events are looked for each poll interval, or at once while a backlog is being fanned out; deliveries
        // are claimed whenever slots are free (a steady stream of new events must not keep them waiting).
        if (fannedFull || Date.now() - lastFanOut >= this.config.events.pollIntervalMs) {
          lastFanOut = Date.now();
          fannedFull = (await this.deliveries.fanOut(this.handlers.all(), FAN_OUT_BATCH)) >= FAN_OUT_BATCH;
        }
        busy = (await this.claimAndSend()) || fannedFull;
        failures = 0;
      } catch (error) {
        // The database away: try again later, quietly after the first time.
        if (failures++ === 0) this.logger.warn(`event delivery paused: ${(error as Error).message}`);
      }
      if (!busy && this.running) await this.idle(failures > 0 ? this.config.events.pollIntervalMs * 4 : undefined);
    }
  }

  private async claimAndSend(): Promise<boolean> {
    const { concurrency, leaseMs } = this.config.events;
    // Claimed again once half the slots are free, so a claim's round trips overlap sending; one subscriber takes at
    // most half the slots per claim, so a slow endpoint cannot hold back the others.
    const free = concurrency - this.inFlightCount;
    if (free < concurrency / 2) return false;
    const perSubscriber = Math.max(1, Math.floor(concurrency / 2));
    this.finishedSinceClaim = 0;
    const claimed = await this.deliveries.claim({
      limit: free,
      leaseMs,
      handlers: this.handlers.all().map((handler) => handler.subscriber),
      perSubscriber,
      busy: [...this.inFlight].filter(([, count]) => count >= perSubscriber).map(([subscriber]) => subscriber),
    });
    if (claimed.length === 0) return false;
    const endpoints = await this.deliveries.endpoints([
      ...new Set(claimed.flatMap((delivery) => (delivery.endpointId ? [delivery.endpointId] : []))),
    ]);
    for (const group of deliveryGroups(claimed)) this.start(group, endpoints);
    return true;
  }

  private start(group: ClaimedDelivery[], endpoints: Map<string, EndpointTarget>): void {
    const { subscriber } = group[0];
    this.inFlightCount += group.length;
    this.inFlight.set(subscriber, (this.inFlight.get(subscriber) ?? 0) + group.length);
    const task = this.sendGroup(group, endpoints)
      .catch((error: unknown) =>
        this.logger.error(`event delivery to ${subscriber} failed: ${(error as Error).message}`),
      )
      .finally(() => {
        this.inFlightCount -= group.length;
        const left = (this.inFlight.get(subscriber) ?? group.length) - group.length;
        if (left > 0) this.inFlight.set(subscriber, left);
        else this.inFlight.delete(subscriber);
        this.groups.delete(task);
        this.finishedSinceClaim += group.length;
        if (this.finishedSinceClaim >= this.config.events.concurrency / 4 || this.inFlightCount === 0) this.wakeUp();
      });
    this.groups.add(task);
  }

  /** One call's deliveries to one subscriber, in order; after one that must be retried, the rest wait for it. */
  private async sendGroup(group: ClaimedDelivery[], endpoints: Map<string, EndpointTarget>): Promise<void> {
    for (const [index, delivery] of group.entries()) {
      const attemptedAt = new Date();
      const started = performance.now();
      const outcome = await this.attempt(delivery, endpoints, attemptedAt);
      const now = new Date();
      const latencyMs = Math.round(performance.now() - started);
      const verdict = outcome.delivered
        ? ({ kind: 'delivered' } as const)
        : deliveryVerdict(
            outcome.result,
            { number: delivery.attempts + 1, firstAttemptAt: delivery.firstAttemptAt ?? attemptedAt, now },
            this.config.events.retryPolicy,
          );
      this.metrics.eventDeliveries.inc({
        subscriber: delivery.endpointId ? 'endpoint' : 'handler',
        result: verdict.kind,
      });
      this.record({
        id: delivery.id,
        status: verdict.kind === 'retry' ? 'pending' : verdict.kind,
        nextAttemptAt: verdict.kind === 'retry' ? verdict.at : null,
        attemptedAt,
        statusCode: outcome.result.statusCode,
        latencyMs,
        error: verdict.kind === 'delivered' ? null : verdict.reason.slice(0, 2000),
      });
      if (verdict.kind === 'failed')
        // Given up on (or refused by policy): it waits in the deliveries listing for a re-send.
        this.logger.warn({
          event: 'event.delivery_failed',
          subscriber: delivery.subscriber,
          eventId: delivery.event.id,
          type: delivery.event.type,
          callSid: delivery.event.callSid,
          reason: verdict.reason,
        });
      if (verdict.kind === 'retry') {
        await this.deliveries.release(group.slice(index + 1).map((later) => later.id));
        return;
      }
    }
  }

  private async attempt(
    delivery: ClaimedDelivery,
    endpoints: Map<string, EndpointTarget>,
    now: Date,
  ): Promise<{ delivered: boolean; result: DeliveryAttemptResult }> {
    if (delivery.endpointId) {
      const endpoint = endpoints.get(delivery.endpointId);
      if (!endpoint) return failed('the endpoint was deleted', true);
      const response = await this.sender.send(endpoint, delivery.event, now);
      return { delivered: false, result: response };
    }
    const handler = this.handlers.get(delivery.subscriber);
    if (!handler) return failed(`no handler ${delivery.subscriber} on this instance`, false);
    try {
      const ms = this.config.events.requestTimeoutMs;
      await withDeadline(handler.handle(delivery.event), ms, () => new Error(`timed out after ${ms} ms`));
      return { delivered: true, result: { statusCode: null, refused: false, error: null, retryAfterMs: null } };
    } catch (error) {
      return failed(error instanceof Error ? `${error.name}: ${error.message}` : String(error), false);
    }
  }

  private record(result: DeliveryResult): void {
    this.results.push(result);
    if (this.results.length >= RESULTS_BATCH) void this.flush();
    else if (this.results.length === 1) setTimeout(() => void this.flush(), RESULTS_FLUSH_MS).unref();
  }

  /** Writes the results gathered so far; one flush at a time, so results are written in the order they came. */
  private async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    const batch = this.results;
    if (batch.length === 0) return;
    this.results = [];
    this.flushing = this.deliveries
      .complete(batch)
      .catch((error: unknown) => {
        // Not written: their leases run out and they are delivered again (at least once).
        this.logger.warn(`${batch.length} delivery results not recorded: ${(error as Error).message}`);
      })
      .finally(() => {
        this.flushing = undefined;
      });
    await this.flushing;
  }

  /** Rests until `ms` pass or a delivery slot frees up. */
  private async idle(ms = this.config.events.pollIntervalMs): Promise<void> {
    if (!this.wakeRequested) {
      this.wake = new AbortController();
      await sleep(ms, undefined, { signal: this.wake.signal }).catch(() => undefined);
    }
    this.wakeRequested = false;
  }

  private wakeUp(): void {
    this.wakeRequested = true;
    this.wake.abort();
  }
}

function failed(error: string, refused: boolean): { delivered: false; result: DeliveryAttemptResult } {
  return { delivered: false, result: { statusCode: null, refused, error, retryAfterMs: null } };
}
