import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller.js';
import { AuditService } from './audit.service.js';

/** The audit log: appended in the transaction of each change, read and verified at /admin/audit-log. */
@Module({
  controllers: [AuditLogController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
