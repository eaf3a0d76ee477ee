import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { IvrHealthIndicator } from './ivr-health.indicator.js';

@Module({
  imports: [TerminusModule],
  providers: [IvrHealthIndicator],
  exports: [IvrHealthIndicator],
})
export class IvrHealthModule {}
