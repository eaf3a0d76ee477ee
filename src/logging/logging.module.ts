import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';
import { assignRequestId } from '../common/request-id.js';
import { requestLogLevel, serializeError, serializeRequest } from './log-serializers.js';

// Probes and scrapes every few seconds would drown the request log.
const QUIET_PATHS = /^\/(health\/|metrics)/;

/**
 * Structured logs (pino): one JSON line per event in production, pretty in development, level from
 * LOG_LEVEL. Request lines carry method, URL (caller numbers masked), status and time only: no headers
 * (signatures, tokens) and no bodies; logged errors leave out a failed query's values.
 * Twilio's webhooks are left out of the request logger (a tenth of their CPU, mostly its per-request
 * async context): each already logs its own event line with callSid and requestId, and
 * WebhookRequestMiddleware gives them their request id and logs the ones that fail.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        exclude: [{ method: RequestMethod.ALL, path: 'voice/*path' }],
        pinoHttp: {
          level: config.logLevel,
          genReqId: assignRequestId,
          autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test(request.url ?? '') },
          customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
            requestLogLevel(response.statusCode, error),
          serializers: {
            req: serializeRequest,
            res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            // Also what Nest's logger writes through pino, such as a failed query's error.
            err: serializeError,
          },
          redact: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', 'req.body'],
          ...(config.nodeEnv === 'development'
            ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
            : {}),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
