import { IvrConfig, type IvrModuleOptions, IvrOptionsError } from './ivr-options.js';

const VALID: IvrModuleOptions = { twilioAuthToken: 'token-0123456789', spoolDir: '/var/lib/ivr/spool' };

describe('IvrConfig', () => {
  it('fills in the defaults', () => {
    const sut = new IvrConfig(VALID);

    expect(sut).toMatchObject({
      requireTrustedHost: true,
      retentionDays: 400,
      adminTokens: [],
      adminRateLimit: 300,
      adminAuthFailureLimit: 30,
      reportPoolSize: 2,
      reportTimeoutMs: 15_000,
      reportRollups: true,
      callerHookTimeoutMs: 1000,
      events: {
        deliver: true,
        allowHttp: false,
        allowedAddressRanges: [],
        requestTimeoutMs: 10_000,
        maxRedirects: 0,
        retryPolicy: { baseDelayMs: 5_000, maxDelayMs: 3_600_000, giveUpAfterMs: 90_000_000 },
      },
    });
  });

  it('keeps the public URL without its trailing slash', () => {
    expect(new IvrConfig({ ...VALID, publicBaseUrl: 'https://ivr.example.com/' }).publicBaseUrl).toBe(
      'https://ivr.example.com',
    );
  });

  it.each<[string, Partial<IvrModuleOptions>, string]>([
    ['no Twilio token', { twilioAuthToken: '' }, "twilioAuthToken must be your Twilio account's auth token"],
    ['no spool folder', { spoolDir: ' ' }, 'spoolDir must be a folder of this instance'],
    ['a public URL that is not a URL', { publicBaseUrl: 'ivr.example.com' }, 'publicBaseUrl must be the http(s) URL'],
    ['a public URL with a query', { publicBaseUrl: 'https://ivr.example.com/?a=1' }, 'publicBaseUrl must be'],
    ['a negative retention', { retentionDays: -1 }, 'retentionDays must be a whole number of at least 1'],
    ['a fractional rate limit', { adminRateLimit: 2.5 }, 'adminRateLimit must be a whole number of at least 1'],
    ['no report pool', { reportPoolSize: 0 }, 'reportPoolSize must be a whole number of at least 1'],
    [
      'identity-provider settings without an audience',
      {
        adminJwt: {
          issuer: 'https://idp.example',
          audience: undefined as never,
          jwksUrl: 'https://idp.example/jwks',
          roleClaim: 'role',
        },
      },
      'adminJwt.audience must be set',
    ],
    [
      'identity-provider settings without an issuer',
      { adminJwt: { issuer: '', audience: 'ivr', jwksUrl: 'https://idp.example/jwks', roleClaim: 'role' } },
      'adminJwt.issuer must be set',
    ],
    [
      'identity-provider settings without a key set',
      { adminJwt: { issuer: 'https://idp.example', audience: 'ivr', jwksUrl: 'keys', roleClaim: 'role' } },
      "adminJwt.jwksUrl must be the identity provider's https:// jwks_uri",
    ],
    [
      'a static token shaped like a JWT beside identity-provider settings',
      {
        adminJwt: {
          issuer: 'https://idp.example',
          audience: 'ivr',
          jwksUrl: 'https://idp.example/jwks',
          roleClaim: 'role',
        },
        adminTokens: [{ name: 'ci', role: 'admin', secret: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl' }],
      },
      'adminTokens "ci" has a secret shaped like a JWT',
    ],
    [
      'a token with a short secret',
      { adminTokens: [{ name: 'ops', role: 'admin', secret: 'short' }] },
      'adminTokens must each be',
    ],
    ['an unknown migrations mode', { migrations: 'yes' as never }, "migrations must be 'run' or 'verify'"],
    [
      'a caller hook without its method',
      { callHooks: {} as never },
      'callHooks must have an onIncomingCall(call) method',
    ],
    [
      'a caller hook budget of zero',
      { callerHookTimeoutMs: 0 },
      'callerHookTimeoutMs must be a whole number of at least 1',
    ],
    [
      'an address range that is not one',
      { events: { allowedAddressRanges: ['10.0.0.0/33'] } },
      'events.allowedAddressRanges: outbound allowed range "10.0.0.0/33"',
    ],
    [
      'a fractional delivery concurrency',
      { events: { concurrency: 1.5 } },
      'events.concurrency must be a whole number',
    ],
  ])('refuses %s with one line naming the option', (_name, options, message) => {
    const build = (): IvrConfig => new IvrConfig({ ...VALID, ...options });

    expect(build).toThrow(IvrOptionsError);
    expect(build).toThrow(`IvrModule options: ${message}`);
  });
});
