import { Controller, Get, Header, Inject, Req, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { bearerSecret, secretsMatch } from '../common/secrets.js';
import type { Registry } from 'prom-client';
import { AppConfig } from '../config/app-config.js';
import { METRICS_REGISTRY } from './metrics-registry.js';

/** Prometheus text format; behind "Authorization: Bearer <METRICS_TOKEN>" when METRICS_TOKEN is set. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
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
    request.res?.type(this.registry.contentType);
    return this.registry.metrics();
  }
}
