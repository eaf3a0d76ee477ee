import {
  ForbiddenException,
  HttpStatus,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import type { AdminToken } from '../config/admin-tokens.js';
import type { AdminActor, AdminActorResolver } from './admin-actor.js';
import { AdminAuthGuard, clientAddress, type AdminRequest } from './admin-auth.guard.js';
import { AuthFailureLimiter } from './auth-failure-limiter.js';
import { builtInActorResolver } from './built-in-actor-resolver.js';

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

describe('AdminAuthGuard with the static tokens', () => {
  let sut: AdminAuthGuard;

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    sut = new AdminAuthGuard(builtInActorResolver(TOKENS), new AuthFailureLimiter({ limit: 3, windowMs: 60_000 }));
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
    ])('refuses a request with %s and asks for a bearer token', async (_case, authorization) => {
      const http = fakeHttp('GET', authorization);

      await expect(sut.canActivate(http.context)).rejects.toThrow(UnauthorizedException);
      expect(http.responseHeaders.get('www-authenticate')).toBe('Bearer realm="admin"');
      expect(http.request.adminPrincipal).toBeUndefined();
    });
  });

  it('reads the scheme case-insensitively', async () => {
    await expect(sut.canActivate(fakeHttp('GET', `bearer ${VIEWER.secret}`).context)).resolves.toBe(true);
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('lets a viewer %s', async (method) => {
    await expect(sut.canActivate(fakeHttp(method, `Bearer ${VIEWER.secret}`).context)).resolves.toBe(true);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('forbids a viewer to %s', async (method) => {
    const http = fakeHttp(method, `Bearer ${VIEWER.secret}`);

    await expect(sut.canActivate(http.context)).rejects.toThrow(ForbiddenException);
    expect(http.request.adminPrincipal).toBeUndefined();
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('lets an admin %s', async (method) => {
    await expect(sut.canActivate(fakeHttp(method, `Bearer ${ADMIN.secret}`).context)).resolves.toBe(true);
  });

  it('sets the actor of the matching token, named by the token, without its secret', async () => {
    const http = fakeHttp('PATCH', `Bearer ${OTHER_ADMIN.secret}`);

    await sut.canActivate(http.context);

    expect(http.request.adminPrincipal).toStrictEqual({ id: 'token:ops-bot', name: 'ops-bot', role: 'admin' });
  });

  it('sets the viewer actor on a read', async () => {
    const http = fakeHttp('GET', `Bearer ${VIEWER.secret}`);

    await sut.canActivate(http.context);

    expect(http.request.adminPrincipal).toStrictEqual({ id: 'token:victor', name: 'victor', role: 'viewer' });
  });

  it('does not ask for credentials when a known token is forbidden', async () => {
    const http = fakeHttp('DELETE', `Bearer ${VIEWER.secret}`);

    await expect(sut.canActivate(http.context)).rejects.toThrow(ForbiddenException);
    expect(http.responseHeaders.has('www-authenticate')).toBe(false);
  });

  describe('after too many failed attempts from one address', () => {
    const failThrice = async (ip: string): Promise<void> => {
      for (let attempt = 0; attempt < 3; attempt++) {
        await expect(
          sut.canActivate(fakeHttp('GET', `Bearer guess-${attempt}-0123456789`, ip).context),
        ).rejects.toThrow(UnauthorizedException);
      }
    };

    it.each([
      ['a made-up token', 'Bearer guess-4-0123456789'],
      ['no token', undefined],
      ['a valid token, so that a right guess is answered like a wrong one', `Bearer ${VIEWER.secret}`],
    ])('answers 429 with Retry-After to %s', async (_case, authorization) => {
      await failThrice('203.0.113.7');
      const http = fakeHttp('GET', authorization, '203.0.113.7');

      await expect(sut.canActivate(http.context)).rejects.toThrow(ThrottlerException);
      expect(http.responseHeaders.get('retry-after')).toBe('60');
      expect(http.request.adminPrincipal).toBeUndefined();
    });

    it('still lets another address in', async () => {
      await failThrice('203.0.113.7');

      await expect(sut.canActivate(fakeHttp('GET', `Bearer ${VIEWER.secret}`, '198.51.100.9').context)).resolves.toBe(
        true,
      );
    });

    it('does not count accepted tokens, nor a viewer refused a write, as failures', async () => {
      const ip = '203.0.113.9';
      for (let attempt = 0; attempt < 5; attempt++) {
        await sut.canActivate(fakeHttp('GET', `Bearer ${ADMIN.secret}`, ip).context);
        await expect(sut.canActivate(fakeHttp('POST', `Bearer ${VIEWER.secret}`, ip).context)).rejects.toThrow(
          ForbiddenException,
        );
      }

      await expect(sut.canActivate(fakeHttp('GET', 'Bearer guess-0123456789', ip).context)).rejects.toThrow(
        UnauthorizedException,
      );
    });

    it('answers 429 with a message that says why', async () => {
      await failThrice('203.0.113.7');

      await expect(sut.canActivate(fakeHttp('GET', undefined, '203.0.113.7').context)).rejects.toThrow(
        expect.objectContaining({
          message: expect.stringContaining('Too many failed authentication attempts'),
          status: HttpStatus.TOO_MANY_REQUESTS,
        }),
      );
    });
  });
});

describe('AdminAuthGuard with a host resolver', () => {
  const HOST_ADMIN: AdminActor = { id: 'user-42', name: 'Grace Hopper', role: 'admin' };
  const HOST_VIEWER: AdminActor = { id: 'user-7', name: 'Ada Lovelace', role: 'viewer' };

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const builtIn = vi.fn<AdminActorResolver>(() => ({ id: 'alice', name: 'alice', role: 'admin' }));
  const guardWith = (resolver: AdminActorResolver): AdminAuthGuard =>
    new AdminAuthGuard(builtIn, new AuthFailureLimiter({ limit: 2, windowMs: 60_000 }), resolver);

  it('never asks the built-in resolver', async () => {
    await expect(
      guardWith(() => undefined).canActivate(fakeHttp('GET', `Bearer ${ADMIN.secret}`).context),
    ).rejects.toThrow(UnauthorizedException);
    expect(builtIn).not.toHaveBeenCalled();
  });

  it.each<[string, AdminActorResolver]>([
    ['synchronously', () => HOST_ADMIN],
    ['asynchronously', () => Promise.resolve(HOST_ADMIN)],
  ])('takes the actor the resolver answers %s', async (_case, resolver) => {
    const http = fakeHttp('POST', undefined);

    await expect(guardWith(resolver).canActivate(http.context)).resolves.toBe(true);
    expect(http.request.adminPrincipal).toStrictEqual(HOST_ADMIN);
  });

  it('gives the resolver the request itself', async () => {
    const resolver = vi.fn<AdminActorResolver>(() => HOST_VIEWER);
    const http = fakeHttp('GET', 'Bearer host-session-0123456789');

    await guardWith(resolver).canActivate(http.context);

    expect(resolver).toHaveBeenCalledWith(http.request);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
  ])('answers 401 with the bearer challenge when the resolver answers %s', async (_case, answer) => {
    const http = fakeHttp('GET', undefined);

    await expect(guardWith(() => answer as AdminActor).canActivate(http.context)).rejects.toThrow(
      UnauthorizedException,
    );
    expect(http.responseHeaders.get('www-authenticate')).toBe('Bearer realm="admin"');
  });

  it('forbids a viewer of the host to write', async () => {
    const http = fakeHttp('PATCH', undefined);

    await expect(guardWith(() => HOST_VIEWER).canActivate(http.context)).rejects.toThrow(
      expect.objectContaining({ status: HttpStatus.FORBIDDEN, message: expect.stringContaining('Ada Lovelace') }),
    );
  });

  it('counts an answer without an actor as a failure of the address, and then stops asking the resolver', async () => {
    const resolver = vi.fn<AdminActorResolver>(() => undefined);
    const sut = guardWith(resolver);
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(sut.canActivate(fakeHttp('GET', undefined).context)).rejects.toThrow(UnauthorizedException);
    }

    await expect(sut.canActivate(fakeHttp('GET', undefined).context)).rejects.toThrow(ThrottlerException);
    expect(resolver).toHaveBeenCalledTimes(2);
  });

  it('answers 429 when requests resolved meanwhile spent the address budget, even to a valid actor', async () => {
    const limiter = new AuthFailureLimiter({ limit: 2, windowMs: 60_000 });
    const sut = new AdminAuthGuard(builtIn, limiter, () => {
      // Two wrong guesses from the same address finish while this one is being resolved.
      limiter.recordFailure('192.0.2.10');
      limiter.recordFailure('192.0.2.10');
      return Promise.resolve(HOST_ADMIN);
    });
    const http = fakeHttp('GET', undefined);

    await expect(sut.canActivate(http.context)).rejects.toThrow(ThrottlerException);
    expect(http.request.adminPrincipal).toBeUndefined();
  });

  it('passes on what the resolver throws, without counting it as a failure', async () => {
    const sut = guardWith(() => Promise.reject(new ServiceUnavailableException('identity provider down')));
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(sut.canActivate(fakeHttp('GET', undefined).context)).rejects.toThrow(ServiceUnavailableException);
    }
  });

  it.each<[string, unknown]>([
    ['without an id', { name: 'Grace', role: 'admin' }],
    ['with an empty name', { id: 'user-42', name: ' ', role: 'admin' }],
    ['with an unknown role', { id: 'user-42', name: 'Grace', role: 'owner' }],
    ['with an id too long for the audit log', { id: 'x'.repeat(256), name: 'Grace', role: 'admin' }],
  ])('fails loudly on an actor %s, letting nobody in', async (_case, answer) => {
    const http = fakeHttp('GET', undefined);

    await expect(guardWith(() => answer as AdminActor).canActivate(http.context)).rejects.toThrow(
      'The admin actor resolver answered something else than { id, name, role }',
    );
    expect(http.request.adminPrincipal).toBeUndefined();
  });
});
