import type { TranscriptionRecord } from './call-session-report.repository.js';
import { csvLine } from './csv.js';
import type { CallSessionRow } from './dto/call-session.response.js';

/** A listing row and, beyond the listing, the voicemail's transcription. */
export type CallSessionCsvRow = CallSessionRow & TranscriptionRecord;

export const CALL_SESSION_CSV_COLUMNS = [
  'callSid',
  'from',
  'to',
  'startedAt',
  'endedAt',
  'durationSeconds',
  'outcome',
  'departmentId',
  'departmentName',
  'attempts',
  'callStatus',
  'transcriptionStatus',
  'transcriptionText',
  'callerName',
  'tags',
  // Added columns go last: spreadsheets and scripts that read the export by position keep working.
  'language',
] as const;

export const callSessionCsvHeader = (): string => csvLine(CALL_SESSION_CSV_COLUMNS);

/** A row (numbers already masked or not) as one CSV record, in CALL_SESSION_CSV_COLUMNS order. */
export function callSessionCsvLine(row: CallSessionCsvRow): string {
  return csvLine([
    row.callSid,
    row.from,
    row.to,
    row.startedAt,
    row.endedAt,
    row.durationSeconds,
    row.outcome,
    row.department?.id ?? null,
    row.department?.name ?? null,
    row.attempts,
    row.callStatus,
    row.transcriptionStatus,
    row.transcriptionText,
    row.callerName,
    // The tags in one field, separated by semicolons (a tag cannot hold one: see callerInfoFrom).
    row.tags.join(';'),
    row.language,
  ]);
}

/** "call-sessions-20260131T080000Z.csv": sorts by export time, and is safe in a Content-Disposition header. */
export function callSessionCsvFileName(exportedAt: Date): string {
  return `call-sessions-${exportedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.csv`;
}
