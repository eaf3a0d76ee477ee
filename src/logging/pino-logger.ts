import type { LoggerService } from '@nestjs/common';
import { createRequire } from 'node:module';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { LogLevel } from '../config/environment.js';
import { developmentLogLine } from './dev-log-line.js';
import { serializeError } from './log-serializers.js';

export interface LogOutput {
  readonly level: LogLevel;
  /** Readable lines (development) rather than one JSON object per line (production, log shippers). */
  readonly readable: boolean;
}

/** The process's one pino logger: Nest's lines and the request lines both go through it. */
export function createRootLogger({ level, readable }: LogOutput): Logger {
  const options = {
    level,
    // Also what Nest's logger writes, such as a failed query's error: never its values.
    serializers: { err: (error: Error) => serializeError(pino.stdSerializers.err(error)) },
  };
  const stream = readable ? readableStream() : undefined;
  return stream ? pino(options, stream) : pino(options);
}

/**
 * pino-pretty in this process (not a worker transport: its line format is a function), or nothing where
 * it is not installed (a production install without devDependencies), and the lines stay JSON.
 */
function readableStream(): DestinationStream | undefined {
  let pretty: typeof PinoPretty;
  try {
    pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  } catch {
    return undefined;
  }
  return pretty({
    sync: true,
    colorize: Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    hideObject: true,
    messageFormat: (log) => developmentLogLine(log),
  });
}

// Nest's own start-up chatter (modules wired, routes mapped): useful when debugging the wiring only.
const FRAMEWORK_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Nest's LoggerService on pino: `logger.log(message, context)` becomes one pino line with that context. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: readonly unknown[]): void {
    // Nest appends the logger's context as the last argument; an error's stack comes before it.
    const context = typeof params.at(-1) === 'string' && params.length > 0 ? (params.at(-1) as string) : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    const shown = level === 'info' && context !== undefined && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : level;
    if (message instanceof Error) return this.logger[shown]({ ...fields, err: message }, message.message);
    if (typeof message === 'object' && message !== null) return this.logger[shown]({ ...fields, ...message });
    const stack = rest.find((param): param is string => typeof param === 'string');
    const error = rest.find((param): param is Error => param instanceof Error);
    if (error) fields.err = error;
    else if (stack) fields.err = { message: String(message), stack };
    this.logger[shown](fields, String(message));
  }
}
