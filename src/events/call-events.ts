import { v7 as timeOrderedUuid } from 'uuid';
import type { OutboxRow } from '../call-sessions/call-session.statements.js';
import type { CallSession } from '../call-sessions/call-session.entity.js';
import type { SessionChange } from '../call-sessions/session-change.js';
import type { WebhookEvent } from '../twilio/webhook-event.js';
import type { NewIvrEvent } from './ivr-event.js';

/** A call's session as the events read it: before the webhook's write, and after it. */
type SessionFacts = Omit<CallSession, 'createdAt' | 'updatedAt' | 'version'>;

/**
 * The events a webhook's write stands for, derived from what it changes (so a webhook that changes nothing, a retry
 * or a replay, says nothing again), in the order they happened. Pure: the write numbers them and stores them in the
 * same statement as the change.
 */
export function callEventsOf(
  webhook: WebhookEvent,
  before: SessionFacts,
  changes: SessionChange,
  isNew: boolean,
): NewIvrEvent[] {
  const after: SessionFacts = { ...before, ...changes };
  const at = webhook.receivedAt;
  const parties = { from: after.fromNumber, to: after.toNumber };
  const events: NewIvrEvent[] = [];
  if (isNew)
    events.push({
      type: 'call.started',
      occurredAt: after.startedAt,
      data: {
        ...parties,
        startedAt: after.startedAt.toISOString(),
        callerName: after.callerName,
        tags: after.tags ?? [],
      },
    });
  if (changes.routedAt && after.dialTarget)
    events.push({
      type: 'call.routed',
      occurredAt: changes.routedAt,
      data: {
        ...parties,
        target: after.dialTarget,
        departmentId: after.dialTarget === 'department' ? after.departmentId : null,
        number: after.dialedNumber,
        via: webhook.kind === 'incoming' ? 'caller-hook' : 'menu',
        routedAt: changes.routedAt.toISOString(),
      },
    });
  if (changes.recordingSid)
    events.push({
      type: 'voicemail.recorded',
      occurredAt: at,
      data: {
        ...parties,
        recordingSid: changes.recordingSid,
        recordingUrl: after.recordingUrl,
        durationSeconds: after.recordingDurationSeconds,
        departmentId: after.departmentId,
      },
    });
  if (changes.transcriptionStatus !== undefined || changes.transcriptionText !== undefined)
    events.push({
      type: 'voicemail.transcribed',
      occurredAt: at,
      data: {
        ...parties,
        recordingSid: after.recordingSid,
        transcriptionSid: after.transcriptionSid,
        status: after.transcriptionStatus,
        text: after.transcriptionText,
        departmentId: after.departmentId,
      },
    });
  if (webhook.kind === 'fallback' && (changes.errorCode !== undefined || changes.errorUrl !== undefined))
    events.push({
      type: 'call.failed',
      occurredAt: at,
      data: { ...parties, errorCode: after.errorCode, errorUrl: after.errorUrl },
    });
  // Once per call: the first final status ends it (a later one only corrects the time).
  if (changes.endedAt && !before.endedAt)
    events.push({
      type: 'call.ended',
      occurredAt: changes.endedAt,
      data: {
        ...parties,
        outcome: after.outcome,
        callStatus: after.callStatus,
        departmentId: after.departmentId,
        dialTarget: after.dialTarget,
        attempts: after.round - 1,
        failedAttempts: after.failedAttempts,
        startedAt: after.startedAt.toISOString(),
        endedAt: changes.endedAt.toISOString(),
        durationSeconds: after.durationSeconds,
        dialDurationSeconds: after.dialDurationSeconds,
        callerName: after.callerName,
        tags: after.tags ?? [],
      },
    });
  return events;
}

/**
 * A write's events with their ids and their numbers in the call, after the `count` the session had. The ids are
 * UUIDv7 (time first): the outbox's key index then grows at its end, as the table does, instead of taking each
 * insert at a random page.
 */
export function numberedEvents(events: readonly NewIvrEvent[], count: number): OutboxRow[] {
  return events.map((event, index) => ({ ...event, id: timeOrderedUuid(), sequence: count + index + 1 }));
}
