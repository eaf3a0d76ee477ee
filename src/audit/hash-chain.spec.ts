import {
  auditHash,
  canonicalJson,
  ChainVerifier,
  GENESIS_HASH,
  type AuditContent,
  type ChainedEntry,
} from './hash-chain.js';

function content(overrides: Partial<AuditContent> = {}): AuditContent {
  return {
    occurredAt: new Date('2030-01-02T03:04:05.000Z'),
    actor: 'alice',
    actorId: null,
    role: 'admin',
    action: 'department.update',
    entityType: 'department',
    entityId: 'sales-id',
    before: { name: 'Sales', keywords: ['sales'] },
    after: { name: 'Sales team', keywords: ['sales', 'buy'] },
    requestId: 'req-1',
    ...overrides,
  };
}

/** A valid chain of `length` entries starting from `firstPrevHash`, each built with auditHash. */
function chain(length: number, firstPrevHash = GENESIS_HASH): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = firstPrevHash;
  for (let index = 0; index < length; index += 1) {
    const entryContent = content({ entityId: `department-${index + 1}`, requestId: `req-${index + 1}` });
    const hash = auditHash(entryContent, prevHash);
    entries.push({ ...entryContent, id: String(index + 1), prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts the keys of an object', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('sorts the keys of nested objects, including objects inside arrays', () => {
    expect(canonicalJson({ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null })).toBe(
      '{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}',
    );
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson(['b', 'a', 3, 1, true, null])).toBe('["b","a",3,1,true,null]');
  });

  it('writes scalars as JSON', () => {
    expect([canonicalJson('say "hi"'), canonicalJson(1.5), canonicalJson(false), canonicalJson(null)]).toEqual([
      '"say \\"hi\\""',
      '1.5',
      'false',
      'null',
    ]);
  });

  it('gives the same text for two objects with the same content in different key order', () => {
    const first = { name: 'Sales', nested: { a: 1, b: [1, 2] }, digit: '1' };
    const second = { digit: '1', nested: { b: [1, 2], a: 1 }, name: 'Sales' };

    expect(canonicalJson(first)).toBe(canonicalJson(second));
  });
});

describe('auditHash', () => {
  it('is 64 lowercase hex characters', () => {
    expect(auditHash(content(), GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same content', () => {
    expect(auditHash(content(), GENESIS_HASH)).toBe(auditHash(content(), GENESIS_HASH));
  });

  it('does not depend on the key order of before and after', () => {
    const ordered = content({ before: { a: 1, b: { c: 2, d: 3 } }, after: { x: 1, y: 2 } });
    const reordered = content({ before: { b: { d: 3, c: 2 }, a: 1 }, after: { y: 2, x: 1 } });

    expect(auditHash(reordered, GENESIS_HASH)).toBe(auditHash(ordered, GENESIS_HASH));
  });

  it.each<[string, Partial<AuditContent>]>([
    ['occurredAt', { occurredAt: new Date('2030-01-02T03:04:05.001Z') }],
    ['actor', { actor: 'bob' }],
    ['actorId (from null)', { actorId: 'alice' }],
    ['role', { role: 'viewer' }],
    ['action', { action: 'department.create' }],
    ['entityType', { entityType: 'settings' }],
    ['entityId', { entityId: 'support-id' }],
    ['before', { before: { name: 'Sales', keywords: ['sale'] } }],
    ['before (to null)', { before: null }],
    ['after', { after: { name: 'Sales team', keywords: ['buy', 'sales'] } }],
    ['after (to null)', { after: null }],
    ['requestId', { requestId: 'req-2' }],
    ['requestId (to null)', { requestId: null }],
  ])('changes when %s changes', (_field, overrides) => {
    expect(auditHash(content(overrides), GENESIS_HASH)).not.toBe(auditHash(content(), GENESIS_HASH));
  });

  it('hashes an entry without an actor id as entries were hashed before actor ids were kept', () => {
    // Computed by the auditHash of the release before actor_id: entries already written must still verify.
    expect(auditHash(content(), GENESIS_HASH)).toBe('e482cc38ef63d3ce0b921ba840826c378b3cf33b955454593b51a7a53eed80c2');
  });

  it('tells an actor id from no actor id, and one id from another', () => {
    const hashes = [null, 'alice', 'alice-2'].map((actorId) => auditHash(content({ actorId }), GENESIS_HASH));

    expect(new Set(hashes).size).toBe(3);
  });

  it('changes when the previous hash changes', () => {
    expect(auditHash(content(), 'f'.repeat(64))).not.toBe(auditHash(content(), GENESIS_HASH));
  });
});

describe('ChainVerifier', () => {
  it('accepts a valid chain checked in one batch and counts its entries', () => {
    const sut = new ChainVerifier();

    expect(sut.check(chain(5))).toBeNull();
    expect(sut.entries).toBe(5);
  });

  it('accepts a valid chain checked in several batches and counts all their entries', () => {
    const entries = chain(7);
    const sut = new ChainVerifier();

    expect(sut.check(entries.slice(0, 3))).toBeNull();
    expect(sut.check(entries.slice(3, 5))).toBeNull();
    expect(sut.check(entries.slice(5))).toBeNull();
    expect(sut.entries).toBe(7);
  });

  it('accepts an empty batch', () => {
    const sut = new ChainVerifier();

    expect(sut.check([])).toBeNull();
    expect(sut.entries).toBe(0);
  });

  it('reports hash_mismatch at an entry whose content was altered', () => {
    const entries = chain(4);
    entries[2] = { ...entries[2], after: { name: 'Tampered' } };

    expect(new ChainVerifier().check(entries)).toEqual({ id: '3', reason: 'hash_mismatch' });
  });

  it('reports hash_mismatch at an entry whose stored hash was altered', () => {
    const entries = chain(3);
    entries[1] = { ...entries[1], hash: 'a'.repeat(64) };

    expect(new ChainVerifier().check(entries)).toEqual({ id: '2', reason: 'hash_mismatch' });
  });

  it('reports prev_hash_mismatch at the entry after one that was rewritten with a fresh hash', () => {
    const entries = chain(4);
    const rewritten = content({ entityId: 'department-2', requestId: 'req-2', actor: 'mallory' });
    entries[1] = { ...entries[1], ...rewritten, hash: auditHash(rewritten, entries[1].prevHash) };

    expect(new ChainVerifier().check(entries)).toEqual({ id: '3', reason: 'prev_hash_mismatch' });
  });

  it('reports prev_hash_mismatch at the entry following one removed from the middle', () => {
    const entries = chain(5);
    entries.splice(2, 1);

    expect(new ChainVerifier().check(entries)).toEqual({ id: '4', reason: 'prev_hash_mismatch' });
  });

  it('notices an entry removed at the boundary between two batches', () => {
    const entries = chain(5);
    const sut = new ChainVerifier();

    expect(sut.check(entries.slice(0, 2))).toBeNull();
    expect(sut.check(entries.slice(3))).toEqual({ id: '4', reason: 'prev_hash_mismatch' });
  });

  it('requires the first entry to chain from GENESIS_HASH', () => {
    const entries = chain(3, 'b'.repeat(64));

    expect(new ChainVerifier().check(entries)).toEqual({ id: '1', reason: 'prev_hash_mismatch' });
  });

  it('refuses a chain whose first entry was removed', () => {
    const entries = chain(3).slice(1);

    expect(new ChainVerifier().check(entries)).toEqual({ id: '2', reason: 'prev_hash_mismatch' });
  });
});
