import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AttemptDecision, AttemptFailure, InputKind } from '../call-sessions/call-attempt.entity.js';
import type { CallerLookupStatus, CallOutcome, DialTarget } from '../call-sessions/call-session.entity.js';
import type { TranscriptionStatus } from '../twilio/twilio-statuses.js';
import { ReportDatabase, type ReportTurn } from './report-database.js';
import type { SessionKey } from './session-cursor.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

/** Which sessions a listing or an export covers. Instants are canonical (see parseInstant). */
export interface SessionFilter {
  readonly from?: string;
  readonly to?: string;
  readonly outcome?: CallOutcome;
  readonly departmentId?: string;
  /** The caller number, exactly. */
  readonly caller?: string;
}

export interface SessionRecord {
  readonly callSid: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly startedAt: Date;
  /** started_at to the microsecond, for the cursor. */
  readonly startedAtKey: string;
  readonly endedAt: Date | null;
  readonly durationSeconds: number | null;
  readonly outcome: CallOutcome | null;
  readonly departmentId: string | null;
  readonly departmentName: string | null;
  readonly attempts: number;
  readonly callStatus: string | null;
  /** What the host's caller hook said. */
  readonly callerName: string | null;
  readonly tags: string[] | null;
  readonly callerLookup: CallerLookupStatus | null;
  /** The language the caller heard; the default language (settings.language) for calls before languages. */
  readonly language: string;
}

/** The voicemail's transcription, when one was asked for: in the detail and the CSV export, not in pages. */
export interface TranscriptionRecord {
  readonly transcriptionStatus: TranscriptionStatus | null;
  readonly transcriptionText: string | null;
}

/** A session as the CSV export writes it. */
export interface SessionExportRecord extends SessionRecord, TranscriptionRecord {}

export interface SessionDetailRecord extends SessionRecord, TranscriptionRecord {
  readonly dialTarget: DialTarget | null;
  readonly dialedNumber: string | null;
  readonly routedAt: Date | null;
  readonly dialCallStatus: string | null;
  readonly dialCallSid: string | null;
  readonly dialDurationSeconds: number | null;
  readonly recordingSid: string | null;
  readonly recordingUrl: string | null;
  readonly recordingDurationSeconds: number | null;
  /** Twilio's ErrorCode and ErrorUrl when it called the fallback URL for this call. */
  readonly errorCode: string | null;
  readonly errorUrl: string | null;
  /** Where the session says the caller is, or was when the call ended (see menuPathOf). */
  readonly currentMenuId: string | null;
  readonly currentMenuName: string | null;
}

export interface AttemptRecord {
  readonly round: number;
  readonly at: Date;
  readonly inputKind: InputKind;
  readonly digits: string | null;
  readonly speechResult: string | null;
  readonly confidence: number | null;
  readonly departmentId: string | null;
  readonly departmentName: string | null;
  readonly decision: AttemptDecision;
  readonly failure: AttemptFailure | null;
  /** The menu answered in: null for the root menu and for the language choice. */
  readonly menuId: string | null;
  /** Its name now: the root's for the root menu; null for the language choice and for a menu deleted since. */
  readonly menuName: string | null;
  /** The menu option chosen (null for a department's own entry in the root menu, and when none was chosen). */
  readonly optionId: string | null;
}

const SESSION_COLUMNS = `
  s.call_sid AS "callSid", s.from_number AS "from", s.to_number AS "to", s.started_at AS "startedAt",
  to_char(s.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "startedAtKey",
  s.ended_at AS "endedAt", s.duration_seconds AS "durationSeconds", s.outcome,
  s.department_id AS "departmentId", d.name AS "departmentName", s.call_status AS "callStatus",
  s.caller_name AS "callerName", s.tags, s.caller_lookup AS "callerLookup",
  coalesce(s.language, (SELECT language FROM ${IVR_TABLES.settings})) AS language,
  (SELECT count(*) FROM ${IVR_TABLES.callAttempts} a WHERE a.call_sid = s.call_sid)::int AS attempts`;

const TRANSCRIPTION_COLUMNS = `
  s.transcription_status AS "transcriptionStatus", s.transcription_text AS "transcriptionText"`;

/** WHERE conditions for `filter` (and the page start), their values appended to `parameters`. */
function sessionConditions(filter: SessionFilter, after: SessionKey | null, parameters: unknown[]): string[] {
  const bind = (value: unknown): string => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  const conditions: string[] = [];
  if (filter.from !== undefined) conditions.push(`s.started_at >= ${bind(filter.from)}::timestamptz`);
  if (filter.to !== undefined) conditions.push(`s.started_at < ${bind(filter.to)}::timestamptz`);
  if (filter.outcome !== undefined) conditions.push(`s.outcome = ${bind(filter.outcome)}`);
  if (filter.departmentId !== undefined) conditions.push(`s.department_id = ${bind(filter.departmentId)}::uuid`);
  if (filter.caller !== undefined) conditions.push(`s.from_number = ${bind(filter.caller)}`);
  // Keyset: strictly after the last row of the previous page in (started_at DESC, call_sid DESC) order.
  if (after)
    conditions.push(`(s.started_at, s.call_sid) < (${bind(after.startedAt)}::timestamptz, ${bind(after.callSid)})`);
  return conditions;
}

/** Read-only queries over call sessions and their attempts, for the reporting API. */
@Injectable()
export class CallSessionReportRepository {
  constructor(private readonly database: ReportDatabase) {}

  /** Newest first: at most `limit` sessions matching `filter` that come after `after`. */
  findPage(filter: SessionFilter, after: SessionKey | null, limit: number): Promise<SessionRecord[]> {
    return this.findSessions<SessionRecord>(SESSION_COLUMNS, filter, after, limit);
  }

  /** The same for the CSV export, with each session's transcription (too long for pages of 500). */
  findExportBatch(
    filter: SessionFilter,
    after: SessionKey | null,
    limit: number,
    turn: ReportTurn = {},
  ): Promise<SessionExportRecord[]> {
    return this.findSessions<SessionExportRecord>(
      `${SESSION_COLUMNS}, ${TRANSCRIPTION_COLUMNS}`,
      filter,
      after,
      limit,
      turn,
    );
  }

  private async findSessions<T extends SessionRecord>(
    columns: string,
    filter: SessionFilter,
    after: SessionKey | null,
    limit: number,
    turn: ReportTurn = {},
  ): Promise<T[]> {
    const parameters: unknown[] = [];
    const conditions = sessionConditions(filter, after, parameters);
    parameters.push(limit);
    return this.database.query<T[]>(
      `SELECT ${columns}
       FROM ${IVR_TABLES.callSessions} s LEFT JOIN ${IVR_TABLES.departments} d ON d.id = s.department_id
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY s.started_at DESC, s.call_sid DESC
       LIMIT $${parameters.length}`,
      parameters,
      turn,
    );
  }

  /** The session and its attempts in round order, read from one snapshot; null when the CallSid is unknown. */
  async findWithAttempts(callSid: string): Promise<{ session: SessionDetailRecord; attempts: AttemptRecord[] } | null> {
    return this.database.snapshot(async (manager) => {
      const session = await this.findDetail(manager, callSid);
      return session ? { session, attempts: await this.findAttempts(manager, callSid) } : null;
    });
  }

  private async findDetail(manager: EntityManager, callSid: string): Promise<SessionDetailRecord | null> {
    const rows = await manager.query<SessionDetailRecord[]>(
      `SELECT ${SESSION_COLUMNS},
         s.dial_target AS "dialTarget", s.dialed_number AS "dialedNumber", s.routed_at AS "routedAt",
         s.dial_call_status AS "dialCallStatus", s.dial_call_sid AS "dialCallSid",
         s.dial_duration_seconds AS "dialDurationSeconds", s.recording_sid AS "recordingSid",
         s.recording_url AS "recordingUrl", s.recording_duration_seconds AS "recordingDurationSeconds",
         s.error_code AS "errorCode", s.error_url AS "errorUrl",
         ${TRANSCRIPTION_COLUMNS},
         s.menu_path[cardinality(s.menu_path)] AS "currentMenuId",
         CASE WHEN cardinality(s.menu_path) = 0 THEN root.name ELSE last_menu.name END AS "currentMenuName"
       FROM ${IVR_TABLES.callSessions} s LEFT JOIN ${IVR_TABLES.departments} d ON d.id = s.department_id
       LEFT JOIN ${IVR_TABLES.menus} last_menu ON last_menu.id = s.menu_path[cardinality(s.menu_path)]
       LEFT JOIN ${IVR_TABLES.menus} root ON root.is_root
       WHERE s.call_sid = $1`,
      [callSid],
    );
    return rows[0] ?? null;
  }

  private async findAttempts(manager: EntityManager, callSid: string): Promise<AttemptRecord[]> {
    return manager.query<AttemptRecord[]>(
      `SELECT a.round, a.created_at AS "at", a.input_kind AS "inputKind", a.digits,
         a.speech_result AS "speechResult", a.confidence, a.department_id AS "departmentId",
         d.name AS "departmentName", a.decision, a.failure, a.menu_id AS "menuId", a.option_id AS "optionId",
         CASE WHEN a.decision = 'language' THEN NULL WHEN a.menu_id IS NULL THEN root.name ELSE m.name END AS "menuName"
       FROM ${IVR_TABLES.callAttempts} a LEFT JOIN ${IVR_TABLES.departments} d ON d.id = a.department_id
       LEFT JOIN ${IVR_TABLES.menus} m ON m.id = a.menu_id
       LEFT JOIN ${IVR_TABLES.menus} root ON root.is_root
       WHERE a.call_sid = $1
       ORDER BY a.round`,
      [callSid],
    );
  }
}
