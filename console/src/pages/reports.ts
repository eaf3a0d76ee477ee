// The report and call-session answers of the admin API (docs/reports.md) as the console reads them, and their wording.

export const OUTCOMES = ['connected', 'operator', 'voicemail', 'abandoned', 'failed'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Readonly<Record<Outcome, number>>;

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  connected: 'Connected',
  operator: 'Operator',
  voicemail: 'Voicemail',
  abandoned: 'Abandoned',
  failed: 'Failed',
};

export interface OutcomeTotals {
  readonly total: number;
  readonly inProgress: number;
  readonly byOutcome: OutcomeCounts;
}

export interface DepartmentSummary extends OutcomeTotals {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
  readonly closed: number;
}

export interface Summary extends OutcomeTotals {
  readonly from: string;
  readonly to: string;
  readonly byDepartment: readonly DepartmentSummary[];
  readonly averageAttemptsToRoute: number | null;
  readonly lowConfidenceRate: number | null;
  readonly inputMix: { readonly dtmf: number; readonly speech: number; readonly none: number };
  readonly durationSeconds: { readonly average: number | null; readonly p95: number | null };
  readonly closed: number;
}

export interface Bucket extends OutcomeTotals {
  readonly start: string;
  readonly closed: number;
}

export interface Timeseries {
  readonly from: string;
  readonly to: string;
  readonly interval: 'hour' | 'day';
  readonly buckets: readonly Bucket[];
}

/** GET /admin/reports/busiest-hours: calls by weekday (Monday 1) and hour in `timeZone`. */
export interface BusiestHours {
  readonly from?: string;
  readonly to?: string;
  readonly timeZone: string;
  readonly cells: readonly { readonly weekday: number; readonly hour: number; readonly calls: number }[];
}

export interface DepartmentRef {
  readonly id: string;
  readonly name: string;
}

export interface CallSessionRow {
  readonly callSid: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationSeconds: number | null;
  readonly outcome: Outcome | null;
  readonly department: DepartmentRef | null;
  readonly attempts: number;
  readonly callStatus: string | null;
  readonly callerName?: string | null;
  readonly tags?: readonly string[];
  readonly language?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface Attempt {
  readonly round: number;
  readonly at: string;
  readonly inputKind: 'dtmf' | 'speech' | 'none';
  readonly digits: string | null;
  readonly speechResult: string | null;
  readonly confidence: number | null;
  readonly matchedDepartment: DepartmentRef | null;
  readonly decision: string;
  readonly failure: string | null;
  readonly menuId?: string | null;
  readonly menuName?: string | null;
}

export interface CallSessionDetail extends CallSessionRow {
  readonly timeline: readonly Attempt[];
  readonly menuPath?: readonly (string | null)[];
  readonly dial: {
    readonly target: 'department' | 'operator';
    readonly number: string | null;
    readonly routedAt: string | null;
    readonly status: string | null;
    readonly dialCallSid: string | null;
    readonly durationSeconds: number | null;
  } | null;
  readonly recording: {
    readonly sid: string;
    readonly url: string | null;
    readonly durationSeconds: number | null;
  } | null;
  readonly transcriptionStatus: 'completed' | 'failed' | null;
  readonly transcriptionText: string | null;
  /** Twilio's ErrorCode and the URL it failed to fetch, when it fell back to the fallback URL for this call. */
  readonly twilioError: { readonly code: string | null; readonly url: string | null } | null;
}

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const integer = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** An instant in the browser's own time zone. */
export const formatDateTime = (iso: string | null): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatTime = (date: Date): string => timeOnly.format(date);
export const formatCount = (value: number): string => integer.format(value);
export const formatShare = (value: number | null): string => (value === null ? '—' : percent.format(value));
export const formatDecimal = (value: number | null): string => (value === null ? '—' : decimal.format(value));

/** Seconds as "1 h 02 min 05 s", "3 min 07 s" or "42 s". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  const two = (value: number): string => String(value).padStart(2, '0');
  if (hours > 0) return `${hours} h ${two(minutes)} min ${two(rest)} s`;
  if (minutes > 0) return `${minutes} min ${two(rest)} s`;
  return `${rest} s`;
}

export const outcomeLabel = (outcome: Outcome | null): string =>
  outcome === null ? 'In progress' : OUTCOME_LABELS[outcome];

/** The browser's own time zone: "today" and every time shown are in it. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Local midnight of a `YYYY-MM-DD` date input's value, or undefined for an empty or invalid one. */
export function localMidnight(value: string | null | undefined, addDays = 0): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
