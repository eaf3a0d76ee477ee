import { Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { IvrConfig } from '../ivr-options.js';
import { type AdminActorResolver, BUILT_IN_ADMIN_ACTOR_RESOLVER } from './admin-actor.js';
import { AUTH_FAILURE_WINDOW_MS, AuthFailureLimiter } from './auth-failure-limiter.js';
import { builtInActorResolver } from './built-in-actor-resolver.js';
import { JwtActorVerifier } from './jwt-actor-verifier.js';

/**
 * What the admin guards share across every module with admin controllers (each module gets its own
 * guard instances): who the actor is, the per-actor budget's storage and the per-address count of
 * failed attempts. A host that provides ADMIN_ACTOR_RESOLVER authenticates its own users instead.
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
      provide: BUILT_IN_ADMIN_ACTOR_RESOLVER,
      inject: [IvrConfig],
      useFactory: (config: IvrConfig): AdminActorResolver =>
        config.adminActorResolver ??
        builtInActorResolver(config.adminTokens, config.adminJwt && new JwtActorVerifier(config.adminJwt)),
    },
    {
      provide: AuthFailureLimiter,
      inject: [IvrConfig],
      useFactory: (config: IvrConfig) =>
        new AuthFailureLimiter({ limit: config.adminAuthFailureLimit, windowMs: AUTH_FAILURE_WINDOW_MS }),
    },
  ],
  exports: [BUILT_IN_ADMIN_ACTOR_RESOLVER, AuthFailureLimiter],
})
export class AdminAuthModule {}
