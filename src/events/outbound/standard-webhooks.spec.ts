import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { generateWebhookSecret, signStandardWebhook } from './standard-webhooks.js';

const BODY = '{"type":"call.completed","data":{"callSid":"CA123"}}';

describe('generateWebhookSecret', () => {
  it('makes whsec_ and the base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();

    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
  });

  it('makes a different secret each time', () => {
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });
});

describe('signStandardWebhook', () => {
  it("matches the spec's example signature", () => {
    const headers = signStandardWebhook(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1_614_265_330_000),
      '{"test": 2432232314}',
    );

    expect(headers).toStrictEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('signs a message the standardwebhooks library verifies', () => {
    const secret = generateWebhookSecret();

    const headers = signStandardWebhook([secret], 'msg_1', new Date(), BODY);

    expect(new Webhook(secret).verify(BODY, { ...headers })).toStrictEqual(JSON.parse(BODY));
  });

  it('signs the timestamp in whole seconds', () => {
    const headers = signStandardWebhook([generateWebhookSecret()], 'msg_1', new Date(1_700_000_000_999), BODY);

    expect(headers['webhook-timestamp']).toBe('1700000000');
  });

  it('signs non-ASCII bodies as UTF-8, as receivers read them', () => {
    const secret = generateWebhookSecret();
    const body = '{"caller":"Zoë ☎"}';

    const headers = signStandardWebhook([secret], 'msg_1', new Date(), body);

    expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
  });

  it('is refused by the verifier when the body was tampered with', () => {
    const secret = generateWebhookSecret();
    const headers = signStandardWebhook([secret], 'msg_1', new Date(), BODY);

    expect(() => new Webhook(secret).verify(BODY.replace('CA123', 'CA999'), { ...headers })).toThrow(
      WebhookVerificationError,
    );
  });

  it('is refused by the verifier when another secret signed it', () => {
    const headers = signStandardWebhook([generateWebhookSecret()], 'msg_1', new Date(), BODY);

    expect(() => new Webhook(generateWebhookSecret()).verify(BODY, { ...headers })).toThrow(
      'No matching signature found',
    );
  });

  it('is refused by the verifier when signed more than 5 minutes ago', () => {
    const secret = generateWebhookSecret();
    const headers = signStandardWebhook([secret], 'msg_1', new Date(Date.now() - 6 * 60_000), BODY);

    expect(() => new Webhook(secret).verify(BODY, { ...headers })).toThrow('Message timestamp too old');
  });

  it('signs once per secret during a rotation, so a receiver holding either one verifies', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];

    const headers = signStandardWebhook([oldSecret, newSecret], 'msg_1', new Date(), BODY);

    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(BODY, { ...headers })).not.toThrow();
    expect(() => new Webhook(newSecret).verify(BODY, { ...headers })).not.toThrow();
  });

  it('accepts a secret without the whsec_ prefix, as the spec libraries do', () => {
    const secret = generateWebhookSecret();

    const headers = signStandardWebhook([secret.slice('whsec_'.length)], 'msg_1', new Date(), BODY);

    expect(() => new Webhook(secret).verify(BODY, { ...headers })).not.toThrow();
  });

  it.each<[string, readonly string[], string]>([
    ['no secret', [], 'a webhook needs at least one signing secret'],
    ['an empty secret', ['whsec_'], 'a webhook signing secret must be whsec_ followed by base64'],
    [
      'a secret that is not base64',
      ['whsec_not base64!'],
      'a webhook signing secret must be whsec_ followed by base64',
    ],
  ])('refuses to sign with %s', (_case, secrets, error) => {
    expect(() => signStandardWebhook(secrets, 'msg_1', new Date(), BODY)).toThrow(error);
  });
});
