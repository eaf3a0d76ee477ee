import type { INestApplication } from '@nestjs/common';
import { callParams, newCallSid, signedPost, type SignedPostOptions, type WebhookParams } from './test-app.js';

/** A new call: its first webhook, signed, as Twilio sends it while the phone rings; resolves to its CallSid and TwiML. */
export async function startCall(app: INestApplication): Promise<{ callSid: string; twiml: string }> {
  const callSid = newCallSid();
  const response = await signedPost(app, '/voice/incoming', callParams(callSid, { CallStatus: 'ringing' })).expect(200);
  return { callSid, twiml: response.text };
}

/** The caller's answer to menu round `round` (keys, speech or nothing), signed; sent when awaited or expected on. */
export function gather(
  app: INestApplication,
  callSid: string,
  round: number,
  params: WebhookParams,
  options: SignedPostOptions = {},
) {
  return signedPost(app, `/voice/gather?round=${round}`, callParams(callSid, params), options);
}

/** The same, answered with 200 (as every webhook the flow handles must be). */
export function answer(app: INestApplication, callSid: string, round: number, params: WebhookParams) {
  return gather(app, callSid, round, params).expect(200);
}
