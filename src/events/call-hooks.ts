/** The call the caller hook is asked about: as Twilio's first webhook names it. */
export interface IncomingCall {
  readonly callSid: string;
  readonly accountSid: string | null;
  /** The caller's number, unmasked: the host looks the caller up by it. */
  readonly from: string | null;
  readonly to: string | null;
  readonly receivedAt: Date;
}

/** What the host knows about the caller; every field optional. */
export interface CallerInfo {
  /** Stored on the session and in the events. */
  readonly callerName?: string;
  /** Said before the menu (or before the transfer), in the menu's voice, instead of the usual greeting. */
  readonly greeting?: string;
  /** Skip the menu: dial this department (its business hours still apply). An unknown one: the normal menu. */
  readonly departmentId?: string;
  /** Stored on the session and shown in reports and events. */
  readonly tags?: readonly string[];
}

/**
 * A host's hooks into the call flow. `onIncomingCall` runs once per call, on its first webhook, within the
 * caller-hook time budget: a slow, failing or unknown answer is logged, counted, recorded on the session, and the
 * call goes on with the normal menu.
 */
export interface IvrCallHooks {
  onIncomingCall(call: IncomingCall): Promise<CallerInfo | undefined | void> | CallerInfo | undefined | void;
}

/** A provider under this token, anywhere in the host's app, is the caller hook when the options name none. */
export const IVR_CALL_HOOKS = 'IVR_CALL_HOOKS';
