import { ForbiddenException, type ExecutionContext, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { ivrConfigForTests } from '../../test/helpers/app-config.js';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service.js';
import { TwilioSignatureGuard } from './twilio-signature.guard.js';

// Twilio's documented example: token 12345 signing https://mycompany.com/myapp.php?foo=1&bar=2.
const KNOWN_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const KNOWN_SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

function contextFor(request: Partial<Request>): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

function fakeRequest(signature: string | undefined, body: Record<string, string>): Partial<Request> {
  return {
    method: 'POST',
    originalUrl: '/myapp.php?foo=1&bar=2',
    body,
    header: ((name: string) =>
      name.toLowerCase() === 'x-twilio-signature' ? signature : undefined) as Request['header'],
  };
}

describe('TwilioSignatureGuard', () => {
  // Refusals are logged on purpose; kept out of the test output.
  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const config = ivrConfigForTests({ twilioAuthToken: '12345', publicBaseUrl: 'https://mycompany.com' });
  const metrics = new MetricsService({} as DataSource, ivrConfigForTests());
  const sut = new TwilioSignatureGuard(config, metrics);

  it("accepts Twilio's documented example signature", () => {
    expect(sut.canActivate(contextFor(fakeRequest(KNOWN_SIGNATURE, KNOWN_PARAMS)))).toBe(true);
  });

  it('refuses the example when one parameter differs', () => {
    expect(() =>
      sut.canActivate(contextFor(fakeRequest(KNOWN_SIGNATURE, { ...KNOWN_PARAMS, Digits: '1235' }))),
    ).toThrow(ForbiddenException);
  });

  it('refuses a request without a signature', () => {
    expect(() => sut.canActivate(contextFor(fakeRequest(undefined, KNOWN_PARAMS)))).toThrow(
      'Missing X-Twilio-Signature',
    );
  });
});
