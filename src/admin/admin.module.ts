import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../config/app-config.js';
import { AuditModule } from '../audit/audit.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AdminThrottlerGuard } from './admin-throttler.guard.js';
import { AuditLogController } from './audit-log.controller.js';
import { DepartmentsAdminService } from './departments-admin.service.js';
import { DepartmentsController } from './departments.controller.js';
import { SettingsAdminService } from './settings-admin.service.js';
import { SettingsController } from './settings.controller.js';

@Module({
  imports: [
    RoutingModule,
    AuditModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'admin', ttl: 60_000, limit: config.adminRateLimit }],
      }),
    }),
  ],
  controllers: [DepartmentsController, SettingsController, AuditLogController],
  providers: [AdminAuthGuard, AdminThrottlerGuard, DepartmentsAdminService, SettingsAdminService],
})
export class AdminModule {}
