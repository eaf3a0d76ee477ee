import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AdminRequest } from './admin-auth.guard.js';

/**
 * ADMIN_RATE_LIMIT requests per minute per admin actor (by id), whatever the route; counted per instance.
 * Runs after AdminAuthGuard, so that only an actor it accepted has a budget: a made-up token would
 * otherwise bring a fresh one with it. Failed attempts are counted per address (AuthFailureLimiter).
 */
@Injectable()
export class AdminThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as Partial<AdminRequest>).adminPrincipal;
    if (!principal) throw new Error('AdminThrottlerGuard must run after AdminAuthGuard');
    return Promise.resolve(`actor:${principal.id}`);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
