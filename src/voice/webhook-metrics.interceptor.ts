import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { MetricsService } from '../metrics/metrics.service.js';

/** Times each webhook until its response is sent, whatever the outcome (the exception filter answers after us). */
@Injectable()
export class WebhookMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const route = http.getRequest<Request>().route as { path?: string } | undefined;
    const response = http.getResponse<Response>();
    const stop = this.metrics.webhookDuration.startTimer({ route: route?.path ?? 'unknown' });
    response.once('finish', () => stop({ status: String(response.statusCode) }));
    return next.handle();
  }
}
