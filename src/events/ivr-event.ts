import type { CallOutcome, DialTarget } from '../call-sessions/call-session.entity.js';

/** What the IVR tells its host, one type per thing that happened. A new event type starts here. */
export const IVR_EVENT_TYPES = [
  'call.started',
  'call.routed',
  'call.ended',
  'voicemail.recorded',
  'voicemail.transcribed',
  'call.failed',
  'routing.changed',
] as const;
export type IvrEventType = (typeof IVR_EVENT_TYPES)[number];

export function isIvrEventType(value: unknown): value is IvrEventType {
  return (IVR_EVENT_TYPES as readonly unknown[]).includes(value);
}

/** The caller as every call event names them (the company's own systems get the number unmasked). */
interface CallParties {
  readonly from: string | null;
  readonly to: string | null;
}

/** Each event type's data. Times are ISO 8601 strings: the data is JSON, in the outbox and on the wire. */
export interface IvrEventData {
  'call.started': CallParties & {
    readonly startedAt: string;
    readonly callerName: string | null;
    readonly tags: readonly string[];
  };
  'call.routed': CallParties & {
    readonly target: DialTarget;
    readonly departmentId: string | null;
    readonly number: string | null;
    /** The menu, or the host's caller hook sending the caller straight to a department. */
    readonly via: 'menu' | 'caller-hook';
    readonly routedAt: string;
  };
  'call.ended': CallParties & {
    readonly outcome: CallOutcome | null;
    readonly callStatus: string | null;
    readonly departmentId: string | null;
    readonly dialTarget: DialTarget | null;
    /** Menu rounds the caller answered, and how many of them failed. */
    readonly attempts: number;
    readonly failedAttempts: number;
    readonly startedAt: string;
    readonly endedAt: string;
    readonly durationSeconds: number | null;
    readonly dialDurationSeconds: number | null;
    readonly callerName: string | null;
    readonly tags: readonly string[];
  };
  'voicemail.recorded': CallParties & {
    readonly recordingSid: string;
    readonly recordingUrl: string | null;
    readonly durationSeconds: number | null;
    readonly departmentId: string | null;
  };
  'voicemail.transcribed': CallParties & {
    readonly recordingSid: string | null;
    readonly transcriptionSid: string | null;
    readonly status: string | null;
    readonly text: string | null;
    readonly departmentId: string | null;
  };
  'call.failed': CallParties & {
    readonly errorCode: string | null;
    readonly errorUrl: string | null;
  };
  'routing.changed': {
    /** What the audit log names: `department`, `settings`, `schedule`, `holiday`. */
    readonly entityType: string;
    readonly entityId: string;
    readonly action: string;
    readonly actor: { readonly id: string | null; readonly name: string; readonly role: string };
    readonly before: unknown;
    readonly after: unknown;
  };
}

/** An event as written and delivered: consumers dedupe by `id` (delivery is at least once). */
export interface IvrEvent<T extends IvrEventType = IvrEventType> {
  readonly id: string;
  readonly type: T;
  /** When the change happened (ISO 8601). */
  readonly occurredAt: string;
  /** The call's events are numbered 1, 2, … in the order they happened; null (with callSid) outside a call. */
  readonly callSid: string | null;
  readonly sequence: number | null;
  readonly data: IvrEventData[T];
}

/** Any one event, narrowed by its `type`. */
export type AnyIvrEvent = { [T in IvrEventType]: IvrEvent<T> }[IvrEventType];

/** An event before it is numbered and given its id (both in the write that stores it). */
export type NewIvrEvent = {
  [T in IvrEventType]: { readonly type: T; readonly occurredAt: Date; readonly data: IvrEventData[T] };
}[IvrEventType];
