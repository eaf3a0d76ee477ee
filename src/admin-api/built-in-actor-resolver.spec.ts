import type { Request } from 'express';
import type { AdminToken } from '../config/admin-tokens.js';
import type { AdminActor } from './admin-actor.js';
import { builtInActorResolver, findAdminToken } from './built-in-actor-resolver.js';
import type { JwtActorVerifier } from './jwt-actor-verifier.js';

const ADMIN: AdminToken = { name: 'alice', role: 'admin', secret: 'alice-secret-0123456789' };
const VIEWER: AdminToken = { name: 'victor', role: 'viewer', secret: 'victor-secret-abcdefghij' };
const OTHER_ADMIN: AdminToken = { name: 'ops-bot', role: 'admin', secret: 'ops-bot:secret:0123456789' };
const TOKENS: readonly AdminToken[] = [ADMIN, VIEWER, OTHER_ADMIN];
const JWT_USER: AdminActor = { id: 'sub-1', name: 'Jane', role: 'admin' };
const A_JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzdWItMSJ9.c2lnbmF0dXJl';

const requestWith = (authorization: string | undefined): Request =>
  ({
    header: (name: string) => (name.toLowerCase() === 'authorization' ? authorization : undefined),
  }) as Request;

describe('findAdminToken', () => {
  it.each(TOKENS.map((token) => [token.name, token]))('finds the token of %s among several', (_name, token) => {
    expect(findAdminToken(TOKENS, token.secret)).toBe(token);
  });

  it('returns null for an unknown secret', () => {
    expect(findAdminToken(TOKENS, 'not-a-known-secret-0000')).toBeNull();
  });

  it('returns null for an empty secret', () => {
    expect(findAdminToken(TOKENS, '')).toBeNull();
  });

  it('returns null for a prefix of a secret', () => {
    expect(findAdminToken(TOKENS, ADMIN.secret.slice(0, -1))).toBeNull();
  });

  it('returns null for a secret with extra characters', () => {
    expect(findAdminToken(TOKENS, `${ADMIN.secret}x`)).toBeNull();
  });

  it('returns null when there are no tokens', () => {
    expect(findAdminToken([], ADMIN.secret)).toBeNull();
  });
});

describe('builtInActorResolver', () => {
  const jwt = { actorOf: vi.fn((token: string) => Promise.resolve(token === A_JWT ? JWT_USER : undefined)) };
  const sut = builtInActorResolver(TOKENS, jwt as unknown as JwtActorVerifier);

  beforeEach(() => {
    jwt.actorOf.mockClear();
  });

  it.each<[string, string | undefined, AdminActor | undefined]>([
    [
      'a static token, as its actor (id and name its name)',
      `Bearer ${VIEWER.secret}`,
      { id: 'token:victor', name: 'victor', role: 'viewer' },
    ],
    ['a JWT, as the verifier says', `Bearer ${A_JWT}`, JWT_USER],
    ['an unknown static token, as nobody', 'Bearer not-a-known-secret-0000', undefined],
    ['no Authorization header, as nobody', undefined, undefined],
    ['a Basic Authorization header, as nobody', `Basic ${ADMIN.secret}`, undefined],
  ])('answers %s', async (_case, authorization, expected) => {
    await expect(sut(requestWith(authorization))).resolves.toStrictEqual(expected);
  });

  it('sends a JWT to the verifier only, never to the static tokens', async () => {
    await sut(requestWith(`Bearer ${A_JWT}`));

    expect(jwt.actorOf).toHaveBeenCalledWith(A_JWT);
  });

  it('does not ask the verifier about a static token', async () => {
    await sut(requestWith(`Bearer ${ADMIN.secret}`));

    expect(jwt.actorOf).not.toHaveBeenCalled();
  });

  it('without a verifier, checks a JWT-shaped value against the static tokens', async () => {
    const staticOnly = builtInActorResolver([{ name: 'ci', role: 'admin', secret: A_JWT }]);

    await expect(staticOnly(requestWith(`Bearer ${A_JWT}`))).resolves.toStrictEqual({
      id: 'token:ci',
      name: 'ci',
      role: 'admin',
    });
  });
});
