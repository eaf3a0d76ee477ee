import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '../audit/audit.module.js';
import { RetentionService } from './retention.service.js';

@Module({
  imports: [ScheduleModule.forRoot(), AuditModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
