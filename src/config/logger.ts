import { ConsoleLogger } from '@nestjs/common';

/** Structured JSON lines in production (one event per line for log shippers); readable text in development. */
export function createLogger(): ConsoleLogger {
  return new ConsoleLogger({
    json: process.env.NODE_ENV === 'production',
    colors: Boolean(process.stdout.isTTY),
    breakLength: Infinity,
  });
}
