import { type WebhookParams, type WebhookRequest, sid } from './twilio-webhooks.js';

/** What the callers can choose from: read from the app's database so every call takes a valid path. */
export interface BenchMenu {
  readonly digits: readonly string[];
  readonly keywords: readonly string[];
  /** The highest confidence any department demands: speech above it always routes. */
  readonly minRoutingConfidence: number;
  /** The keys that lead down through the submenus to the departments (none: they are in the root menu). */
  readonly submenuDigits?: readonly string[];
}

export interface CallMix {
  /** Share of callers who speak instead of pressing a key. */
  readonly speechRatio: number;
  /** Share of dialled departments that do not answer (voicemail path). */
  readonly noAnswerRatio: number;
}

/** A seeded PRNG (mulberry32): the same seed gives the same mix of calls. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CallPlan {
  readonly callSid: string;
  readonly caller: string;
  /** The keys pressed to go down the submenus before the answer that picks a department. */
  readonly submenuDigits: readonly string[];
  readonly input: { readonly kind: 'dtmf'; readonly digits: string } | SpeechInput;
  readonly fromPlace: Place;
  readonly dialAnswered: boolean;
  readonly dialSeconds: number;
  readonly recordingSeconds: number;
}

interface Place {
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

interface SpeechInput {
  readonly kind: 'speech';
  readonly text: string;
  /** Twilio may leave Confidence out. */
  readonly confidence?: string;
}

const CALLED_NUMBER = '+15559870000';
const ACCOUNT_SID = 'AC0bench0000000000000000000000000';
const CITIES: readonly Place[] = [
  { city: 'SAN FRANCISCO', state: 'CA', zip: '94105' },
  { city: 'NEW YORK', state: 'NY', zip: '10001' },
  { city: 'AUSTIN', state: 'TX', zip: '73301' },
  { city: 'SEATTLE', state: 'WA', zip: '98101' },
];
const SPEECH_TEMPLATES = ['%s', '%s please', 'I need %s', 'um %s I guess', 'can I talk to %s'] as const;
const EMPTY_TWIML = /<Response\/>/;

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

export function planCall(menu: BenchMenu, mix: CallMix, random: () => number): CallPlan {
  const speech = menu.digits.length === 0 || (menu.keywords.length > 0 && random() < mix.speechRatio);
  // At or above every threshold, so speech routes exactly like a keypress and both paths stay comparable.
  const confidence = menu.minRoutingConfidence + (1 - menu.minRoutingConfidence) * random();
  const input: CallPlan['input'] = speech
    ? {
        kind: 'speech',
        text: pick(random, SPEECH_TEMPLATES).replace('%s', pick(random, menu.keywords)),
        ...(random() < 0.2 ? {} : { confidence: String(confidence) }),
      }
    : { kind: 'dtmf', digits: pick(random, menu.digits) };
  return {
    callSid: sid('CA'),
    caller: `+1555${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
    submenuDigits: menu.submenuDigits ?? [],
    input,
    fromPlace: pick(random, CITIES),
    dialAnswered: random() >= mix.noAnswerRatio,
    dialSeconds: 5 + Math.floor(random() * 600),
    recordingSeconds: 3 + Math.floor(random() * 60),
  };
}

/** Parameters on every voice webhook of the call, with the geographic fields Twilio adds for PSTN numbers. */
function callParams(plan: CallPlan, callStatus: string): WebhookParams {
  const from = plan.fromPlace;
  const to = CITIES[0];
  const place = (prefix: string, where: Place): WebhookParams => ({
    [`${prefix}City`]: where.city,
    [`${prefix}State`]: where.state,
    [`${prefix}Zip`]: where.zip,
    [`${prefix}Country`]: 'US',
  });
  return {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: plan.callSid,
    CallStatus: callStatus,
    Direction: 'inbound',
    From: plan.caller,
    Caller: plan.caller,
    To: CALLED_NUMBER,
    Called: CALLED_NUMBER,
    ...place('From', from),
    ...place('Caller', from),
    ...place('To', to),
    ...place('Called', to),
  };
}

function gatherParams(plan: CallPlan): WebhookParams {
  if (plan.input.kind === 'dtmf') return { Digits: plan.input.digits, FinishedOnKey: '', msg: 'Gather End' };
  return {
    SpeechResult: plan.input.text,
    Language: 'en-US',
    ...(plan.input.confidence === undefined ? {} : { Confidence: plan.input.confidence }),
  };
}

/**
 * The webhooks of one complete call, in the order Twilio sends them: incoming → gather → dial-status →
 * (no answer: the <Record> action, then the recording status callback) → final status callback.
 * A generator, so timestamps are taken when each webhook is actually sent.
 */
export function* callWebhooks(plan: CallPlan): Generator<WebhookRequest, void, void> {
  const base = (status: string): WebhookParams => callParams(plan, status);
  yield { path: '/voice/incoming', params: base('ringing'), expect: /<Gather\b/ };
  for (const [index, digit] of plan.submenuDigits.entries())
    yield {
      path: `/voice/gather?round=${index + 1}`,
      params: { ...base('in-progress'), Digits: digit, FinishedOnKey: '', msg: 'Gather End' },
      expect: /<Gather\b/,
    };
  yield {
    path: `/voice/gather?round=${plan.submenuDigits.length + 1}`,
    params: { ...base('in-progress'), ...gatherParams(plan) },
    expect: /<Dial\b/,
  };
  const dialStatus = plan.dialAnswered ? 'completed' : 'no-answer';
  yield {
    path: '/voice/dial-status',
    params: {
      ...base('in-progress'),
      DialCallStatus: dialStatus,
      DialCallSid: sid('CA'),
      DialCallDuration: plan.dialAnswered ? String(plan.dialSeconds) : '0',
      DialBridged: String(plan.dialAnswered),
    },
    expect: plan.dialAnswered ? /<Hangup\/>/ : /<Record\b/,
  };
  let duration = plan.dialSeconds + 20;
  if (!plan.dialAnswered) {
    const recordingSid = sid('RE');
    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`;
    const recordingSeconds = String(plan.recordingSeconds);
    duration = 45 + plan.recordingSeconds;
    yield {
      path: '/voice/voicemail',
      params: { ...base('in-progress'), RecordingUrl: recordingUrl, RecordingDuration: recordingSeconds, Digits: '#' },
      expect: /<Hangup\/>/,
      changesNothing: true,
    };
    yield {
      path: '/voice/recording',
      params: {
        AccountSid: ACCOUNT_SID,
        CallSid: plan.callSid,
        RecordingSid: recordingSid,
        RecordingUrl: recordingUrl,
        RecordingStatus: 'completed',
        RecordingDuration: recordingSeconds,
        RecordingChannels: '1',
        RecordingSource: 'RecordVerb',
        RecordingStartTime: new Date().toUTCString(),
      },
      expect: EMPTY_TWIML,
    };
  }
  yield {
    path: '/voice/status',
    params: {
      ...base('completed'),
      CallDuration: String(duration),
      Timestamp: new Date().toUTCString(),
      SequenceNumber: '0',
      CallbackSource: 'call-progress-events',
    },
    expect: EMPTY_TWIML,
  };
}
