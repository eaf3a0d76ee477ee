import { decodeCursor, encodeCursor, type SessionKey } from './session-cursor.js';

const KEY: SessionKey = { startedAt: '2026-01-31T08:00:00.123456Z', callSid: 'CA0123456789abcdef0123456789abcdef' };

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('session cursors', () => {
  it('decodes what it encodes, microseconds included', () => {
    expect(decodeCursor(encodeCursor(KEY))).toStrictEqual(KEY);
  });

  it('is URL-safe', () => {
    expect(encodeCursor(KEY)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'abc+/='],
    ['base64url that is not JSON', Buffer.from('not json').toString('base64url')],
    ['a JSON object', base64url({ startedAt: KEY.startedAt, callSid: KEY.callSid })],
    ['a pair in the wrong order', base64url([KEY.callSid, KEY.startedAt])],
    ['a time without microseconds', base64url(['2026-01-31T08:00:00.123Z', KEY.callSid])],
    ['a time that is not canonical', base64url(['2026-01-31T10:00:00.000000+02:00', KEY.callSid])],
    ['an empty call SID', base64url([KEY.startedAt, ''])],
    ['a call SID that is too long', base64url([KEY.startedAt, 'C'.repeat(65)])],
    ['a number for the call SID', base64url([KEY.startedAt, 42])],
    ['three elements', base64url([KEY.startedAt, KEY.callSid, 'extra'])],
    ['an absurdly long cursor', 'A'.repeat(513)],
  ])('refuses %s', (_case, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
  });
});
