import { parseAdminTokens } from './admin-tokens.js';

const ALICE_SECRET = 'alice-secret-0123456789';
const BOB_SECRET = 'bob:secret:with:colons:0123';
const CAROL_SECRET = 'carol-secret-abcdefghij';

function parseErrorFor(raw: string): Error {
  try {
    parseAdminTokens(raw);
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error(`expected ADMIN_TOKENS ${JSON.stringify(raw)} to be refused`);
}

describe('parseAdminTokens', () => {
  it('parses several name:role:secret entries in order', () => {
    expect(parseAdminTokens(`alice:admin:${ALICE_SECRET},carol:viewer:${CAROL_SECRET}`)).toEqual([
      { name: 'alice', role: 'admin', secret: ALICE_SECRET },
      { name: 'carol', role: 'viewer', secret: CAROL_SECRET },
    ]);
  });

  it('keeps every colon after the role as part of the secret', () => {
    expect(parseAdminTokens(`bob:viewer:${BOB_SECRET}`)).toEqual([{ name: 'bob', role: 'viewer', secret: BOB_SECRET }]);
  });

  it('trims spaces around entries and skips empty ones', () => {
    expect(parseAdminTokens(`  alice:admin:${ALICE_SECRET} ,, \n carol:viewer:${CAROL_SECRET}  ,`)).toEqual([
      { name: 'alice', role: 'admin', secret: ALICE_SECRET },
      { name: 'carol', role: 'viewer', secret: CAROL_SECRET },
    ]);
  });

  it('accepts names made of letters, digits, dot, underscore, at and dash', () => {
    expect(parseAdminTokens(`ops.bot_1@example-org:admin:${ALICE_SECRET}`)[0].name).toBe('ops.bot_1@example-org');
  });

  it('accepts a secret of exactly 16 characters', () => {
    expect(parseAdminTokens('alice:admin:0123456789abcdef')[0].secret).toBe('0123456789abcdef');
  });

  it('refuses a role other than admin or viewer, naming the entry', () => {
    const error = parseErrorFor(`alice:admin:${ALICE_SECRET},carol:owner:${CAROL_SECRET}`);

    expect(error.message).toContain('entry 2');
    expect(error.message).toContain('unknown role; use admin or viewer');
    // The value is not echoed: in a jumbled entry (name:secret:role) it would be the secret.
    expect(error.message).not.toContain('owner');
  });

  it('refuses a secret shorter than 16 characters', () => {
    expect(() => parseAdminTokens('alice:admin:0123456789abcde')).toThrow('at least 16 characters');
  });

  it.each(['', 'al ice', 'alice!', 'a'.repeat(65)])('refuses the name %j', (name) => {
    expect(() => parseAdminTokens(`${name}:admin:${ALICE_SECRET}`)).toThrow('ADMIN_TOKENS entry 1 must look like');
  });

  it('refuses the same name twice', () => {
    expect(() => parseAdminTokens(`alice:admin:${ALICE_SECRET},alice:viewer:${CAROL_SECRET}`)).toThrow(
      'ADMIN_TOKENS names "alice" twice',
    );
  });

  it('refuses the same secret for two tokens', () => {
    expect(() => parseAdminTokens(`alice:admin:${ALICE_SECRET},carol:viewer:${ALICE_SECRET}`)).toThrow(
      'the same secret',
    );
  });

  it.each(['', '   ', ' , ,'])('refuses an empty list %j', (raw) => {
    expect(() => parseAdminTokens(raw)).toThrow('at least one name:role:secret');
  });

  describe('never puts a secret in an error message', () => {
    it.each([
      ['a bad role', `alice:owner:${ALICE_SECRET}`, ALICE_SECRET],
      ['a short secret', 'alice:admin:short-secret', 'short-secret'],
      ['a bad name', `al ice:admin:${ALICE_SECRET}`, ALICE_SECRET],
      ['a duplicate name', `alice:admin:${ALICE_SECRET},alice:viewer:${CAROL_SECRET}`, CAROL_SECRET],
      ['a duplicate secret', `alice:admin:${ALICE_SECRET},carol:viewer:${ALICE_SECRET}`, ALICE_SECRET],
      ['a missing role (name:secret)', `alice:${ALICE_SECRET}`, ALICE_SECRET],
      ['a bare secret (no name, no role)', ALICE_SECRET, ALICE_SECRET],
    ])('for %s', (_case, raw, secret) => {
      expect(parseErrorFor(raw).message).not.toContain(secret);
    });
  });
});
