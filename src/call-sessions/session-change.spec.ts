import { CallSession } from './call-session.entity.js';
import { changedFields, type SessionChange } from './session-change.js';

const ENDED_AT = new Date('2030-01-02T03:04:05.000Z');
const SESSION = Object.assign(new CallSession(), {
  round: 2,
  outcome: 'connected',
  callStatus: 'completed',
  endedAt: ENDED_AT,
  recordingUrl: null,
});

describe('changedFields', () => {
  it.each<[string, SessionChange, SessionChange]>([
    ['keeps a field that differs', { round: 3 }, { round: 3 }],
    ['drops a field equal to the session', { round: 2, outcome: 'connected' }, {}],
    ['compares dates by time, not identity', { endedAt: new Date(ENDED_AT.getTime()) }, {}],
    [
      'keeps a later date',
      { endedAt: new Date(ENDED_AT.getTime() + 1000) },
      { endedAt: new Date(ENDED_AT.getTime() + 1000) },
    ],
    ['drops undefined (unchanged)', { round: undefined }, {}],
    ['keeps null over a value', { outcome: null }, { outcome: null }],
    ['drops null over null', { recordingUrl: null }, {}],
    ['keeps only what differs from a mix', { round: 2, callStatus: 'busy' }, { callStatus: 'busy' }],
  ])('%s', (_name, change, expected) => {
    expect(changedFields(SESSION, change)).toEqual(expected);
  });
});
