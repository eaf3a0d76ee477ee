import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { bearerSecret } from '../common/secrets.js';

/**
 * ADMIN_RATE_LIMIT requests per minute per bearer token (a digest of it, never the secret itself),
 * or per client address for requests without one; counted per instance. Runs before authentication,
 * so guessing tokens is throttled too.
 */
@Injectable()
export class AdminThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    const headers = request.headers as Record<string, string | undefined>;
    const secret = bearerSecret(headers.authorization);
    if (secret) return Promise.resolve(`token:${createHash('sha256').update(secret).digest('hex').slice(0, 32)}`);
    return Promise.resolve(`address:${String(request.ip)}`);
  }
}
