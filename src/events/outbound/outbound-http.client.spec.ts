// Every request here goes to a server this file starts on 127.0.0.1; refusals are decided before any connection.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from '../../common/free-port.js';
import { OutboundHttpClient, type OutboundHttpOptions, type ResolveHostname } from './outbound-http.client.js';

interface ReceivedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

type Handler = (request: IncomingMessage, response: ServerResponse, received: ReceivedRequest) => void;

interface TestServer {
  readonly port: number;
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: number;
}

const LOOPBACK_ONLY = ['127.0.0.1/32'];
const servers: ReturnType<typeof createServer>[] = [];
const clients: OutboundHttpClient[] = [];

async function startServer(handler: Handler): Promise<TestServer> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const state: TestServer = { port, url: `http://127.0.0.1:${port}`, requests: [], connections: 0 };
  server.on('connection', () => state.connections++);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      state.requests.push(received);
      handler(request, response, received);
    });
  });
  return state;
}

function client(options: OutboundHttpOptions): OutboundHttpClient {
  const sut = new OutboundHttpClient({ allowHttp: true, allowedRanges: LOOPBACK_ONLY, ...options });
  clients.push(sut);
  return sut;
}

const answer =
  (status: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_request, response) =>
    response.writeHead(status, headers).end(body);

const resolvingTo =
  (...addresses: string[]): ResolveHostname =>
  () =>
    Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

afterEach(async () => {
  for (const sut of clients.splice(0)) sut.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('OutboundHttpClient', () => {
  describe('a call that is allowed', () => {
    it('posts the body with the default headers and reports the answer', async () => {
      const server = await startServer(answer(201, '{"ok":true}'));
      const sut = client({});

      const response = await sut.post(`${server.url}/hook`, '{"event":"call.completed"}', { 'webhook-id': 'msg_1' });

      expect(response).toStrictEqual({
        statusCode: 201,
        body: '{"ok":true}',
        bodyTruncated: false,
        latencyMs: expect.any(Number),
        retryAfterMs: null,
        error: null,
        refused: false,
      });
      expect(server.requests).toStrictEqual([
        {
          method: 'POST',
          url: '/hook',
          headers: expect.objectContaining({
            'user-agent': 'twilio-ivr-webhooks/1',
            'content-type': 'application/json',
            'content-length': '26',
            'webhook-id': 'msg_1',
          }),
          body: '{"event":"call.completed"}',
        },
      ]);
    });

    it("lets the caller's headers replace the defaults, however they are spelled", async () => {
      const server = await startServer(answer(204));
      const sut = client({});

      await sut.post(server.url, '{}', { 'Content-Type': 'application/cloudevents+json', 'User-Agent': 'host/2' });

      expect(server.requests[0].headers).toMatchObject({
        'content-type': 'application/cloudevents+json',
        'user-agent': 'host/2',
      });
    });

    it('keeps the connection alive between calls to the same receiver', async () => {
      const server = await startServer(answer(200));
      const sut = client({});

      await sut.post(server.url, '{}', {});
      await sut.post(server.url, '{}', {});

      expect(server.requests).toHaveLength(2);
      expect(server.connections).toBe(1);
    });

    it('closes the kept-alive connections on close()', async () => {
      let socketClosed: Promise<void> = Promise.resolve();
      const server = await startServer((request, response) => {
        socketClosed = new Promise((resolve) => request.socket.once('close', () => resolve()));
        response.end();
      });
      const sut = client({});
      await sut.post(server.url, '{}', {});

      sut.close();

      await socketClosed;
      expect(server.connections).toBe(1);
    });

    it('connects a name to the address its resolution answered and was checked, keeping the name as Host', async () => {
      const server = await startServer(answer(200));
      const resolve = vi.fn(resolvingTo('127.0.0.1'));
      const sut = client({ resolve });

      const response = await sut.post(`http://hook.invalid:${server.port}/hook`, '{}', {});

      expect(response.statusCode).toBe(200);
      expect(resolve).toHaveBeenCalledExactlyOnceWith('hook.invalid');
      expect(server.requests[0].headers.host).toBe(`hook.invalid:${server.port}`);
    });

    it('speaks TLS to an https URL through the checked address too', async () => {
      const server = await startServer(answer(200));
      const sut = client({ resolve: resolvingTo('127.0.0.1'), allowHttp: false });

      // The test server speaks plain http, so the handshake fails; what matters is where it was attempted.
      const response = await sut.post(`https://hook.invalid:${server.port}/hook`, '{}', {});

      expect(response).toMatchObject({ statusCode: null, refused: false, error: expect.any(String) });
      expect(server.connections).toBe(1);
    });
  });

  describe('a response that is too big or too slow', () => {
    it('reads an oversized body up to the limit and reports it truncated, with its status', async () => {
      const server = await startServer(answer(200, 'x'.repeat(5 * 1024 * 1024)));
      const sut = client({ maxResponseBytes: 64 * 1024, timeoutMs: 5_000 });

      const response = await sut.post(server.url, '{}', {});

      expect(response).toMatchObject({ statusCode: 200, bodyTruncated: true, error: null });
      expect(response.body).toHaveLength(64 * 1024);
      expect(response.latencyMs).toBeLessThan(2_000);
    });

    it('hangs up on a body that never ends once it has read the limit', async () => {
      let hungUp: Promise<void> = Promise.resolve();
      const server = await startServer((_request, response) => {
        hungUp = new Promise((resolve) => response.once('close', () => resolve()));
        const writeForever = () => {
          while (!response.destroyed && response.write(Buffer.alloc(16 * 1024, 'y')));
          if (!response.destroyed) response.once('drain', writeForever);
        };
        response.writeHead(200);
        writeForever();
      });
      const sut = client({ maxResponseBytes: 1_000, timeoutMs: 5_000 });

      const response = await sut.post(server.url, '{}', {});

      expect(response).toMatchObject({ statusCode: 200, bodyTruncated: true, error: null, body: 'y'.repeat(1_000) });
      await hungUp;
      expect(server.connections).toBe(1);
    });

    it('does not count a body of exactly the limit as truncated', async () => {
      const server = await startServer(answer(200, 'z'.repeat(1_000)));
      const sut = client({ maxResponseBytes: 1_000 });

      const response = await sut.post(server.url, '{}', {});

      expect(response).toMatchObject({ bodyTruncated: false, body: 'z'.repeat(1_000) });
    });

    it('gives up on a receiver that never answers after the timeout, without holding back another call', async () => {
      const slow = await startServer(() => undefined);
      const fast = await startServer(answer(200));
      const sut = client({ timeoutMs: 300 });

      const slowCall = sut.post(slow.url, '{}', {});
      const fastCall = sut.post(fast.url, '{}', {});
      const first = await Promise.race([slowCall.then(() => 'slow'), fastCall.then(() => 'fast')]);
      const slowResponse = await slowCall;

      expect(first).toBe('fast');
      expect((await fastCall).statusCode).toBe(200);
      expect(slowResponse).toMatchObject({ statusCode: null, error: 'timed out after 300 ms', refused: false });
      expect(slowResponse.latencyMs).toBeGreaterThanOrEqual(290);
      expect(slowResponse.latencyMs).toBeLessThan(1_000);
    });

    it('bounds the body by the same timeout as the connection', async () => {
      const server = await startServer((_request, response) => {
        response.writeHead(200);
        response.write('partial');
      });
      const sut = client({ timeoutMs: 300 });

      const response = await sut.post(server.url, '{}', {});

      expect(response).toMatchObject({ statusCode: null, error: 'timed out after 300 ms' });
    });
  });

  describe('Retry-After', () => {
    it('reads delay-seconds', async () => {
      const server = await startServer(answer(429, '', { 'Retry-After': '120' }));

      const response = await client({}).post(server.url, '{}', {});

      expect(response).toMatchObject({ statusCode: 429, retryAfterMs: 120_000, error: null });
    });

    it('reads an HTTP-date as the time left until it', async () => {
      const at = new Date(Date.now() + 60_000).toUTCString();
      const server = await startServer(answer(503, '', { 'Retry-After': at }));

      const response = await client({}).post(server.url, '{}', {});

      expect(response.retryAfterMs).toBeGreaterThan(55_000);
      expect(response.retryAfterMs).toBeLessThanOrEqual(60_000);
    });
  });

  describe('refusals, decided before connecting', () => {
    it('refuses loopback when no range allows it', async () => {
      const server = await startServer(answer(200));
      const sut = client({ allowedRanges: [] });

      const response = await sut.post(server.url, '{}', {});

      expect(response).toMatchObject({
        statusCode: null,
        refused: true,
        error: 'address 127.0.0.1 is not allowed (loopback); add it to the outbound allowed ranges to permit it',
      });
      expect(server.connections).toBe(0);
    });

    it('refuses http unless it is allowed', async () => {
      const server = await startServer(answer(200));
      const sut = client({ allowHttp: false });

      const response = await sut.post(server.url, '{}', {});

      expect(response).toMatchObject({
        refused: true,
        error: 'url must use https (http is allowed only when events.allowHttp is set, for development)',
      });
      expect(server.connections).toBe(0);
    });

    it.each<[string, string[], string]>([
      ['a private address', ['10.0.0.5'], 'hook.invalid: address 10.0.0.5 is not allowed (private)'],
      ['the metadata service', ['169.254.169.254'], 'hook.invalid: address 169.254.169.254 is not allowed (linkLocal)'],
      ['the metadata service, IPv4-mapped', ['::ffff:a9fe:a9fe'], 'address 169.254.169.254 is not allowed (linkLocal)'],
      ['an allowed and a private address', ['127.0.0.1', '10.0.0.5'], 'address 10.0.0.5 is not allowed (private)'],
    ])('refuses a name that resolves to %s', async (_case, addresses, error) => {
      const resolve = vi.fn(resolvingTo(...addresses));
      const sut = client({ resolve });

      const response = await sut.post('http://hook.invalid/hook', '{}', {});

      expect(response).toMatchObject({ statusCode: null, refused: true, error: expect.stringContaining(error) });
      expect(resolve).toHaveBeenCalledExactlyOnceWith('hook.invalid');
    });

    it.each<[string, string]>([
      ['an unparsable URL', 'not a url'],
      ['credentials in the URL', 'http://user:secret@127.0.0.1/hook'],
      ['another scheme', 'file:///etc/passwd'],
    ])('refuses %s without throwing', async (_case, url) => {
      const response = await client({}).post(url, '{}', {});

      expect(response).toMatchObject({ statusCode: null, refused: true, error: expect.stringMatching(/^url must/) });
    });
  });

  describe('redirects', () => {
    it('does not follow a redirect by default, reporting it refused with its Location', async () => {
      const server = await startServer(answer(302, '', { Location: '/elsewhere' }));
      const sut = client({});

      const response = await sut.post(`${server.url}/hook`, '{}', {});

      expect(response).toMatchObject({
        statusCode: 302,
        refused: true,
        error: `redirect not followed (Location ${server.url}/elsewhere)`,
      });
      expect(server.requests).toHaveLength(1);
    });

    it('follows an allowed redirect with the same POST when redirects are enabled', async () => {
      const server = await startServer((request, response) =>
        request.url === '/hook' ? response.writeHead(307, { Location: '/moved' }).end() : response.end('moved here'),
      );
      const sut = client({ maxRedirects: 1 });

      const response = await sut.post(`${server.url}/hook`, '{"n":1}', { 'webhook-id': 'msg_1' });

      expect(response).toMatchObject({ statusCode: 200, body: 'moved here', error: null, refused: false });
      expect(server.requests.map(({ method, url, body }) => [method, url, body])).toStrictEqual([
        ['POST', '/hook', '{"n":1}'],
        ['POST', '/moved', '{"n":1}'],
      ]);
      expect(server.requests[1].headers['webhook-id']).toBe('msg_1');
    });

    it('refuses a redirect to an address outside the allowed ranges before connecting to it', async () => {
      const port = await freePort();
      const server = await startServer(answer(302, '', { Location: `http://127.0.0.2:${port}/` }));
      const sut = client({ maxRedirects: 1 });

      const response = await sut.post(`${server.url}/hook`, '{}', {});

      // A connection attempt would have ended in ECONNREFUSED: this is the policy's answer, given first.
      expect(response).toMatchObject({
        statusCode: 302,
        refused: true,
        error: `redirect to http://127.0.0.2:${port}/ refused: address 127.0.0.2 is not allowed (loopback); add it to the outbound allowed ranges to permit it`,
      });
    });

    it('refuses a redirect to a name resolving to a private address, re-checking each hop', async () => {
      const server = await startServer(answer(301, '', { Location: 'http://internal.invalid/admin' }));
      const resolve = vi.fn(resolvingTo('10.0.0.5'));
      const sut = client({ maxRedirects: 3, resolve });

      const response = await sut.post(`${server.url}/hook`, '{}', {});

      expect(response).toMatchObject({ statusCode: 301, refused: true, error: expect.stringContaining('private') });
      expect(resolve).toHaveBeenCalledExactlyOnceWith('internal.invalid');
    });

    it('stops after maxRedirects hops', async () => {
      const server = await startServer((request, response) =>
        response.writeHead(308, { Location: `${request.url ?? ''}x` }).end(),
      );
      const sut = client({ maxRedirects: 2 });

      const response = await sut.post(`${server.url}/`, '{}', {});

      expect(response).toMatchObject({
        statusCode: 308,
        refused: true,
        error: `redirect not followed (more than 2 redirects; Location ${server.url}/xxx)`,
      });
      expect(server.requests).toHaveLength(3);
    });

    it('reports a 3xx without a Location as an answer, not a redirect', async () => {
      const server = await startServer(answer(300, 'choose'));

      const response = await client({ maxRedirects: 1 }).post(server.url, '{}', {});

      expect(response).toMatchObject({ statusCode: 300, body: 'choose', refused: false, error: null });
    });
  });

  describe('failures that are not refusals', () => {
    it('reports a refused connection as an error', async () => {
      const port = await freePort();

      const response = await client({}).post(`http://127.0.0.1:${port}/`, '{}', {});

      expect(response).toMatchObject({
        statusCode: null,
        refused: false,
        error: expect.stringContaining('ECONNREFUSED'),
      });
    });

    it('reports a name that does not resolve as an error', async () => {
      const resolve: ResolveHostname = () => Promise.reject(new Error('getaddrinfo ENOTFOUND hook.invalid'));

      const response = await client({ resolve }).post('http://hook.invalid/', '{}', {});

      expect(response).toMatchObject({ statusCode: null, refused: false, error: 'getaddrinfo ENOTFOUND hook.invalid' });
    });

    it('bounds name resolution by the timeout', async () => {
      const resolve: ResolveHostname = () => new Promise(() => undefined);

      const response = await client({ resolve, timeoutMs: 100 }).post('http://hook.invalid/', '{}', {});

      expect(response).toMatchObject({ statusCode: null, refused: false, error: 'timed out after 100 ms' });
    });
  });

  it('refuses to be built with an allowed range that is not one, naming it', () => {
    expect(() => new OutboundHttpClient({ allowedRanges: ['10.0.0.0/8', 'intranet'] })).toThrow(
      'outbound allowed range "intranet"',
    );
  });
});
