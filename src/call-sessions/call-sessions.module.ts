import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallAttempt } from './call-attempt.entity.js';
import { CallSession } from './call-session.entity.js';
import { CallSessionRepository } from './call-session.repository.js';
import { WebhookReceipt } from './webhook-receipt.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([CallSession, CallAttempt, WebhookReceipt])],
  providers: [CallSessionRepository],
  exports: [CallSessionRepository],
})
export class CallSessionsModule {}
