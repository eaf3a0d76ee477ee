import { Module } from '@nestjs/common';
import { CallSessionRepository } from './call-session.repository.js';

@Module({
  providers: [CallSessionRepository],
  exports: [CallSessionRepository],
})
export class CallSessionsModule {}
