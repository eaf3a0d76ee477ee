import { generateWebhookSecret } from './webhook-secret.js';

describe('generateWebhookSecret', () => {
  it('makes a whsec_ secret of 32 random bytes in base64', () => {
    const sut = generateWebhookSecret();

    expect(sut).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(sut.slice('whsec_'.length), 'base64')).toHaveLength(32);
  });

  it('makes a different secret each time', () => {
    expect(new Set(Array.from({ length: 20 }, generateWebhookSecret)).size).toBe(20);
  });
});
