import { stdSerializers } from 'pino';
import { QueryFailedError } from 'typeorm';
import { requestLogLevel, serializeError, serializeRequest } from './log-serializers.js';

describe('serializeRequest', () => {
  it('keeps the id, the method and the URL with the caller number masked', () => {
    expect(
      serializeRequest({ id: 'r-1', method: 'GET', url: '/admin/call-sessions?format=csv&caller=%2B15551230123' }),
    ).toStrictEqual({ id: 'r-1', method: 'GET', url: '/admin/call-sessions?format=csv&caller=%2B1555***0123' });
  });
});

describe('serializeError', () => {
  /** A failed query as TypeORM throws it, with the pg error it wraps, as pino's own serializer hands it on. */
  function failedQuery(): Record<string, unknown> {
    const driverError = Object.assign(new Error('new row for relation "call_sessions" violates check constraint'), {
      code: '23514',
      constraint: 'call_sessions_outcome_check',
      detail: 'Failing row contains (CA0123, +15551230123, +15559870000).',
    });
    const error = new QueryFailedError(
      'INSERT INTO call_sessions VALUES ($1, $2)',
      ['CA0123', '+15551230123'],
      driverError,
    );
    return stdSerializers.err(error);
  }

  it('leaves out the query values and the row PostgreSQL echoes, here and in the wrapped driver error', () => {
    const serialized = serializeError(failedQuery());

    expect(JSON.stringify(serialized)).not.toContain('15551230123');
    expect(serialized).not.toHaveProperty('parameters');
    expect(serialized).not.toHaveProperty('detail');
    expect(serialized.driverError).not.toHaveProperty('detail');
  });

  it('keeps what explains the failure: type, message, stack, query text, code and constraint', () => {
    expect(serializeError(failedQuery())).toMatchObject({
      type: 'QueryFailedError',
      message: expect.stringContaining('violates check constraint'),
      stack: expect.stringContaining('QueryFailedError'),
      query: 'INSERT INTO call_sessions VALUES ($1, $2)',
      code: '23514',
      constraint: 'call_sessions_outcome_check',
    });
  });

  it('keeps any other error as pino serialized it', () => {
    const serialized = stdSerializers.err(Object.assign(new Error('boom'), { callSid: 'CA1' }));

    expect(serializeError(serialized as unknown as Record<string, unknown>)).toStrictEqual({
      type: 'Error',
      message: 'boom',
      stack: serialized.stack,
      callSid: 'CA1',
    });
  });
});

describe('requestLogLevel', () => {
  it.each([
    [200, undefined, 'info'],
    [304, undefined, 'info'],
    [400, undefined, 'warn'],
    [401, undefined, 'info'],
    [403, undefined, 'warn'],
    [404, undefined, 'warn'],
    [429, undefined, 'info'],
    [500, undefined, 'error'],
    [200, new Error('aborted'), 'error'],
  ] as const)('logs a %i response (error: %s) at %s', (status, error, level) => {
    expect(requestLogLevel(status, error)).toBe(level);
  });
});
