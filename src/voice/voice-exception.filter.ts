import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestIdOf } from '../common/request-id.js';
import { renderApology } from './twiml.js';

/**
 * A Twilio webhook never answers 500 (the caller would hear "an application error has occurred"):
 * client errors keep their 4xx and message; anything else is logged and answered with an apology.
 */
@Catch()
export class VoiceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('VoiceWebhook');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      response.status(exception.getStatus()).type('application/json').json(exception.getResponse());
      return;
    }
    const body: unknown = request.body;
    const callSid = body && typeof body === 'object' && 'CallSid' in body ? String(body.CallSid) : undefined;
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(
      { event: 'webhook.failed', path: request.path, callSid, requestId: requestIdOf(request), error: error.message },
      error.stack,
    );
    response.status(200).type('text/xml').send(renderApology());
  }
}
