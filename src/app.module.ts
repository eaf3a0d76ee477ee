import { Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ReportingModule } from './reporting/reporting.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { VoiceModule } from './voice/voice.module.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    MetricsModule,
    HealthModule,
    VoiceModule,
    AdminModule,
    RetentionModule,
    ReportingModule,
  ],
})
export class AppModule {}
