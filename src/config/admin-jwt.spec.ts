import { looksLikeJwt } from './admin-jwt.js';

describe('looksLikeJwt', () => {
  it.each([
    ['a signed JWT', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl-_'],
    ['an unsigned JWT (alg none)', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LTEifQ.'],
  ])('takes %s for a JWT', (_case, value) => {
    expect(looksLikeJwt(value)).toBe(true);
  });

  it.each([
    ['a static secret', 'alice-secret-0123456789'],
    ['a secret with colons', 'ops-bot:secret:0123456789'],
    ['dotted words', 'ops.team.secret-2026'],
    ['two segments', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1LTEifQ'],
    ['four segments (an encrypted JWT has five)', 'eyJh.eyJz.c2ln.ZXh0cmE'],
    ['a segment with base64 padding', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1LTEifQ==.c2ln'],
  ])('takes %s for a static token', (_case, value) => {
    expect(looksLikeJwt(value)).toBe(false);
  });
});
