import { maskPhoneNumber } from '../common/mask.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import type { Decided, SessionState } from './call-decision.js';
import { isLongOver } from './decide.js';

/** The call-flow log line of a handled webhook (without callSid and requestId), or null when it logs none. */
export function callFlowLogLine(
  event: WebhookEvent,
  session: SessionState,
  { attempt, changes }: Decided,
): Record<string, unknown> | null {
  if (isLongOver(session, event.receivedAt))
    return {
      event: 'webhook.call_long_over',
      kind: event.kind,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
    };
  switch (event.kind) {
    case 'incoming':
      return { event: 'call.incoming', from: maskPhoneNumber(event.from), round: session.round };
    case 'gather':
      if (!attempt)
        return { event: 'call.gather_stale', round: event.round ?? session.round, currentRound: session.round };
      return {
        event: 'call.gather',
        round: attempt.round,
        input: attempt.inputKind,
        confidence: attempt.confidence,
        decision: attempt.decision,
        departmentId: attempt.departmentId,
      };
    case 'dial-status':
      return { event: 'call.dial_result', dialCallStatus: event.status, target: session.dialTarget };
    case 'recording':
      return changes.recordingSid
        ? { event: 'call.voicemail', recordingSid: event.recordingSid }
        : { event: 'call.recording_failed', recordingStatus: event.status };
    case 'transcription':
      // Never the text: it is the caller's own words.
      return {
        event: 'call.voicemail_transcription',
        transcriptionSid: event.transcriptionSid,
        transcriptionStatus: event.status,
        recordingSid: event.recordingSid,
      };
    case 'status':
      return { event: 'call.status', callStatus: event.status, outcome: changes.outcome ?? session.outcome };
    case 'voicemail':
    case 'fallback':
      return null;
  }
}
