import { voicePathOf, webhookPath } from './webhook-event.js';

describe('voicePathOf', () => {
  it.each([
    ['/voice/incoming', '/voice'],
    ['/voice/gather?round=2', '/voice'],
    ['/api/voice/dial-status', '/api/voice'],
    ['/api/v1/ivr/voice/status?x=/a/b', '/api/v1/ivr/voice'],
    ['/voice/incoming/', '/voice'],
    ['/incoming', ''],
    ['http://elsewhere.example/voice/gather?round=1', '/voice'],
  ])('serves %s under %s', (originalUrl, voicePath) => {
    expect(voicePathOf(originalUrl)).toBe(voicePath);
  });
});

describe('webhookPath', () => {
  it('puts the kind under the path the webhooks arrived at, /voice by default', () => {
    expect(webhookPath('gather')).toBe('/voice/gather');
    expect(webhookPath('dial-status', '/api/voice')).toBe('/api/voice/dial-status');
  });
});
