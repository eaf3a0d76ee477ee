import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, type ThrottlerStorage } from '@nestjs/throttler';
import { IvrConfig } from '../ivr-options.js';
import type { AdminRequest } from './admin-auth.guard.js';

export const ADMIN_RATE_STORAGE = Symbol('ADMIN_RATE_STORAGE');

/**
 * ADMIN_RATE_LIMIT requests per minute per admin actor (by id), whatever the route; counted per instance.
 * Runs after AdminAuthGuard, so that only an actor it accepted has a budget: a made-up token would
 * otherwise bring a fresh one with it. Failed attempts are counted per address (AuthFailureLimiter).
 */
@Injectable()
export class AdminThrottlerGuard extends ThrottlerGuard {
  // Every argument named: ThrottlerGuard's own constructor decorators would otherwise be inherited.
  constructor(
    @Inject(IvrConfig) config: IvrConfig,
    @Inject(ADMIN_RATE_STORAGE) storage: ThrottlerStorage,
    @Inject(Reflector) reflector: Reflector,
  ) {
    super({ throttlers: [{ name: 'admin', ttl: 60_000, limit: config.adminRateLimit }] }, storage, reflector);
  }

  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as Partial<AdminRequest>).adminPrincipal;
    if (!principal) throw new Error('AdminThrottlerGuard must run after AdminAuthGuard');
    return Promise.resolve(`actor:${principal.id}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
