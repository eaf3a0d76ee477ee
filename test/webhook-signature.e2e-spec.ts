import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import twilio from 'twilio';
import type { DataSource } from 'typeorm';
import { countRows, createStandardMenu } from './helpers/factories.js';
import {
  callParams,
  dataSourceOf,
  newCallSid,
  signedPost,
  TEST_AUTH_TOKEN,
  TEST_PUBLIC_BASE_URL,
} from './helpers/test-app.js';
import { type AppOptions, useTestDatabase } from './helpers/use-test-app.js';

describe('webhook signatures (e2e)', () => {
  const database = useTestDatabase();

  async function appWith(options: AppOptions): Promise<{ app: NestExpressApplication; dataSource: DataSource }> {
    const app = await database.createApp(options);
    return { app, dataSource: dataSourceOf(app) };
  }

  describe('with PUBLIC_BASE_URL', () => {
    let app: NestExpressApplication;
    let dataSource: DataSource;

    beforeAll(async () => {
      ({ app, dataSource } = await appWith({}));
      await createStandardMenu(app);
    });

    it('accepts a request signed over the public URL', async () => {
      await signedPost(app, '/voice/incoming', callParams(newCallSid())).expect(200);
    });

    it('refuses a request without a signature with 403, writes nothing and logs no body', async () => {
      const warn = vi.spyOn(Logger.prototype, 'warn');
      const before = await countRows(dataSource);
      const callSid = newCallSid();
      const response = await request(app.getHttpServer())
        .post('/voice/incoming')
        .type('form')
        .send(callParams(callSid, { SpeechResult: 'secret words' }))
        .expect(403);
      expect(response.body.message).toBe('Missing X-Twilio-Signature');
      expect(await countRows(dataSource)).toEqual(before);
      const logged = JSON.stringify(warn.mock.calls);
      expect(logged).toContain('webhook.signature_rejected');
      expect(logged).not.toContain('secret words');
      expect(logged).not.toContain(callSid);
      warn.mockRestore();
    });

    it('refuses a request signed with another auth token', async () => {
      const before = await countRows(dataSource);
      const response = await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        token: 'someone-elses-token-000000000000',
      }).expect(403);
      expect(response.body.message).toBe('Invalid X-Twilio-Signature');
      expect(await countRows(dataSource)).toEqual(before);
    });

    it('refuses a request whose parameters were changed after signing', async () => {
      const params = callParams(newCallSid(), { Digits: '1' });
      const signature = twilio.getExpectedTwilioSignature(
        TEST_AUTH_TOKEN,
        `${TEST_PUBLIC_BASE_URL}/voice/gather?round=1`,
        params,
      );
      await request(app.getHttpServer())
        .post('/voice/gather?round=1')
        .type('form')
        .set('X-Twilio-Signature', signature)
        .send({ ...params, Digits: '2' })
        .expect(403);
    });

    it('refuses a signature made for another path or query', async () => {
      await signedPost(app, '/voice/gather?round=2', callParams(newCallSid()), {
        signedUrl: `${TEST_PUBLIC_BASE_URL}/voice/gather?round=1`,
      }).expect(403);
    });

    it('refuses a JSON body with 415 even when it carries valid-looking parameters', async () => {
      const params = callParams(newCallSid());
      const signature = twilio.getExpectedTwilioSignature(
        TEST_AUTH_TOKEN,
        `${TEST_PUBLIC_BASE_URL}/voice/incoming`,
        {},
      );
      await request(app.getHttpServer())
        .post('/voice/incoming')
        .set('X-Twilio-Signature', signature)
        .send(params)
        .expect(415);
    });
  });

  describe('bodies Twilio never sends', () => {
    it('answers 415, not an apology, for a JSON body with nested values', async () => {
      const { app, dataSource } = await appWith({});
      const before = await countRows(dataSource);
      const response = await request(app.getHttpServer())
        .post('/voice/incoming')
        .set('X-Twilio-Signature', 'c2lnbmF0dXJl')
        .send({ CallSid: 'CAx', a: { toString: 1 } });
      expect(response.status).toBe(415);
      expect(response.body.message).toBe('Twilio webhooks are application/x-www-form-urlencoded');
      expect(await countRows(dataSource)).toEqual(before);
    });

    it('answers 403 for a Host header that is not a host', async () => {
      const { app } = await appWith({ publicBaseUrl: null });
      const response = await request(app.getHttpServer())
        .post('/voice/incoming')
        .set('Host', '[')
        .set('X-Twilio-Signature', 'c2lnbmF0dXJl')
        .type('form')
        .send(callParams(newCallSid()));
      expect(response.status).toBe(403);
    });
  });

  describe('connection overrides (#ct=...&rc=...) on the webhook URL', () => {
    it('checks the signature over the URL without the fragment, as Twilio signs it', async () => {
      const { app } = await appWith({});
      // The console URL is https://ivr.example.test/voice/incoming#ct=1000&rc=2; the fragment never travels.
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: `${TEST_PUBLIC_BASE_URL}/voice/incoming`,
      }).expect(200);
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: `${TEST_PUBLIC_BASE_URL}/voice/incoming#ct=1000&rc=2`,
      }).expect(403);
    });
  });

  describe('with PUBLIC_BASE_URL including a port', () => {
    it('accepts the URL signed without the port (as Twilio signs HTTPS voice webhooks) and with it', async () => {
      const { app } = await appWith({ publicBaseUrl: 'https://ivr.example.test:8443' });
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'https://ivr.example.test/voice/incoming',
      }).expect(200);
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'https://ivr.example.test:8443/voice/incoming',
      }).expect(200);
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'https://other.example.test/voice/incoming',
      }).expect(403);
    });
  });

  describe('without PUBLIC_BASE_URL', () => {
    it("uses the request's own host and ignores X-Forwarded-* when no proxy is trusted", async () => {
      const { app } = await appWith({ publicBaseUrl: null, trustProxy: false });
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'http://internal.local:3000/voice/incoming',
        headers: { Host: 'internal.local:3000' },
      }).expect(200);
      // A forged forwarded host must not be believed.
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'https://attacker.example/voice/incoming',
        headers: { Host: 'internal.local:3000', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'attacker.example' },
      }).expect(403);
    });

    it.each<[string, boolean | number | string]>([
      ['an address', 'loopback'],
      ['a hop count', 1],
      ['true', true],
    ])(
      'uses X-Forwarded-Proto and X-Forwarded-Host from a proxy trusted by %s (TRUST_PROXY)',
      async (_kind, trustProxy) => {
        const { app } = await appWith({ publicBaseUrl: null, trustProxy });
        const headers = {
          Host: 'internal.local:3000',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-Host': 'ivr.example.com',
        };
        await signedPost(app, '/voice/gather?round=1', callParams(newCallSid()), {
          signedUrl: 'https://ivr.example.com/voice/gather?round=1',
          headers,
        }).expect(200);
        await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
          signedUrl: 'http://internal.local:3000/voice/incoming',
          headers,
        }).expect(403);
      },
    );

    it('in production never takes the signed URL from the bare Host header: a request signed for another app fails', async () => {
      const { app, dataSource } = await appWith({
        publicBaseUrl: null,
        trustProxy: false,
        config: { nodeEnv: 'production' },
      });
      const callSid = newCallSid();
      const response = await signedPost(app, '/voice/incoming', callParams(callSid), {
        signedUrl: 'http://other-app.example.com/voice/incoming',
        headers: { Host: 'other-app.example.com' },
      }).expect(403);
      expect(response.body.message).toMatch(/^Set PUBLIC_BASE_URL/);
      expect(await dataSource.query('SELECT 1 FROM ivr.call_sessions WHERE call_sid = $1', [callSid])).toEqual([]);
    });

    it('in production without PUBLIC_BASE_URL takes the host from a trusted proxy only', async () => {
      const { app } = await appWith({ publicBaseUrl: null, trustProxy: 'loopback', config: { nodeEnv: 'production' } });
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'https://ivr.example.com/voice/incoming',
        headers: { Host: 'internal.local:3000', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'ivr.example.com' },
      }).expect(200);
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'http://internal.local:3000/voice/incoming',
        headers: { Host: 'internal.local:3000' },
      }).expect(403);
    });

    it('ignores forwarded headers from a proxy that is not in TRUST_PROXY', async () => {
      const { app } = await appWith({ publicBaseUrl: null, trustProxy: '10.1.2.3' });
      const headers = {
        Host: 'internal.local:3000',
        'X-Forwarded-Proto': 'https',
        'X-Forwarded-Host': 'ivr.example.com',
      };
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'https://ivr.example.com/voice/incoming',
        headers,
      }).expect(403);
      await signedPost(app, '/voice/incoming', callParams(newCallSid()), {
        signedUrl: 'http://internal.local:3000/voice/incoming',
        headers,
      }).expect(200);
    });
  });
});
