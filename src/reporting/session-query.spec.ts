import { InvalidRequestError } from '../admin-api/admin-errors.js';
import { encodeCursor } from './session-cursor.js';
import { toExportFilter, toPageRequest } from './session-query.js';

const JANUARY = '2026-01-01T00:00:00.000000Z';
const FEBRUARY = '2026-02-01T00:00:00.000000Z';
const KEY = { startedAt: '2026-01-15T10:00:00.123456Z', callSid: 'CA0123' };

describe('toPageRequest', () => {
  it('asks for the first 50 sessions without filters', () => {
    expect(toPageRequest({})).toStrictEqual({
      filter: { from: undefined, to: undefined, outcome: undefined, departmentId: undefined, caller: undefined },
      after: null,
      limit: 50,
    });
  });

  it('passes the filters, the page size and the decoded cursor', () => {
    const departmentId = '8c7e2c1e-0a4b-4d59-9d1e-2b9d6f0c1a11';

    expect(
      toPageRequest({
        from: JANUARY,
        to: FEBRUARY,
        outcome: 'voicemail',
        departmentId,
        caller: '+15551230123',
        limit: 7,
        cursor: encodeCursor(KEY),
      }),
    ).toStrictEqual({
      filter: { from: JANUARY, to: FEBRUARY, outcome: 'voicemail', departmentId, caller: '+15551230123' },
      after: KEY,
      limit: 7,
    });
  });

  it('refuses a cursor it did not make', () => {
    expect(() => toPageRequest({ cursor: 'bm90LWEtY3Vyc29y' })).toThrow(
      new InvalidRequestError('cursor must be the nextCursor of a previous page'),
    );
  });

  it('refuses from after to', () => {
    expect(() => toPageRequest({ from: FEBRUARY, to: JANUARY })).toThrow('from must not be after to');
  });
});

describe('toExportFilter', () => {
  it('keeps the filters', () => {
    expect(toExportFilter({ from: JANUARY, outcome: 'failed' })).toMatchObject({
      from: JANUARY,
      outcome: 'failed',
    });
  });

  it.each([{ limit: 10 }, { cursor: encodeCursor(KEY) }])('refuses %j: an export has every row', (values) => {
    expect(() => toExportFilter(values)).toThrow('format=csv exports every matching call: leave out limit and cursor');
  });

  it('refuses from after to', () => {
    expect(() => toExportFilter({ from: FEBRUARY, to: JANUARY })).toThrow(InvalidRequestError);
  });
});
