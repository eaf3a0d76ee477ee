// Pure translations between the menu pages' forms and the admin API's bodies (unit-tested in forms.spec.ts).
import { ApiError } from '../../api';
import type {
  Availability,
  ClosedAction,
  DateOverride,
  Department,
  Interval,
  Schedule,
  Settings,
  Weekday,
} from './types';
import { WEEKDAYS } from './types';

/** Keywords as typed: separated by commas or line breaks, blanks dropped. */
export function parseKeywords(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((keyword) => keyword.trim())
    .filter(Boolean);
}

/** A number field: empty is `empty`; anything else that is not a number goes as typed, for the API to name. */
function numberOr<T>(text: string, empty: T): number | string | T {
  const trimmed = text.trim();
  if (trimmed === '') return empty;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

export interface DepartmentForm {
  readonly name: string;
  /** '' for none (speech only). */
  readonly digit: string;
  readonly keywords: string;
  readonly phoneNumber: string;
  /** '' for the global minimum. */
  readonly confidenceThreshold: string;
  /** '' on create: after the last one. */
  readonly position: string;
  readonly inRootMenu: boolean;
  readonly active: boolean;
}

export const EMPTY_DEPARTMENT_FORM: DepartmentForm = {
  name: '',
  digit: '',
  keywords: '',
  phoneNumber: '',
  confidenceThreshold: '',
  position: '',
  inRootMenu: true,
  active: true,
};

export function departmentFormOf(department: Department): DepartmentForm {
  return {
    name: department.name,
    digit: department.digit ?? '',
    keywords: department.keywords.join(', '),
    phoneNumber: department.phoneNumber,
    confidenceThreshold: department.confidenceThreshold === null ? '' : String(department.confidenceThreshold),
    position: String(department.position),
    inRootMenu: department.inRootMenu,
    active: department.active,
  };
}

type DepartmentBody = Record<string, unknown>;

/** The POST body: every field, but no position when none is typed (the API puts it last). */
export function createDepartmentBody(form: DepartmentForm): DepartmentBody {
  const body: DepartmentBody = {
    name: form.name,
    digit: form.digit === '' ? null : form.digit,
    keywords: parseKeywords(form.keywords),
    phoneNumber: form.phoneNumber,
    confidenceThreshold: numberOr(form.confidenceThreshold, null),
    inRootMenu: form.inRootMenu,
    active: form.active,
  };
  const position = numberOr(form.position, undefined);
  return position === undefined ? body : { ...body, position };
}

/** The PATCH body: only what changed, so the audit log and a concurrent edit of another field are left alone. */
export function departmentChanges(original: Department, form: DepartmentForm): DepartmentBody {
  const before = createDepartmentBody(departmentFormOf(original));
  const after = createDepartmentBody(form);
  return Object.fromEntries(
    Object.entries(after).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(before[field])),
  );
}

/**
 * A 409 (digit or name taken) or a keyword-limit 400 says which field in its code or text but not in `fields`:
 * the same error with that field named, so its message shows beside it.
 */
export function withFieldNamed(error: ApiError | Error): ApiError | Error {
  if (!(error instanceof ApiError) || error.fields.length > 0) return error;
  const field =
    error.code === 'DEPARTMENT.DIGIT_TAKEN'
      ? 'digit'
      : error.code === 'DEPARTMENT.NAME_TAKEN'
        ? 'name'
        : error.code === 'MENU.TOO_MANY_KEYWORDS'
          ? 'keywords'
          : error.code === 'HOLIDAY.DATE_TAKEN'
            ? 'date'
            : undefined;
  if (!field) return error;
  return new ApiError(error.status, error.message, error.code, [{ field, messages: [error.message] }], error.body);
}

export interface SettingsForm {
  readonly minConfidence: string;
  readonly maxAttempts: string;
  readonly operatorNumber: string;
  readonly voice: string;
  readonly language: string;
  readonly gatherTimeoutSeconds: string;
  readonly dialTimeoutSeconds: string;
  readonly greeting: string;
  readonly transcribeVoicemail: boolean;
  readonly prompts: Readonly<Record<string, string>>;
}

export function settingsFormOf(settings: Settings): SettingsForm {
  return {
    minConfidence: String(settings.minConfidence),
    maxAttempts: String(settings.maxAttempts),
    operatorNumber: settings.operatorNumber ?? '',
    voice: settings.voice,
    language: settings.language,
    gatherTimeoutSeconds: String(settings.gatherTimeoutSeconds),
    dialTimeoutSeconds: String(settings.dialTimeoutSeconds),
    greeting: settings.greeting,
    transcribeVoicemail: settings.transcribeVoicemail,
    prompts: settings.prompts,
  };
}

function settingsBody(form: SettingsForm): Record<string, unknown> {
  return {
    minConfidence: numberOr(form.minConfidence, ''),
    maxAttempts: numberOr(form.maxAttempts, ''),
    operatorNumber: form.operatorNumber.trim() === '' ? null : form.operatorNumber,
    voice: form.voice,
    language: form.language,
    gatherTimeoutSeconds: numberOr(form.gatherTimeoutSeconds, ''),
    dialTimeoutSeconds: numberOr(form.dialTimeoutSeconds, ''),
    greeting: form.greeting,
    transcribeVoicemail: form.transcribeVoicemail,
  };
}

/** The PATCH body: the settings that changed and, under `prompts`, only the prompts whose text changed. */
export function settingsChanges(original: Settings, form: SettingsForm): Record<string, unknown> {
  const before = settingsBody(settingsFormOf(original));
  const changes: Record<string, unknown> = Object.fromEntries(
    Object.entries(settingsBody(form)).filter(([field, value]) => value !== before[field]),
  );
  const prompts = Object.fromEntries(
    Object.entries(form.prompts).filter(([key, text]) => text !== original.prompts[key]),
  );
  return Object.keys(prompts).length > 0 ? { ...changes, prompts } : changes;
}

export interface OverrideForm {
  readonly date: string;
  readonly name: string;
  readonly closed: boolean;
  readonly hours: readonly Interval[];
}

export interface ScheduleForm {
  readonly timeZone: string;
  readonly weekly: Readonly<Record<Weekday, readonly Interval[]>>;
  readonly overrides: readonly OverrideForm[];
  readonly followCompanyHolidays: boolean;
  readonly closedAction: ClosedAction;
  readonly forwardTo: string;
  readonly hideWhenClosed: boolean;
}

export const NEW_INTERVAL: Interval = { opens: '09:00', closes: '17:00' };

/** The form of a department's schedule; without one (always open), the API's defaults in the browser's zone. */
export function scheduleFormOf(schedule: Schedule | null, defaultTimeZone: string): ScheduleForm {
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, schedule?.weekly[day] ?? []])) as Record<
    Weekday,
    readonly Interval[]
  >;
  return {
    timeZone: schedule?.timeZone ?? defaultTimeZone,
    weekly,
    overrides: (schedule?.overrides ?? []).map((override) => ({
      date: override.date,
      name: override.name ?? '',
      closed: override.hours.length === 0,
      hours: override.hours.length === 0 ? [NEW_INTERVAL] : override.hours,
    })),
    followCompanyHolidays: schedule?.followCompanyHolidays ?? true,
    closedAction: schedule?.closedAction ?? 'voicemail',
    forwardTo: schedule?.forwardTo ?? '',
    hideWhenClosed: schedule?.hideWhenClosed ?? false,
  };
}

/** The PUT body: closed days left out, an override "closed" as no hours, forwardTo only with `forward`. */
export function scheduleBody(form: ScheduleForm): Record<string, unknown> {
  const weekly = Object.fromEntries(
    WEEKDAYS.filter((day) => form.weekly[day].length > 0).map((day) => [day, form.weekly[day]]),
  );
  const overrides: DateOverride[] = form.overrides.map((override) => ({
    date: override.date,
    ...(override.name.trim() === '' ? {} : { name: override.name }),
    hours: override.closed ? [] : override.hours,
  }));
  return {
    timeZone: form.timeZone,
    weekly,
    overrides,
    followCompanyHolidays: form.followCompanyHolidays,
    closedAction: form.closedAction,
    ...(form.closedAction === 'forward' ? { forwardTo: form.forwardTo } : {}),
    hideWhenClosed: form.hideWhenClosed,
  };
}

const REASONS: Readonly<Record<string, string>> = {
  always_open: 'no business hours set',
  regular_hours: 'regular hours',
  special_hours: 'special hours today',
  outside_regular_hours: 'outside regular hours',
  outside_special_hours: 'outside today’s special hours',
  closed_date: 'closed today (special date)',
  holiday: 'company holiday',
};

/** "Open now (regular hours), closes Fri 17:00" in words, `format` saying an instant in the browser's zone. */
export function describeAvailability(availability: Availability, format: (instant: string) => string): string {
  const reason = REASONS[availability.reason] ?? availability.reason;
  if (availability.open)
    return `Open now (${reason})${availability.closesAt ? `, closes ${format(availability.closesAt)}` : ''}`;
  return `Closed now (${reason})${availability.opensAt ? `, opens ${format(availability.opensAt)}` : ''}`;
}
