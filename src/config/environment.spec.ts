import { ConfigurationError, validateEnvironment } from './environment.js';

const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';

function configurationErrorFor(raw: Record<string, unknown>): ConfigurationError {
  try {
    validateEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigurationError for ${JSON.stringify(raw)}`);
}

describe('validateEnvironment', () => {
  describe('defaults', () => {
    it('listens on port 3000 by default', () => {
      expect(validateEnvironment({}).PORT).toBe(3000);
    });

    it('keeps its data in ./.data by default', () => {
      expect(validateEnvironment({}).DATA_DIR).toBe('./.data');
    });

    it('trusts no proxy by default', () => {
      expect(validateEnvironment({}).TRUST_PROXY).toBe(false);
    });

    it('runs in development with no database URL by default', () => {
      const sut = validateEnvironment({});

      expect(sut.NODE_ENV).toBe('development');
      expect(sut.DATABASE_URL).toBeUndefined();
    });
  });

  describe('PORT', () => {
    it('reads a numeric PORT as a number', () => {
      expect(validateEnvironment({ PORT: '8080' }).PORT).toBe(8080);
    });

    it.each(['abc', '80a', '3.5', '-1', '0', '65536', ''])(
      'rejects PORT %j with a one-line message naming PORT',
      (port) => {
        const error = configurationErrorFor({ PORT: port });

        expect(error.message).toContain('PORT');
        expect(error.message).not.toContain('\n');
      },
    );
  });

  describe('DATABASE_URL', () => {
    it.each(['postgres://user:pass@db.example.com:5432/ivr', 'postgresql://localhost/ivr'])('accepts %s', (url) => {
      expect(validateEnvironment({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    });

    it('treats a blank DATABASE_URL as unset', () => {
      expect(validateEnvironment({ DATABASE_URL: '  ' }).DATABASE_URL).toBeUndefined();
    });

    it.each(['mysql://localhost/ivr', 'localhost:5432', 'postgres://'])(
      'rejects %s with a one-line message naming DATABASE_URL',
      (url) => {
        const error = configurationErrorFor({ DATABASE_URL: url });

        expect(error.message).toContain('DATABASE_URL');
        expect(error.message).not.toContain('\n');
      },
    );
  });

  describe('PUBLIC_BASE_URL', () => {
    it.each(['https://ivr.example.com', 'https://ivr.example.com/', 'http://localhost:3000'])('accepts %s', (url) => {
      expect(validateEnvironment({ PUBLIC_BASE_URL: url }).PUBLIC_BASE_URL).toBe(url);
    });

    it.each([
      'https://ivr.example.com/voice',
      'https://ivr.example.com/?x=1',
      'https://ivr.example.com#top',
      'ftp://ivr.example.com',
      'ivr.example.com',
    ])('rejects %s with a one-line message naming PUBLIC_BASE_URL', (url) => {
      const error = configurationErrorFor({ PUBLIC_BASE_URL: url });

      expect(error.message).toContain('PUBLIC_BASE_URL');
      expect(error.message).not.toContain('\n');
    });
  });

  describe('TWILIO_AUTH_TOKEN', () => {
    it('requires TWILIO_AUTH_TOKEN in production', () => {
      const error = configurationErrorFor({ NODE_ENV: 'production' });

      expect(error.message).toContain('TWILIO_AUTH_TOKEN');
      expect(error.message).not.toContain('\n');
    });

    it('treats a blank TWILIO_AUTH_TOKEN as missing in production', () => {
      expect(configurationErrorFor({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: '   ' }).message).toContain(
        'TWILIO_AUTH_TOKEN',
      );
    });

    it('starts in production with a TWILIO_AUTH_TOKEN, ADMIN_TOKENS and PUBLIC_BASE_URL', () => {
      const environment = validateEnvironment({
        NODE_ENV: 'production',
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        ADMIN_TOKENS: 'ops:admin:0123456789abcdef0123',
        PUBLIC_BASE_URL: 'https://ivr.example.com',
      });
      expect(environment.TWILIO_AUTH_TOKEN).toBe(AUTH_TOKEN);
    });

    it('stops in production without PUBLIC_BASE_URL or TRUST_PROXY: the bare Host header would pick the signed URL', () => {
      expect(() =>
        validateEnvironment({
          NODE_ENV: 'production',
          TWILIO_AUTH_TOKEN: AUTH_TOKEN,
          ADMIN_TOKENS: 'ops:admin:0123456789abcdef0123',
        }),
      ).toThrow('Invalid configuration: PUBLIC_BASE_URL is required when NODE_ENV=production');
    });

    it('starts in production without PUBLIC_BASE_URL when TRUST_PROXY names the proxy', () => {
      const environment = validateEnvironment({
        NODE_ENV: 'production',
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        ADMIN_TOKENS: 'ops:admin:0123456789abcdef0123',
        TRUST_PROXY: '10.0.0.0/8',
      });
      expect(environment.TRUST_PROXY).toBe('10.0.0.0/8');
    });

    it('stops in production without ADMIN_TOKENS, naming ADMIN_TOKENS', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: AUTH_TOKEN })).toThrow(
        'Invalid configuration: ADMIN_TOKENS is required when NODE_ENV=production',
      );
    });

    it('names ADMIN_TOKENS when an entry is malformed, without echoing its secret', () => {
      const secret = 'f00dfeedf00dfeedf00dfeed';
      expect(() => validateEnvironment({ ADMIN_TOKENS: `ops:${secret}` })).toThrow(
        /^Invalid configuration: ADMIN_TOKENS entry 1/,
      );
      expect(() => validateEnvironment({ ADMIN_TOKENS: `ops:${secret}` })).not.toThrow(new RegExp(secret));
    });

    it('starts in development without a TWILIO_AUTH_TOKEN', () => {
      expect(validateEnvironment({ NODE_ENV: 'development' }).TWILIO_AUTH_TOKEN).toBeUndefined();
    });

    it('rejects a TWILIO_AUTH_TOKEN too short to be real', () => {
      expect(configurationErrorFor({ TWILIO_AUTH_TOKEN: 'short' }).message).toContain('TWILIO_AUTH_TOKEN');
    });
  });

  describe('NODE_ENV', () => {
    it('rejects an unknown NODE_ENV with a message naming NODE_ENV', () => {
      expect(configurationErrorFor({ NODE_ENV: 'staging' }).message).toContain('NODE_ENV');
    });
  });

  describe('TRUST_PROXY', () => {
    it.each([
      ['true', true],
      ['1', '1'],
      ['false', false],
      ['loopback', 'loopback'],
      ['2', '2'],
      ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
    ] as const)('accepts TRUST_PROXY %j', (raw, expected) => {
      expect(validateEnvironment({ TRUST_PROXY: raw }).TRUST_PROXY).toBe(expected);
    });

    it('rejects a TRUST_PROXY that is neither a flag, a hop count nor addresses, naming TRUST_PROXY', () => {
      const error = configurationErrorFor({ TRUST_PROXY: 'everyone!' });

      expect(error.message).toContain('TRUST_PROXY');
      expect(error.message).not.toContain('\n');
    });
  });

  describe('ADMIN_AUTH_FAILURE_LIMIT', () => {
    it('allows 30 failed authentications per address and minute by default', () => {
      expect(validateEnvironment({}).ADMIN_AUTH_FAILURE_LIMIT).toBe(30);
    });

    it('reads a number', () => {
      expect(validateEnvironment({ ADMIN_AUTH_FAILURE_LIMIT: '5' }).ADMIN_AUTH_FAILURE_LIMIT).toBe(5);
    });

    it.each(['0', '-1', 'ten', '10001'])('rejects %j with a message naming ADMIN_AUTH_FAILURE_LIMIT', (raw) => {
      expect(configurationErrorFor({ ADMIN_AUTH_FAILURE_LIMIT: raw }).message).toContain('ADMIN_AUTH_FAILURE_LIMIT');
    });
  });

  describe('report limits', () => {
    it('gives reports 2 connections and a 15 s statement timeout by default', () => {
      const sut = validateEnvironment({});

      expect(sut.REPORT_POOL_SIZE).toBe(2);
      expect(sut.REPORT_TIMEOUT_MS).toBe(15000);
    });

    it('reads both as numbers', () => {
      const sut = validateEnvironment({ REPORT_POOL_SIZE: '4', REPORT_TIMEOUT_MS: '30000' });

      expect(sut.REPORT_POOL_SIZE).toBe(4);
      expect(sut.REPORT_TIMEOUT_MS).toBe(30000);
    });

    it.each([
      ['REPORT_POOL_SIZE', '0'],
      ['REPORT_POOL_SIZE', '21'],
      ['REPORT_POOL_SIZE', 'many'],
      ['REPORT_TIMEOUT_MS', '99'],
      ['REPORT_TIMEOUT_MS', '600001'],
      ['REPORT_TIMEOUT_MS', '1.5'],
    ])('rejects %s=%j with a message naming it', (variable, value) => {
      expect(configurationErrorFor({ [variable]: value }).message).toContain(variable);
    });
  });

  describe('admin JWTs', () => {
    const JWT = {
      ADMIN_JWT_ISSUER: 'https://login.example.com/',
      ADMIN_JWT_AUDIENCE: 'ivr-admin',
      ADMIN_JWKS_URL: 'https://login.example.com/.well-known/jwks.json',
    };
    const PRODUCTION = {
      NODE_ENV: 'production',
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      PUBLIC_BASE_URL: 'https://ivr.example.com',
    };

    it('takes none of them by default, and the role from the role claim', () => {
      const sut = validateEnvironment({});

      expect(sut.ADMIN_JWT_ISSUER).toBeUndefined();
      expect(sut.ADMIN_JWT_ROLE_CLAIM).toBe('role');
    });

    it('takes all three, and another role claim', () => {
      const sut = validateEnvironment({ ...JWT, ADMIN_JWT_ROLE_CLAIM: 'https://example.com/roles' });

      expect(sut).toMatchObject({ ...JWT, ADMIN_JWT_ROLE_CLAIM: 'https://example.com/roles' });
    });

    it('treats a blank role claim as the default', () => {
      expect(validateEnvironment({ ...JWT, ADMIN_JWT_ROLE_CLAIM: ' ' }).ADMIN_JWT_ROLE_CLAIM).toBe('role');
    });

    it.each([
      [['ADMIN_JWT_ISSUER'], 'ADMIN_JWT_ISSUER must be set too'],
      [['ADMIN_JWKS_URL'], 'ADMIN_JWKS_URL must be set too'],
      [['ADMIN_JWT_AUDIENCE', 'ADMIN_JWKS_URL'], 'ADMIN_JWT_AUDIENCE and ADMIN_JWKS_URL must be set too'],
    ])('stops without %j, naming what is missing on one line', (missing, message) => {
      const raw: Record<string, string> = { ...JWT };
      for (const name of missing) raw[name] = '';
      const error = configurationErrorFor(raw);

      expect(error.message).toContain(message);
      expect(error.message).toContain('go together');
      expect(error.message).not.toContain('\n');
    });

    it.each(['login.example.com/jwks', 'ftp://login.example.com/jwks', 'not a url'])(
      'stops on ADMIN_JWKS_URL %j',
      (url) => {
        expect(configurationErrorFor({ ...JWT, ADMIN_JWKS_URL: url }).message).toContain(
          'ADMIN_JWKS_URL must be an http(s) URL',
        );
      },
    );

    it('stops on a role claim with a space', () => {
      expect(configurationErrorFor({ ...JWT, ADMIN_JWT_ROLE_CLAIM: 'my role' }).message).toContain(
        'ADMIN_JWT_ROLE_CLAIM',
      );
    });

    it('starts in production with JWTs and without ADMIN_TOKENS', () => {
      expect(validateEnvironment({ ...PRODUCTION, ...JWT }).ADMIN_TOKENS).toBeUndefined();
    });

    it.each(['http://login.example.com/jwks', 'HTTP://login.example.com/jwks'])(
      'stops in production on keys fetched over plain HTTP (%s)',
      (url) => {
        expect(configurationErrorFor({ ...PRODUCTION, ...JWT, ADMIN_JWKS_URL: url }).message).toContain(
          'ADMIN_JWKS_URL must be an https:// URL when NODE_ENV=production',
        );
      },
    );

    it('stops on a static secret shaped like a JWT when JWTs are on, without echoing it', () => {
      const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl';
      const error = configurationErrorFor({ ...JWT, ADMIN_TOKENS: `ci:admin:${secret}` });

      expect(error.message).toContain('ADMIN_TOKENS token "ci" has a secret shaped like a JWT');
      expect(error.message).not.toContain(secret);
    });

    it('takes that secret when JWTs are off', () => {
      const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl';

      expect(validateEnvironment({ ADMIN_TOKENS: `ci:admin:${secret}` }).ADMIN_TOKENS).toContain(secret);
    });
  });
});
