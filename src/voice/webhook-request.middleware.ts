import { Injectable, Logger, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { assignRequestId } from '../common/request-id.js';
import { MetricsService } from '../metrics/metrics.service.js';

/**
 * What the request logger does for other routes, at a webhook's cost: a request id, the latency
 * metric (whatever the outcome: refused by the guard, answered by the exception filter) and a log
 * line for each refused webhook. A middleware, not an interceptor: no Observable per request.
 */
@Injectable()
export class WebhookRequestMiddleware implements NestMiddleware {
  private readonly logger = new Logger('VoiceWebhook');

  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const requestId = assignRequestId(request, response);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Known once the router has matched the request.
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unknown';
      const status = response.statusCode;
      this.metrics.webhookDuration.observe({ route, status: String(status) }, seconds);
      if (status >= 400) {
        this.logger.warn({
          event: 'webhook.refused',
          requestId,
          method: request.method,
          url: request.originalUrl,
          statusCode: status,
          responseTime: Math.round(seconds * 1000),
        });
      }
    });
    next();
  }
}
