import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { withDeadline } from '../common/deadline.js';
import { IvrConfig } from '../ivr-options.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import { IVR_CALL_HOOKS, type IvrCallHooks } from './call-hooks.js';
import { type CallerLookup, callerInfoFrom } from './caller-info.js';

class HookTimeout extends Error {}

/**
 * Asks the host's caller hook who is calling, within the time budget. Never fails the call: a hook that is slow,
 * throws, or names a department the menu does not have is logged, counted, and answered as "no information" (the
 * status says which), so the call goes on with the normal menu.
 */
@Injectable()
export class CallerLookupService implements OnModuleInit {
  private readonly logger = new Logger(CallerLookupService.name);
  private hooks: IvrCallHooks | undefined;

  constructor(
    private readonly config: IvrConfig,
    private readonly moduleRef: ModuleRef,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.hooks = this.config.callHooks ?? this.providedHooks();
  }

  /** No hook: undefined (the session records nothing about a look-up). */
  async lookup(event: WebhookEvent, isDepartment: (id: string) => boolean): Promise<CallerLookup | undefined> {
    const hooks = this.hooks;
    if (!hooks) return undefined;
    const budget = this.config.callerHookTimeoutMs;
    try {
      const answer = await withDeadline(
        Promise.resolve().then(() =>
          hooks.onIncomingCall({
            callSid: event.callSid,
            accountSid: event.accountSid ?? null,
            from: event.from ?? null,
            to: event.to ?? null,
            receivedAt: event.receivedAt,
          }),
        ),
        budget,
        () => new HookTimeout(),
      );
      const info = callerInfoFrom(answer);
      if (info.departmentId === undefined || isDepartment(info.departmentId)) return { status: 'ok', info };
      this.failed(
        event,
        'unknown-department',
        `it named department ${info.departmentId}, which the menu does not have`,
      );
      return { status: 'unknown-department', info: { ...info, departmentId: undefined } };
    } catch (error) {
      if (error instanceof HookTimeout) {
        this.failed(event, 'timeout', `it took longer than ${budget} ms`);
        return { status: 'timeout', info: {} };
      }
      this.failed(event, 'error', `it failed: ${error instanceof Error ? error.message : String(error)}`);
      return { status: 'error', info: {} };
    }
  }

  private failed(event: WebhookEvent, reason: 'timeout' | 'error' | 'unknown-department', why: string): void {
    this.metrics.callerHookFailures.inc({ reason });
    this.logger.warn({
      event: 'caller-hook.failed',
      reason,
      message: `caller hook: ${why}; the call goes on with the normal menu`,
      callSid: event.callSid,
      requestId: event.requestId,
    });
  }

  private providedHooks(): IvrCallHooks | undefined {
    try {
      return this.moduleRef.get<IvrCallHooks>(IVR_CALL_HOOKS, { strict: false });
    } catch {
      return undefined;
    }
  }
}
