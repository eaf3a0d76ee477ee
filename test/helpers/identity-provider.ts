import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';

export interface TokenOptions {
  readonly issuer?: string;
  readonly audience?: string;
  /** Seconds since the epoch, or a jose time span from now ('5m'). */
  readonly expiresAt?: number | string;
}

/** An identity provider on 127.0.0.1 (a port of its own), publishing one ES256 key; nothing leaves the machine. */
export interface IdentityProvider {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
  /** A URL on the same server whose key set answers 500. */
  readonly brokenJwksUrl: string;
  /** The paths requested so far. */
  readonly requests: readonly string[];
  sign(claims: JWTPayload, options?: TokenOptions): Promise<string>;
  /** Signed by a key the provider does not publish, under the published key's id. */
  signWithUnknownKey(claims: JWTPayload): Promise<string>;
  /** `alg: none`. */
  unsigned(claims: JWTPayload): string;
  /** HS256 keyed with the published public key (PEM), the classic algorithm-confusion forgery. */
  signHs256WithPublicKey(claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

const KEY_ID = 'test-key-1';

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const keys = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: KEY_ID, alg: 'ES256', use: 'sig' };
  const publicPem = await exportSPKI(keys.publicKey);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const ok = request.url === '/jwks';
    response.writeHead(ok ? 200 : 500, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(ok ? { keys: [jwk] } : { error: 'broken' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${origin}/`;
  const audience = 'ivr-admin-api';

  const build = (claims: JWTPayload, options: TokenOptions = {}): SignJWT =>
    new SignJWT(claims)
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setIssuedAt()
      .setExpirationTime(options.expiresAt ?? '5m');

  return {
    issuer,
    audience,
    jwksUrl: `${origin}/jwks`,
    brokenJwksUrl: `${origin}/broken-jwks`,
    requests,
    sign: (claims, options) =>
      build(claims, options).setProtectedHeader({ alg: 'ES256', kid: KEY_ID }).sign(keys.privateKey),
    signWithUnknownKey: (claims) =>
      build(claims).setProtectedHeader({ alg: 'ES256', kid: KEY_ID }).sign(stranger.privateKey),
    unsigned: (claims) =>
      new UnsecuredJWT(claims).setIssuer(issuer).setAudience(audience).setExpirationTime('5m').encode(),
    signHs256WithPublicKey: (claims) =>
      build(claims).setProtectedHeader({ alg: 'HS256', kid: KEY_ID }).sign(new TextEncoder().encode(publicPem)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
