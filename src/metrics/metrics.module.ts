import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** Global inside the IVR: any feature records into the one registry (the host's, or the IVR's own). */
@Global()
@Module({
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
