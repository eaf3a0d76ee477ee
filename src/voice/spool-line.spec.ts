import type { WebhookEvent } from '../twilio/webhook-event.js';
import { parseSpoolLine, toSpoolLine } from './spool-line.js';

const GATHER: WebhookEvent = {
  kind: 'gather',
  callSid: 'CA1',
  from: '+15551230123',
  receivedAt: new Date('2026-11-27T10:00:00.000Z'),
  idempotencyToken: 'token-1',
  requestId: 'r1',
  round: 2,
  digits: '1',
  confidence: 0.5,
};

describe('spool lines', () => {
  it('gives back the event it was written from, its arrival time a Date again', () => {
    expect(parseSpoolLine(toSpoolLine(GATHER))).toEqual(GATHER);
  });

  it('reads a line an earlier version wrote (endpoint + input)', () => {
    const earlier = JSON.stringify({
      endpoint: 'dial-status',
      callSid: 'CA1',
      receivedAt: '2026-11-27T10:00:00.000Z',
      requestId: 'r1',
      input: { status: 'no-answer', dialCallSid: 'CA2' },
    });
    expect(parseSpoolLine(earlier)).toEqual({
      kind: 'dial-status',
      callSid: 'CA1',
      receivedAt: new Date('2026-11-27T10:00:00.000Z'),
      requestId: 'r1',
      status: 'no-answer',
      dialCallSid: 'CA2',
    });
  });

  it.each([
    ['a line cut off mid-write', toSpoolLine(GATHER).slice(0, 40)],
    ['not an object', '[1, 2]'],
    ['an unknown kind', JSON.stringify({ ...GATHER, kind: 'conference' })],
    ['no CallSid', JSON.stringify({ ...GATHER, callSid: undefined })],
    ['an arrival time that is no time', JSON.stringify({ ...GATHER, receivedAt: 'yesterday' })],
    ['no request id', JSON.stringify({ ...GATHER, requestId: 7 })],
  ])('refuses %s', (_name, line) => {
    expect(parseSpoolLine(line)).toBeNull();
  });
});
