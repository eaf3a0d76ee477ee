import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config.js';
import { AUTH_FAILURE_WINDOW_MS, AuthFailureLimiter } from './auth-failure-limiter.js';

/**
 * What the admin guards share across every module with admin controllers (each module gets its own
 * guard instances): the per-token budget's storage and the per-address count of failed attempts.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'admin', ttl: 60_000, limit: config.adminRateLimit }],
      }),
    }),
  ],
  providers: [
    {
      provide: AuthFailureLimiter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new AuthFailureLimiter({ limit: config.adminAuthFailureLimit, windowMs: AUTH_FAILURE_WINDOW_MS }),
    },
  ],
  exports: [AuthFailureLimiter],
})
export class AdminAuthModule {}
