import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { AdminAuthGuard } from './admin-auth.guard.js';
import { AuditLogController } from './audit-log.controller.js';
import { DepartmentsAdminService } from './departments-admin.service.js';
import { DepartmentsController } from './departments.controller.js';
import { SettingsAdminService } from './settings-admin.service.js';
import { SettingsController } from './settings.controller.js';

@Module({
  imports: [RoutingModule, AuditModule],
  controllers: [DepartmentsController, SettingsController, AuditLogController],
  providers: [AdminAuthGuard, DepartmentsAdminService, SettingsAdminService],
})
export class AdminModule {}
