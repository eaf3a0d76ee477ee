import {
  applyDecorators,
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpStatus,
  Logger,
  UseFilters,
} from '@nestjs/common';
import { ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requestIdOf } from '../common/request-id.js';
import { ReportError, type ReportErrorCode } from './report-errors.js';

function statusFor(code: ReportErrorCode): HttpStatus {
  switch (code) {
    case 'REPORT.BUSY':
    case 'REPORT.TIMEOUT':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped report error code ${String(unmapped)}`);
    }
  }
}

/** Maps each report error to its HTTP status and a Retry-After, once. */
@Catch(ReportError)
export class ReportExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Reports');

  catch(error: ReportError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const status = statusFor(error.code);
    this.logger.warn({
      event: 'report.unavailable',
      code: error.code,
      path: request.path,
      requestId: requestIdOf(request),
    });
    http
      .getResponse<Response>()
      .status(status)
      .set('Retry-After', String(error.retryAfterSeconds))
      .json({ statusCode: status, code: error.code, message: error.message });
  }
}

/** Every report controller, beside @AdminApi(): its errors become 503 with Retry-After. */
export const ReportApi = (): ClassDecorator =>
  applyDecorators(
    UseFilters(ReportExceptionFilter),
    ApiServiceUnavailableResponse({
      description:
        'Too many reports running (REPORT.BUSY) or one ran past its time limit (REPORT.TIMEOUT); see Retry-After',
    }),
  );
