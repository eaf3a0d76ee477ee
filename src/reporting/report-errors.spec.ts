import { QueryFailedError } from 'typeorm';
import { reportErrorFor, ReportsBusyError, ReportTimeoutError } from './report-errors.js';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const queryFailed = (message: string, code: string): QueryFailedError =>
  new QueryFailedError('SELECT 1', [], withCode(message, code));

describe('reportErrorFor', () => {
  it.each([
    ['a statement timeout', withCode('canceling statement due to statement timeout', '57014'), ReportTimeoutError],
    [
      'a statement timeout wrapped by TypeORM',
      queryFailed('canceling statement due to statement timeout', '57014'),
      ReportTimeoutError,
    ],
    ['too many connections', withCode('sorry, too many clients already', '53300'), ReportsBusyError],
    [
      'the pool giving up waiting for a connection',
      new Error('timeout exceeded when trying to connect'),
      ReportsBusyError,
    ],
    [
      'a connection that took too long to open',
      new Error('Connection terminated due to connection timeout'),
      ReportsBusyError,
    ],
  ])('turns %s into a 503 error', (_case, error, expected) => {
    expect(reportErrorFor(error, 15000)).toBeInstanceOf(expected);
  });

  it('keeps a report error as it is', () => {
    const busy = new ReportsBusyError();

    expect(reportErrorFor(busy, 15000)).toBe(busy);
  });

  it.each([
    ['a syntax error (a bug)', queryFailed('syntax error at or near "SELEC"', '42601')],
    ['an error without a code', new Error('something else')],
    ['what is not an error', 'a string'],
  ])('leaves %s to the 500 handler', (_case, error) => {
    expect(reportErrorFor(error, 15000)).toBeNull();
  });

  it('names the timeout in its message', () => {
    expect(reportErrorFor(withCode('canceling statement', '57014'), 15000)?.message).toContain('15 s');
  });
});
