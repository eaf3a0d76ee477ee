import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';

export const INPUT_KINDS = ['dtmf', 'speech', 'none'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const ATTEMPT_DECISIONS = [
  'route',
  'reprompt_low_confidence',
  'reprompt_no_match',
  'reprompt_no_input',
  'operator',
  /** The caller chose a department that was closed: its after-hours action followed (not a failed attempt). */
  'closed',
  /** Went into a submenu, back one level (`*`), or heard the menu again (`#`). */
  'submenu',
  'back',
  'repeat',
  /** Chose the operator (the `0` key or an option), or an option to leave a message. */
  'operator_requested',
  'voicemail_requested',
  /** Chose the language (failure set when the answer was not one of them). */
  'language',
] as const;
export type AttemptDecision = (typeof ATTEMPT_DECISIONS)[number];

/** Why a menu answer did not route, kept even when the decision was to go to the operator. */
export const ATTEMPT_FAILURES = ['low_confidence', 'no_match', 'no_input'] as const;
export type AttemptFailure = (typeof ATTEMPT_FAILURES)[number];

/** One answered menu round of a call. (call_sid, round) is unique: a round is counted once. */
@Entity({ schema: IVR_SCHEMA, name: 'call_attempts', synchronize: false })
export class CallAttempt {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ name: 'call_sid', type: 'varchar', length: 64 })
  callSid: string;

  @Column({ type: 'integer' })
  round: number;

  @Column({ name: 'input_kind', type: 'varchar', length: 8 })
  inputKind: InputKind;

  @Column({ type: 'varchar', length: 32, nullable: true })
  digits: string | null;

  @Column({ name: 'speech_result', type: 'text', nullable: true })
  speechResult: string | null;

  /** Null when Twilio sent no Confidence (unknown, not zero). */
  @Column({ type: 'double precision', nullable: true })
  confidence: number | null;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 32 })
  decision: AttemptDecision;

  /** The menu this round answered; null: the root menu (and the language choice). */
  @Column({ name: 'menu_id', type: 'uuid', nullable: true })
  menuId: string | null;

  /** The menu option chosen, when it was one of `menu_options` (a department's own root entry has none). */
  @Column({ name: 'option_id', type: 'uuid', nullable: true })
  optionId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  failure: AttemptFailure | null;

  /** The TwiML answered for this round, replayed when the same round is answered again. */
  @Column({ name: 'response_twiml', type: 'text' })
  responseTwiml: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
