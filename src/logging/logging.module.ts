import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import { AppConfig } from '../config/app-config.js';
import { assignRequestId } from '../common/request-id.js';
import { requestLogLevel, serializeError, serializeRequest } from './log-serializers.js';
import { createRootLogger } from './pino-logger.js';

// Probes and scrapes every few seconds would drown the request log.
const QUIET_PATHS = /^\/(health\/|metrics)/;

/**
 * One request line per admin, report and health request (pino-http): method, URL (caller numbers
 * masked), status and time only; no headers (signatures, tokens) and no bodies; logged errors leave out
 * a failed query's values. Level from LOG_LEVEL; readable lines in development, JSON in production.
 * Twilio's webhooks are left out (a tenth of their CPU): each already logs its own event line with
 * callSid and requestId, and WebhookRequestMiddleware gives them their request id and logs the ones that fail.
 */
@Module({})
export class LoggingModule implements NestModule {
  constructor(private readonly config: AppConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    const httpLogger = pinoHttp({
      logger: createRootLogger({ level: this.config.logLevel, readable: !this.config.isProduction }),
      genReqId: assignRequestId,
      autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test(request.url ?? '') },
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        requestLogLevel(response.statusCode, error),
      serializers: {
        req: serializeRequest,
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        err: serializeError,
      },
      redact: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', 'req.body'],
    });
    consumer
      .apply(httpLogger)
      .exclude({ path: 'voice/*path', method: RequestMethod.ALL })
      // Not '*': path-to-regexp 8 refuses an unnamed wildcard.
      .forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
