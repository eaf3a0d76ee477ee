import { Module } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { ivrOptionsFrom } from './config/ivr-options-from-config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { IvrModule } from './index.js';
import { LoggingModule } from './logging/logging.module.js';
import { METRICS_REGISTRY } from './server/metrics-registry.js';
import { ServerMetricsModule } from './server/metrics.module.js';

/**
 * The standalone server: a host of the IVR library like any company's app. It reads the environment, owns the
 * database connection (embedded PostgreSQL or DATABASE_URL), logging, health and metrics, and imports IvrModule.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    HealthModule,
    ServerMetricsModule,
    IvrModule.forRootAsync({
      imports: [ServerMetricsModule],
      inject: [AppConfig, METRICS_REGISTRY],
      useFactory: (config: AppConfig, registry: Registry) => ({ ...ivrOptionsFrom(config), metricsRegistry: registry }),
    }),
  ],
})
export class AppModule {}
