import { csvLine } from './csv.js';
import type { CallSessionRow } from './dto/call-session.response.js';

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
] as const;

export const callSessionCsvHeader = (): string => csvLine(CALL_SESSION_CSV_COLUMNS);

/** A listing row (numbers already masked or not) as one CSV record, in CALL_SESSION_CSV_COLUMNS order. */
export function callSessionCsvLine(row: CallSessionRow): string {
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
  ]);
}

/** "call-sessions-20260131T080000Z.csv": sorts by export time, and is safe in a Content-Disposition header. */
export function callSessionCsvFileName(exportedAt: Date): string {
  return `call-sessions-${exportedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z.csv`;
}
