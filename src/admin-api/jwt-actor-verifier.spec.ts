import { ForbiddenException, Logger, ServiceUnavailableException } from '@nestjs/common';
import {
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import type { AdminJwtConfig } from '../config/admin-jwt.js';
import { JwtActorVerifier } from './jwt-actor-verifier.js';

const CONFIG: AdminJwtConfig = {
  issuer: 'https://login.example.test/',
  audience: 'ivr-admin',
  jwksUrl: 'https://login.example.test/jwks',
  roleClaim: 'role',
};
const CLAIMS: JWTPayload = { sub: 'u-1', name: 'Jane Doe', role: 'admin' };

describe('JwtActorVerifier', () => {
  let keys: JWTVerifyGetKey;
  let sign: (claims?: JWTPayload, options?: { iss?: string; aud?: string; exp?: number | string }) => Promise<string>;
  let signWithAnotherKey: () => Promise<string>;
  let publicPem: string;
  let privateKey: CryptoKey;
  let sut: JwtActorVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    const other = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
    publicPem = await exportSPKI(pair.publicKey);
    sign = (claims = CLAIMS, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(options.iss ?? CONFIG.issuer)
        .setAudience(options.aud ?? CONFIG.audience)
        .setIssuedAt()
        .setExpirationTime(options.exp ?? '5m')
        .sign(pair.privateKey);
    signWithAnotherKey = () =>
      new SignJWT(CLAIMS)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(CONFIG.issuer)
        .setAudience(CONFIG.audience)
        .setExpirationTime('5m')
        .sign(other.privateKey);
  });

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    vi.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    sut = new JwtActorVerifier(CONFIG, keys);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers the actor of a valid token', async () => {
    await expect(sut.actorOf(await sign())).resolves.toStrictEqual({ id: 'u-1', name: 'Jane Doe', role: 'admin' });
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const exp = Math.floor(Date.now() / 1000) - 10;

    await expect(sut.actorOf(await sign(CLAIMS, { exp }))).resolves.toMatchObject({ id: 'u-1' });
  });

  it.each<[string, () => Promise<string>]>([
    ['another issuer', () => sign(CLAIMS, { iss: 'https://evil.example.test/' })],
    ['another audience', () => sign(CLAIMS, { aud: 'another-app' })],
    ['an expired token', () => sign(CLAIMS, { exp: Math.floor(Date.now() / 1000) - 120 })],
    ['a token signed by an unknown key', () => signWithAnotherKey()],
    [
      'an unsigned token (alg none)',
      () =>
        Promise.resolve(
          new UnsecuredJWT(CLAIMS)
            .setIssuer(CONFIG.issuer)
            .setAudience(CONFIG.audience)
            .setExpirationTime('5m')
            .encode(),
        ),
    ],
    [
      'an HS256 token keyed with the public key',
      () =>
        new SignJWT(CLAIMS)
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setIssuer(CONFIG.issuer)
          .setAudience(CONFIG.audience)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(publicPem)),
    ],
    [
      'a token without exp',
      () =>
        new SignJWT(CLAIMS)
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .setIssuer(CONFIG.issuer)
          .setAudience(CONFIG.audience)
          .sign(privateKey),
    ],
    ['a token without sub', () => sign({ name: 'Jane', role: 'admin' })],
    ['a token with a broken signature', async () => `${(await sign()).slice(0, -4)}AAAA`],
    ['garbage shaped like a JWT', () => Promise.resolve('eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.c2ln')],
  ])('answers no actor for %s', async (_case, token) => {
    await expect(sut.actorOf(await token().catch(() => 'eyJ.eyJ.x'))).resolves.toBeUndefined();
  });

  it('answers 403 for a valid token without an admin API role, naming the user', async () => {
    await expect(sut.actorOf(await sign({ sub: 'u-2', name: 'Bob', role: 'agent' }))).rejects.toThrow(
      new ForbiddenException('"Bob" has no admin API role: the token\'s role claim must be admin or viewer'),
    );
  });

  it('answers 503 when the key set cannot be read, and logs no token', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const token = await sign();
    sut = new JwtActorVerifier(CONFIG, () => Promise.reject(new TypeError('fetch failed')));

    await expect(sut.actorOf(token)).rejects.toThrow(ServiceUnavailableException);
    expect(JSON.stringify(warn.mock.calls)).not.toContain(token.split('.')[2]);
  });
});
