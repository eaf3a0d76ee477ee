import { ForbiddenException, HttpStatus, Logger, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import type { AdminToken } from '../config/admin-tokens.js';
import { ivrConfigForTests } from '../../test/helpers/app-config.js';
import { AdminAuthGuard, clientAddress, findAdminToken, type AdminRequest } from './admin-auth.guard.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';

const ADMIN: AdminToken = { name: 'alice', role: 'admin', secret: 'alice-secret-0123456789' };
const VIEWER: AdminToken = { name: 'victor', role: 'viewer', secret: 'victor-secret-abcdefghij' };
const OTHER_ADMIN: AdminToken = { name: 'ops-bot', role: 'admin', secret: 'ops-bot:secret:0123456789' };
const TOKENS: readonly AdminToken[] = [ADMIN, VIEWER, OTHER_ADMIN];

interface FakeHttp {
  readonly request: AdminRequest;
  readonly responseHeaders: Map<string, string>;
  readonly context: ExecutionContext;
}

function fakeHttp(method: string, authorization: string | undefined, ip = '192.0.2.10'): FakeHttp {
  const request = {
    method,
    ip,
    path: '/admin/departments',
    header: ((name: string) =>
      name.toLowerCase() === 'authorization' ? authorization : undefined) as AdminRequest['header'],
  } as AdminRequest;
  const responseHeaders = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string) => {
      responseHeaders.set(name.toLowerCase(), value);
      return response;
    },
  } as unknown as Response;
  const context = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { request, responseHeaders, context };
}

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

describe('clientAddress', () => {
  it.each([
    ['an IPv4 address as it is', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address as IPv4', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address by its /64', '2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['an unknown address (the socket is gone) as unknown', undefined, 'unknown'],
  ])('answers %s', (_case, ip, expected) => {
    expect(clientAddress({ ip })).toBe(expected);
  });
});

describe('AdminAuthGuard', () => {
  const config = ivrConfigForTests({ adminTokens: TOKENS });
  let sut: AdminAuthGuard;

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    sut = new AdminAuthGuard(config, new AuthFailureLimiter({ limit: 3, windowMs: 60_000 }));
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  describe('without a valid bearer token', () => {
    it.each([
      ['no Authorization header', undefined],
      ['an empty Authorization header', ''],
      ['a Basic Authorization header', `Basic ${ADMIN.secret}`],
      ['a Bearer scheme without a token', 'Bearer '],
      ['a Bearer token followed by another word', `Bearer ${ADMIN.secret} extra`],
      ['an unknown Bearer token', 'Bearer not-a-known-secret-0000'],
      ['a prefix of a known secret', `Bearer ${ADMIN.secret.slice(0, 10)}`],
    ])('refuses a request with %s and asks for a bearer token', (_case, authorization) => {
      const http = fakeHttp('GET', authorization);

      expect(() => sut.canActivate(http.context)).toThrow(UnauthorizedException);
      expect(http.responseHeaders.get('www-authenticate')).toBe('Bearer realm="admin"');
      expect(http.request.adminPrincipal).toBeUndefined();
    });
  });

  it('reads the scheme case-insensitively', () => {
    expect(sut.canActivate(fakeHttp('GET', `bearer ${VIEWER.secret}`).context)).toBe(true);
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('lets a viewer %s', (method) => {
    expect(sut.canActivate(fakeHttp(method, `Bearer ${VIEWER.secret}`).context)).toBe(true);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('forbids a viewer to %s', (method) => {
    const http = fakeHttp(method, `Bearer ${VIEWER.secret}`);

    expect(() => sut.canActivate(http.context)).toThrow(ForbiddenException);
    expect(http.request.adminPrincipal).toBeUndefined();
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('lets an admin %s', (method) => {
    expect(sut.canActivate(fakeHttp(method, `Bearer ${ADMIN.secret}`).context)).toBe(true);
  });

  it('sets the principal of the matching token, without its secret', () => {
    const http = fakeHttp('PATCH', `Bearer ${OTHER_ADMIN.secret}`);

    sut.canActivate(http.context);

    expect(http.request.adminPrincipal).toStrictEqual({ name: 'ops-bot', role: 'admin' });
  });

  it('sets the viewer principal on a read', () => {
    const http = fakeHttp('GET', `Bearer ${VIEWER.secret}`);

    sut.canActivate(http.context);

    expect(http.request.adminPrincipal).toStrictEqual({ name: 'victor', role: 'viewer' });
  });

  it('does not ask for credentials when a known token is forbidden', () => {
    const http = fakeHttp('DELETE', `Bearer ${VIEWER.secret}`);

    expect(() => sut.canActivate(http.context)).toThrow(ForbiddenException);
    expect(http.responseHeaders.has('www-authenticate')).toBe(false);
  });

  describe('after too many failed attempts from one address', () => {
    const failThrice = (ip: string): void => {
      for (let attempt = 0; attempt < 3; attempt++) {
        expect(() => sut.canActivate(fakeHttp('GET', `Bearer guess-${attempt}-0123456789`, ip).context)).toThrow(
          UnauthorizedException,
        );
      }
    };

    it.each([
      ['a made-up token', 'Bearer guess-4-0123456789'],
      ['no token', undefined],
      ['a valid token, so that a right guess is answered like a wrong one', `Bearer ${VIEWER.secret}`],
    ])('answers 429 with Retry-After to %s', (_case, authorization) => {
      failThrice('203.0.113.7');
      const http = fakeHttp('GET', authorization, '203.0.113.7');

      expect(() => sut.canActivate(http.context)).toThrow(ThrottlerException);
      expect(http.responseHeaders.get('retry-after')).toBe('60');
      expect(http.request.adminPrincipal).toBeUndefined();
    });

    it('still lets another address in', () => {
      failThrice('203.0.113.7');

      expect(sut.canActivate(fakeHttp('GET', `Bearer ${VIEWER.secret}`, '198.51.100.9').context)).toBe(true);
    });

    it('does not count accepted tokens, nor a viewer refused a write, as failures', () => {
      const ip = '203.0.113.9';
      for (let attempt = 0; attempt < 5; attempt++) {
        sut.canActivate(fakeHttp('GET', `Bearer ${ADMIN.secret}`, ip).context);
        expect(() => sut.canActivate(fakeHttp('POST', `Bearer ${VIEWER.secret}`, ip).context)).toThrow(
          ForbiddenException,
        );
      }

      expect(() => sut.canActivate(fakeHttp('GET', 'Bearer guess-0123456789', ip).context)).toThrow(
        UnauthorizedException,
      );
    });

    it('answers 429 with a message that says why', () => {
      failThrice('203.0.113.7');

      expect(() => sut.canActivate(fakeHttp('GET', undefined, '203.0.113.7').context)).toThrow(
        expect.objectContaining({
          message: expect.stringContaining('Too many failed authentication attempts'),
          status: HttpStatus.TOO_MANY_REQUESTS,
        }),
      );
    });
  });
});
