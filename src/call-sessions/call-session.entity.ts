import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { IVR_SCHEMA } from '../database/ivr-schema.js';
import type { TranscriptionStatus } from '../twilio/twilio-statuses.js';

export const CALL_OUTCOMES = ['connected', 'operator', 'voicemail', 'abandoned', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CALLER_LOOKUP_STATUSES = ['ok', 'timeout', 'error', 'unknown-department'] as const;
export type CallerLookupStatus = (typeof CALLER_LOOKUP_STATUSES)[number];

export const DIAL_TARGETS = ['department', 'operator'] as const;
export type DialTarget = (typeof DIAL_TARGETS)[number];

/** One row per Twilio call (CallSid): where the caller is in the menu and how the call ended. */
@Entity({ schema: IVR_SCHEMA, name: 'call_sessions', synchronize: false })
export class CallSession {
  @PrimaryColumn({ name: 'call_sid', type: 'varchar', length: 64 })
  callSid: string;

  @Column({ name: 'account_sid', type: 'varchar', length: 64, nullable: true })
  accountSid: string | null;

  @Column({ name: 'from_number', type: 'varchar', length: 255, nullable: true })
  fromNumber: string | null;

  @Column({ name: 'to_number', type: 'varchar', length: 255, nullable: true })
  toNumber: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** The menu round the caller is answering now; carried in the Gather action URL. */
  @Column({ type: 'integer', default: 1 })
  round: number;

  @Column({ name: 'failed_attempts', type: 'integer', default: 0 })
  failedAttempts: number;

  @Column({ name: 'department_id', type: 'uuid', nullable: true })
  departmentId: string | null;

  @Column({ name: 'dial_target', type: 'varchar', length: 16, nullable: true })
  dialTarget: DialTarget | null;

  @Column({ name: 'dialed_number', type: 'varchar', length: 255, nullable: true })
  dialedNumber: string | null;

  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true })
  routedAt: Date | null;

  @Column({ name: 'dial_call_status', type: 'varchar', length: 32, nullable: true })
  dialCallStatus: string | null;

  @Column({ name: 'dial_call_sid', type: 'varchar', length: 64, nullable: true })
  dialCallSid: string | null;

  @Column({ name: 'dial_duration_seconds', type: 'integer', nullable: true })
  dialDurationSeconds: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: CallOutcome | null;

  @Column({ name: 'call_status', type: 'varchar', length: 32, nullable: true })
  callStatus: string | null;

  /** The SequenceNumber of the status callback that set callStatus: an older one arriving late changes nothing. */
  @Column({ name: 'status_sequence', type: 'integer', nullable: true })
  statusSequence: number | null;

  @Column({ name: 'duration_seconds', type: 'integer', nullable: true })
  durationSeconds: number | null;

  @Column({ name: 'recording_sid', type: 'varchar', length: 64, nullable: true })
  recordingSid: string | null;

  @Column({ name: 'recording_url', type: 'text', nullable: true })
  recordingUrl: string | null;

  @Column({ name: 'recording_duration_seconds', type: 'integer', nullable: true })
  recordingDurationSeconds: number | null;

  /** Twilio's transcription of the voicemail, when the menu's transcribeVoicemail setting asked for one. */
  @Column({ name: 'transcription_sid', type: 'varchar', length: 64, nullable: true })
  transcriptionSid: string | null;

  @Column({ name: 'transcription_status', type: 'varchar', length: 16, nullable: true })
  transcriptionStatus: TranscriptionStatus | null;

  /** null while none arrived, and when the transcription failed. */
  @Column({ name: 'transcription_text', type: 'text', nullable: true })
  transcriptionText: string | null;

  /** Twilio's ErrorCode when it fell back to the fallback URL for this call. */
  @Column({ name: 'error_code', type: 'varchar', length: 16, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_url', type: 'text', nullable: true })
  errorUrl: string | null;

  /** What the host's caller hook named the caller. */
  @Column({ name: 'caller_name', type: 'varchar', length: 255, nullable: true })
  callerName: string | null;

  /** The caller hook's tags, for reports. */
  @Column({ type: 'text', array: true, nullable: true })
  tags: string[] | null;

  /** How the caller hook went: null without a hook, else `ok` or why the call went on with the normal menu. */
  @Column({ name: 'caller_lookup', type: 'varchar', length: 32, nullable: true })
  callerLookup: CallerLookupStatus | null;

  /** The language the caller hears; null while they have not chosen one yet (and for calls before languages). */
  @Column({ type: 'varchar', length: 35, nullable: true })
  language: string | null;

  /** The submenus the caller went into, from the root: empty at the root menu. */
  @Column({ name: 'menu_path', type: 'uuid', array: true, default: () => "'{}'" })
  menuPath: string[];

  /** Times the caller chose a closed department whose after-hours action is the menu again. */
  @Column({ name: 'closed_attempts', type: 'integer', default: 0 })
  closedAttempts: number;

  /** The call's events so far: the next event's sequence number is one more (written with the change it describes). */
  @Column({ name: 'event_count', type: 'integer', default: 0 })
  eventCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Raised by every write: a webhook's write applies only to the version it read. */
  @VersionColumn({ type: 'integer' })
  version: number;
}
