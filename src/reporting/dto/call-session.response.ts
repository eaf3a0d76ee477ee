import { ApiProperty } from '@nestjs/swagger';
import { ATTEMPT_DECISIONS, ATTEMPT_FAILURES, INPUT_KINDS } from '../../call-sessions/call-attempt.entity.js';
import type { AttemptDecision, AttemptFailure, InputKind } from '../../call-sessions/call-attempt.entity.js';
import { CALL_OUTCOMES, CALLER_LOOKUP_STATUSES, DIAL_TARGETS } from '../../call-sessions/call-session.entity.js';
import type { CallerLookupStatus, CallOutcome, DialTarget } from '../../call-sessions/call-session.entity.js';
import { TRANSCRIPTION_STATUSES, type TranscriptionStatus } from '../../twilio/twilio-statuses.js';
import type { AttemptRecord, SessionDetailRecord, SessionRecord } from '../call-session-report.repository.js';
import { type NumberView, presentNumber, presentRecordingUrl } from '../caller-number.js';
import { menuPathOf } from '../menu-path.js';

export class DepartmentRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;

  static from(id: string | null, name: string | null): DepartmentRef | null {
    // The foreign key keeps the department row (departments are only ever deactivated).
    return id === null ? null : { id, name: name ?? '' };
  }
}

const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;

export class CallSessionRow {
  @ApiProperty() callSid: string;
  @ApiProperty({ nullable: true, type: String, description: 'Masked for viewer tokens' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Masked for viewer tokens' }) to: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "Twilio's CallDuration" }) durationSeconds: number | null;
  @ApiProperty({ nullable: true, enum: CALL_OUTCOMES, description: 'null while in progress' })
  outcome: CallOutcome | null;
  @ApiProperty({ nullable: true, type: DepartmentRef }) department: DepartmentRef | null;
  @ApiProperty({ description: 'Menu answers recorded' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, description: "Twilio's last CallStatus" }) callStatus: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The caller's name, from the host's caller hook" })
  callerName: string | null;
  @ApiProperty({ type: [String], description: "The caller hook's tags (empty without)" }) tags: string[];
  @ApiProperty({
    nullable: true,
    enum: CALLER_LOOKUP_STATUSES,
    description: 'How the caller hook went: null without one; otherwise ok, or why the call had the normal menu',
  })
  callerLookup: CallerLookupStatus | null;
  @ApiProperty({
    description:
      "The language the caller heard (BCP 47). A call without one reports the default language (the settings' " +
      'language): calls from before languages existed, and calls whose caller has not chosen one (or hung up first)',
    example: 'en-US',
  })
  language: string;

  static from(record: SessionRecord, view: NumberView): CallSessionRow {
    return {
      callSid: record.callSid,
      from: presentNumber(record.from, view),
      to: presentNumber(record.to, view),
      startedAt: record.startedAt.toISOString(),
      endedAt: isoOrNull(record.endedAt),
      durationSeconds: record.durationSeconds,
      outcome: record.outcome,
      department: DepartmentRef.from(record.departmentId, record.departmentName),
      attempts: record.attempts,
      callStatus: record.callStatus,
      callerName: record.callerName,
      tags: record.tags ?? [],
      callerLookup: record.callerLookup,
      language: record.language,
    };
  }
}

export class CallSessionPage {
  @ApiProperty({ type: [CallSessionRow] }) items: CallSessionRow[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next (older) page' })
  nextCursor: string | null;
}

export class AttemptView {
  @ApiProperty() round: number;
  @ApiProperty() at: string;
  @ApiProperty({ enum: INPUT_KINDS }) inputKind: InputKind;
  @ApiProperty({ nullable: true, type: String }) digits: string | null;
  @ApiProperty({ nullable: true, type: String }) speechResult: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null: Twilio sent none' }) confidence: number | null;
  @ApiProperty({ nullable: true, type: DepartmentRef }) matchedDepartment: DepartmentRef | null;
  @ApiProperty({ enum: ATTEMPT_DECISIONS }) decision: AttemptDecision;
  @ApiProperty({ nullable: true, enum: ATTEMPT_FAILURES }) failure: AttemptFailure | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: "The menu answered in; null: the root menu, or the choice of language when decision is 'language'",
  })
  menuId: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      "The menu's name now (the root menu's for menuId null); null for the choice of language and for a menu deleted since",
  })
  menuName: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description:
      'The menu option chosen; null when none was, and for a department chosen by its own entry in the root menu (see matchedDepartment)',
  })
  optionId: string | null;

  static from(record: AttemptRecord): AttemptView {
    return {
      round: record.round,
      at: record.at.toISOString(),
      inputKind: record.inputKind,
      digits: record.digits,
      speechResult: record.speechResult,
      confidence: record.confidence,
      matchedDepartment: DepartmentRef.from(record.departmentId, record.departmentName),
      decision: record.decision,
      failure: record.failure,
      menuId: record.menuId,
      menuName: record.menuName,
      optionId: record.optionId,
    };
  }
}

export class DialView {
  @ApiProperty({ enum: DIAL_TARGETS }) target: DialTarget;
  @ApiProperty({ nullable: true, type: String, description: "The department's or the operator's number" })
  number: string | null;
  @ApiProperty({ nullable: true, type: String }) routedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'DialCallStatus; null until the dial ends' })
  status: string | null;
  @ApiProperty({ nullable: true, type: String }) dialCallSid: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds: number | null;
}

export class RecordingView {
  @ApiProperty() sid: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'null for viewer tokens: Twilio serves a recording to whoever has its URL unless media auth is on',
  })
  url: string | null;
  @ApiProperty({ nullable: true, type: Number }) durationSeconds: number | null;
}

export class TwilioErrorView {
  @ApiProperty({ nullable: true, type: String, description: "Twilio's ErrorCode, such as 11200", example: '11200' })
  code: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The URL Twilio failed to fetch' }) url: string | null;
}

export class CallSessionDetail extends CallSessionRow {
  @ApiProperty({ type: [AttemptView], description: 'Menu answers in round order' }) timeline: AttemptView[];
  @ApiProperty({
    type: 'array',
    items: { type: 'string', nullable: true },
    description:
      'The names of the menus the caller went through, in order, from the timeline: a menu answered several ' +
      'rounds in a row once, the choice of language left out, and after a last answer into a submenu (or back) ' +
      'the menu it led to. null: a menu deleted since',
    example: ['Main menu', 'Support', 'Main menu', 'Sales'],
  })
  menuPath: (string | null)[];
  @ApiProperty({ nullable: true, type: DialView, description: 'null: the menu never dialled' }) dial: DialView | null;
  @ApiProperty({ nullable: true, type: RecordingView }) recording: RecordingView | null;
  @ApiProperty({
    nullable: true,
    enum: TRANSCRIPTION_STATUSES,
    description: "Twilio's transcription of the voicemail; null when none was asked for or none arrived yet",
  })
  transcriptionStatus: TranscriptionStatus | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The voicemail's text, viewer tokens included; null unless the transcription completed",
  })
  transcriptionText: string | null;
  @ApiProperty({
    nullable: true,
    type: TwilioErrorView,
    description: "Twilio's error when it fell back to the fallback URL for this call; null when it never did",
  })
  twilioError: TwilioErrorView | null;

  static fromRecords(session: SessionDetailRecord, attempts: AttemptRecord[], view: NumberView): CallSessionDetail {
    return {
      ...CallSessionRow.from(session, view),
      timeline: attempts.map((attempt) => AttemptView.from(attempt)),
      menuPath: menuPathOf(attempts, { menuId: session.currentMenuId, menuName: session.currentMenuName }).map(
        (visit) => visit.menuName,
      ),
      dial: session.dialTarget
        ? {
            target: session.dialTarget,
            number: session.dialedNumber,
            routedAt: isoOrNull(session.routedAt),
            status: session.dialCallStatus,
            dialCallSid: session.dialCallSid,
            durationSeconds: session.dialDurationSeconds,
          }
        : null,
      recording: session.recordingSid
        ? {
            sid: session.recordingSid,
            url: presentRecordingUrl(session.recordingUrl, view),
            durationSeconds: session.recordingDurationSeconds,
          }
        : null,
      transcriptionStatus: session.transcriptionStatus,
      transcriptionText: session.transcriptionText,
      twilioError:
        session.errorCode !== null || session.errorUrl !== null
          ? { code: session.errorCode, url: session.errorUrl }
          : null,
    };
  }
}
