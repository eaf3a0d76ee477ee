import { Global, Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { IvrConfig } from '../ivr-options.js';
import { type AdminActorResolver, BUILT_IN_ADMIN_ACTOR_RESOLVER } from './admin-actor.js';
import { AUTH_FAILURE_WINDOW_MS, AuthFailureLimiter } from './auth-failure-limiter.js';
import { builtInActorResolver } from './built-in-actor-resolver.js';
import { JwtActorVerifier } from './jwt-actor-verifier.js';
import { ADMIN_RATE_STORAGE } from './admin-throttler.guard.js';

/**
 * What the admin guards share across every module with admin controllers (each module gets its own
 * guard instances): who the actor is, the per-actor budget's storage and the per-address count of
 * failed attempts. A host that provides ADMIN_ACTOR_RESOLVER authenticates its own users instead.
 */
@Global()
@Module({
  providers: [
    // The per-actor budget's storage, under a token of the IVR's own: not ThrottlerModule, which is global and
    // would lend its options and storage to a host's own ThrottlerGuard.
    { provide: ADMIN_RATE_STORAGE, useFactory: () => new ThrottlerStorageService() },
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
  exports: [BUILT_IN_ADMIN_ACTOR_RESOLVER, AuthFailureLimiter, ADMIN_RATE_STORAGE],
})
export class AdminAuthModule {}
