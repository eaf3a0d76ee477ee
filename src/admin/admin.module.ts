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
import { HolidaysAdminService } from './holidays-admin.service.js';
import { HolidaysController } from './holidays.controller.js';
import { SchedulesAdminService } from './schedules-admin.service.js';
import { SchedulesController } from './schedules.controller.js';
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
  controllers: [DepartmentsController, SettingsController, AuditLogController, SchedulesController, HolidaysController],
  providers: [
    AdminAuthGuard,
    AdminThrottlerGuard,
    DepartmentsAdminService,
    SettingsAdminService,
    SchedulesAdminService,
    HolidaysAdminService,
  ],
})
export class AdminModule {}
