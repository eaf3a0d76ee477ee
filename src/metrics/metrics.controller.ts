import { Controller, Get, Header, Req, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { bearerSecret, secretsMatch } from '../common/secrets.js';
import { AppConfig } from '../config/app-config.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus text format; behind "Authorization: Bearer <METRICS_TOKEN>" when METRICS_TOKEN is set. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() request: Request): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected) {
      const presented = bearerSecret(request.header('authorization'));
      if (!presented || !secretsMatch(expected, presented))
        throw new UnauthorizedException('Metrics need the METRICS_TOKEN bearer token');
    }
    request.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
