import type { JWTPayload } from 'jose';
import { actorFromClaims, type ClaimsVerdict, roleFromClaim } from './jwt-claims.js';

describe('roleFromClaim', () => {
  it.each<[string, unknown, 'admin' | 'viewer' | undefined]>([
    ['admin', 'admin', 'admin'],
    ['viewer', 'viewer', 'viewer'],
    ['an array holding admin', ['staff', 'admin'], 'admin'],
    ['an array holding viewer', ['viewer', 'staff'], 'viewer'],
    ['an array holding both, as admin', ['viewer', 'admin'], 'admin'],
    ['another role', 'owner', undefined],
    ['another case', 'Admin', undefined],
    ['padding', ' admin', undefined],
    ['an empty array', [], undefined],
    ['a missing claim', undefined, undefined],
    ['a number', 1, undefined],
    ['an object', { admin: true }, undefined],
  ])('reads %s', (_case, value, expected) => {
    expect(roleFromClaim(value)).toBe(expected);
  });
});

describe('actorFromClaims', () => {
  it.each<[string, JWTPayload, string, ClaimsVerdict]>([
    [
      'id from sub and name from name',
      { sub: 'u-1', name: 'Jane Doe', preferred_username: 'jdoe', role: 'admin' },
      'role',
      { kind: 'actor', actor: { id: 'u-1', name: 'Jane Doe', role: 'admin' } },
    ],
    [
      'the name from preferred_username without a name',
      { sub: 'u-1', preferred_username: 'jdoe', role: 'viewer' },
      'role',
      { kind: 'actor', actor: { id: 'u-1', name: 'jdoe', role: 'viewer' } },
    ],
    [
      'the name from sub without either',
      { sub: 'u-1', name: '  ', role: 'viewer' },
      'role',
      { kind: 'actor', actor: { id: 'u-1', name: 'u-1', role: 'viewer' } },
    ],
    [
      'the role from the configured claim',
      { sub: 'u-1', name: 'Jane', role: 'viewer', roles: ['admin'] },
      'roles',
      { kind: 'actor', actor: { id: 'u-1', name: 'Jane', role: 'admin' } },
    ],
    [
      'a claim name with dots as one name (not a path)',
      { sub: 'u-1', 'https://example.com/role': 'admin' },
      'https://example.com/role',
      { kind: 'actor', actor: { id: 'u-1', name: 'u-1', role: 'admin' } },
    ],
    ['no role as such', { sub: 'u-1', name: 'Jane', role: 'owner' }, 'role', { kind: 'no_role', name: 'Jane' }],
    ['a missing role claim as no role', { sub: 'u-1', name: 'Jane' }, 'role', { kind: 'no_role', name: 'Jane' }],
    ['no sub as no subject', { name: 'Jane', role: 'admin' }, 'role', { kind: 'no_subject' }],
    ['an empty sub as no subject', { sub: '', name: 'Jane', role: 'admin' }, 'role', { kind: 'no_subject' }],
    [
      'a sub too long for the audit log as no subject',
      { sub: 'x'.repeat(256), role: 'admin' },
      'role',
      { kind: 'no_subject' },
    ],
  ])('takes %s', (_case, claims, roleClaim, expected) => {
    expect(actorFromClaims(claims, roleClaim)).toStrictEqual(expected);
  });

  it('cuts a name longer than the audit log holds', () => {
    const verdict = actorFromClaims({ sub: 'u-1', name: 'n'.repeat(300), role: 'admin' }, 'role');

    expect(verdict).toMatchObject({ kind: 'actor', actor: { name: 'n'.repeat(255) } });
  });
});
