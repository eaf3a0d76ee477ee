import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { IvrConfig } from '../ivr-options.js';
import { AUTH_FAILURE_WINDOW_MS, AuthFailureLimiter } from './auth-failure-limiter.js';

/**
 * What the admin guards share across every module with admin controllers (each module gets its own
 * guard instances): the per-token budget's storage and the per-address count of failed attempts.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [IvrConfig],
      useFactory: (config: IvrConfig) => ({
        throttlers: [{ name: 'admin', ttl: 60_000, limit: config.adminRateLimit }],
      }),
    }),
  ],
  providers: [
    {
      provide: AuthFailureLimiter,
      inject: [IvrConfig],
      useFactory: (config: IvrConfig) =>
        new AuthFailureLimiter({ limit: config.adminAuthFailureLimit, windowMs: AUTH_FAILURE_WINDOW_MS }),
    },
  ],
  exports: [AuthFailureLimiter],
})
export class AdminAuthModule {}
