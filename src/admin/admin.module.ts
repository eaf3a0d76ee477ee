import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { adminJsonBody } from '../common/body-parsers.js';
import { AuditModule } from '../audit/audit.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AdminAuthModule } from './admin-auth.module.js';
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
  imports: [RoutingModule, AuditModule, AdminAuthModule],
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
export class AdminModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(adminJsonBody)
      .forRoutes(
        DepartmentsController,
        SettingsController,
        AuditLogController,
        SchedulesController,
        HolidaysController,
      );
  }
}
