import type { AttemptDecision, AttemptFailure, InputKind } from '../call-sessions/call-attempt.entity.js';
import type { CallOutcome, DialTarget } from '../call-sessions/call-session.entity.js';
import type { MenuDepartment } from '../routing/routing-rules.js';

/** Why the menu is being played again. */
export type MenuNotice = AttemptFailure;

/** What the caller hears next. twiml.ts renders each kind; nothing else builds TwiML. */
export type CallDecision =
  | {
      readonly kind: 'menu';
      readonly round: number;
      readonly greet: boolean;
      readonly notice: MenuNotice | null;
      /** The department the caller just chose is closed (its action is `menu`): said before the menu. */
      readonly closed?: MenuDepartment;
    }
  | { readonly kind: 'dial-department'; readonly department: MenuDepartment }
  /** A closed department whose action is `voicemail`: it is closed, its hours, then a message. */
  | { readonly kind: 'closed-voicemail'; readonly department: MenuDepartment }
  /** A closed department whose action is `forward`: its after-hours number is dialled. */
  | { readonly kind: 'closed-forward'; readonly department: MenuDepartment; readonly number: string }
  | { readonly kind: 'dial-operator'; readonly number: string }
  /** Nobody answered (or no operator is configured): apologise and record a message. */
  | { readonly kind: 'voicemail'; readonly reason: 'no-answer' | 'no-operator' }
  | { readonly kind: 'goodbye' }
  /** The `<Record>` action: the caller finished their message. */
  | { readonly kind: 'voicemail-recorded' };

/** The part of a session the decisions read. */
export interface SessionState {
  readonly round: number;
  readonly failedAttempts: number;
  readonly dialTarget: DialTarget | null;
  readonly outcome: CallOutcome | null;
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
}

export interface SessionChanges {
  readonly round?: number;
  readonly failedAttempts?: number;
  readonly departmentId?: string | null;
  readonly dialTarget?: DialTarget;
  readonly dialedNumber?: string;
  readonly routedAt?: Date;
  readonly outcome?: CallOutcome | null;
}
