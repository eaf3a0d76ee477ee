import type { AttemptDecision, AttemptFailure, InputKind } from '../call-sessions/call-attempt.entity.js';
import type { CallOutcome, DialTarget } from '../call-sessions/call-session.entity.js';
import type { SessionChange } from '../call-sessions/session-change.js';
import type { MenuDepartment } from '../routing/routing-rules.js';

/** Why the menu is being played again. */
export type MenuNotice = AttemptFailure;

/** What the caller hears next. twiml.ts renders each kind; nothing else builds TwiML. */
export type CallDecision =
  | {
      readonly kind: 'menu';
      readonly round: number;
      /** The submenus from the root to the one read; absent: the root menu. */
      readonly path?: readonly string[];
      readonly greet: boolean;
      readonly notice: MenuNotice | null;
      /** The department the caller just chose is closed (its action is `menu`): said before the menu. */
      readonly closed?: MenuDepartment;
      /** The caller hook's personal greeting, instead of the usual one. */
      readonly greeting?: string;
    }
  /** The choice of language a call with several starts with, each language announced in itself. */
  | {
      readonly kind: 'language-menu';
      readonly round: number;
      readonly notice: MenuNotice | null;
      /** The department the caller hook chose is closed (its action is `menu`): said first. */
      readonly closed?: MenuDepartment;
      /** The caller hook's personal greeting, said first. */
      readonly greeting?: string;
    }
  | { readonly kind: 'dial-department'; readonly department: MenuDepartment; readonly greeting?: string }
  /** A closed department whose action is `voicemail`: it is closed, its hours, then a message. */
  | { readonly kind: 'closed-voicemail'; readonly department: MenuDepartment; readonly greeting?: string }
  /** A closed department whose action is `forward`: its after-hours number is dialled. */
  | {
      readonly kind: 'closed-forward';
      readonly department: MenuDepartment;
      readonly number: string;
      readonly greeting?: string;
    }
  | {
      readonly kind: 'dial-operator';
      readonly number: string;
      /** The menu ended on a closed department (its action is `menu`, chosen maxAttempts times): said first. */
      readonly closed?: MenuDepartment;
    }
  /** Nobody answered, no operator is configured, or the caller chose to leave a message: record one. */
  | {
      readonly kind: 'voicemail';
      readonly reason: 'no-answer' | 'no-operator' | 'requested';
      readonly closed?: MenuDepartment;
    }
  | { readonly kind: 'goodbye' }
  /** The `<Record>` action: the caller finished their message. */
  | { readonly kind: 'voicemail-recorded' }
  /** A menu round answered before: the answer it got then, word for word. */
  | { readonly kind: 'replay'; readonly twiml: string }
  /** A callback whose answer Twilio ignores (status, recording, transcription, fallback): an empty response. */
  | { readonly kind: 'acknowledge' };

/** The part of a session the decisions read. */
export interface SessionState {
  readonly round: number;
  readonly failedAttempts: number;
  /** The submenus the caller is in (absent or empty: the root menu). */
  readonly menuPath?: readonly string[];
  /** The caller's language; null while a call with several languages has not chosen one. */
  readonly language?: string | null;
  /** Times the caller met a closed department whose after-hours action is the menu again. */
  readonly closedAttempts?: number;
  readonly dialTarget: DialTarget | null;
  readonly outcome: CallOutcome | null;
  /** When the call's first webhook arrived. */
  readonly startedAt?: Date;
  /** Set by a final status: later progress callbacks change nothing. */
  readonly endedAt?: Date | null;
  readonly callStatus?: string | null;
  /** The SequenceNumber of the status callback that set callStatus, when Twilio sent one. */
  readonly statusSequence?: number | null;
  /** The answer stored for the round a Gather names, when that round was answered already (read with the session). */
  readonly roundAnswer?: string | null;
  /** The voicemail's transcription so far: a completed one keeps its text. */
  readonly transcriptionStatus?: string | null;
}

export interface AttemptRecord {
  readonly round: number;
  readonly inputKind: InputKind;
  readonly digits: string | null;
  readonly speechResult: string | null;
  readonly confidence: number | null;
  readonly departmentId: string | null;
  readonly decision: AttemptDecision;
  readonly failure: AttemptFailure | null;
  /** The submenu answered (absent: the root menu or the language choice). */
  readonly menuId?: string;
  /** The `menu_options` row chosen, when it was one. */
  readonly optionId?: string;
}

/** What a webhook does: what the caller hears, what changes on the session, and the menu round it answered. */
export interface Decided {
  readonly decision: CallDecision;
  readonly changes: SessionChange;
  readonly attempt: AttemptRecord | null;
}
