import { DateTime, IANAZone } from 'luxon';

/**
 * Opening hours in a department's own IANA time zone, evaluated on the local calendar and wall
 * clock (Luxon turns local times into instants, so daylight-saving changes are handled by the
 * time-zone database, never by a fixed offset).
 *
 * Rules, most specific first: a department's dated override (closed all day, or special hours),
 * then a company holiday (unless the department opts out), then the weekly hours. An interval
 * belongs to the day it starts on: 22:00-06:00 on Monday runs until Tuesday 06:00 whatever
 * Tuesday's rule is.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** "HH:MM" local times; a close at or before the opening runs past midnight, and "24:00" is the end of the day. */
export interface OpenInterval {
  readonly opens: string;
  readonly closes: string;
}

export type WeeklyHours = { readonly [day in Weekday]?: readonly OpenInterval[] };

/** A date ("YYYY-MM-DD") with hours of its own; no hours means closed all day. */
export interface DateOverride {
  readonly date: string;
  readonly name?: string | null;
  readonly hours: readonly OpenInterval[];
}

export interface Holiday {
  readonly date: string;
  readonly name: string;
}

export interface BusinessHours {
  readonly timeZone: string;
  readonly weekly: WeeklyHours;
  readonly overrides: readonly DateOverride[];
  readonly followCompanyHolidays: boolean;
}

export const AVAILABILITY_REASONS = [
  'always_open',
  'regular_hours',
  'special_hours',
  'outside_regular_hours',
  'outside_special_hours',
  'closed_date',
  'holiday',
] as const;
/** What decided: no schedule, the weekly or special hours (inside or outside them), a closed date, a company holiday. */
export type AvailabilityReason = (typeof AVAILABILITY_REASONS)[number];

export interface Availability {
  readonly open: boolean;
  /** When closed: the next opening (null when none within a year). Null when open. */
  readonly opensAt: Date | null;
  /** When open: when it next closes (null when not within a year). Null when closed. */
  readonly closesAt: Date | null;
  readonly reason: AvailabilityReason;
}

const MINUTES_PER_DAY = 1440;
const MS_PER_DAY = 86_400_000;
/** How far ahead opensAt/closesAt are looked for. */
const HORIZON_DAYS = 366;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight of "HH:MM" ("24:00" is 1440); NaN when malformed. */
export function minutesOf(time: string): number {
  const match = TIME_PATTERN.exec(time);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= MINUTES_PER_DAY ? minutes : Number.NaN;
}

/** Days since 1970-01-01 of a calendar date (zone-free: a date is the same everywhere). */
function dayNumberOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function dateOf(dayNumber: number): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function weekdayOf(dayNumber: number): Weekday {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((dayNumber + 3) % 7) + 7) % 7];
}

/** An interval on the local timeline: minutes since 1970-01-01 00:00 local wall-clock time. */
interface LocalInterval {
  readonly start: number;
  readonly end: number;
}

interface DayRule {
  readonly kind: 'regular' | 'special' | 'closed_date' | 'holiday';
  readonly hours: readonly OpenInterval[];
}

function toLocalIntervals(dayNumber: number, hours: readonly OpenInterval[]): LocalInterval[] {
  const base = dayNumber * MINUTES_PER_DAY;
  return hours
    .map(({ opens, closes }) => {
      const start = minutesOf(opens);
      const end = minutesOf(closes);
      return { start: base + start, end: base + (end > start ? end : end + MINUTES_PER_DAY) };
    })
    .filter((interval) => Number.isFinite(interval.start) && Number.isFinite(interval.end))
    .sort((a, b) => a.start - b.start);
}

/** The schedule, indexed once per evaluation. */
class Calendar {
  private readonly overrides: ReadonlyMap<number, DateOverride>;
  private readonly holidays: ReadonlySet<number>;

  constructor(
    private readonly hours: BusinessHours,
    holidays: readonly Holiday[],
  ) {
    this.overrides = new Map(hours.overrides.map((override) => [dayNumberOf(override.date), override]));
    this.holidays = new Set(hours.followCompanyHolidays ? holidays.map((holiday) => dayNumberOf(holiday.date)) : []);
  }

  ruleOf(dayNumber: number): DayRule {
    const override = this.overrides.get(dayNumber);
    if (override) return { kind: override.hours.length > 0 ? 'special' : 'closed_date', hours: override.hours };
    if (this.holidays.has(dayNumber)) return { kind: 'holiday', hours: [] };
    return { kind: 'regular', hours: this.hours.weekly[weekdayOf(dayNumber)] ?? [] };
  }

  intervalsOf(dayNumber: number): LocalInterval[] {
    return toLocalIntervals(dayNumber, this.ruleOf(dayNumber).hours);
  }

  /** Whether any day could ever open (so a search for the next opening can stop at once). */
  everOpens(fromDay: number): boolean {
    if (WEEKDAYS.some((day) => (this.hours.weekly[day] ?? []).length > 0)) return true;
    return [...this.overrides].some(([day, override]) => day >= fromDay && override.hours.length > 0);
  }
}

function localMinuteOf(at: Date, timeZone: string): number {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const dayNumber = Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
  return dayNumber * MINUTES_PER_DAY + local.hour * 60 + local.minute;
}

/** The instant a local wall-clock minute names (a time skipped by a DST change moves forward, as Luxon does). */
function instantOf(localMinute: number, timeZone: string): Date {
  const dayNumber = Math.floor(localMinute / MINUTES_PER_DAY);
  const minute = localMinute - dayNumber * MINUTES_PER_DAY;
  const { year, month, day } = dateOf(dayNumber);
  return DateTime.fromObject(
    { year, month, day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone: timeZone },
  ).toJSDate();
}

function nextOpening(calendar: Calendar, now: number): number | null {
  const today = Math.floor(now / MINUTES_PER_DAY);
  if (!calendar.everOpens(today)) return null;
  for (let day = today; day <= today + HORIZON_DAYS; day++) {
    const next = calendar.intervalsOf(day).find((interval) => interval.start > now);
    if (next) return next.start;
  }
  return null;
}

/** The end of the open stretch that contains `end`'s interval, following intervals that touch or overlap it. */
function closingAfter(calendar: Calendar, end: number): number | null {
  const limit = end + HORIZON_DAYS * MINUTES_PER_DAY;
  let closing = end;
  for (;;) {
    const day = Math.floor(closing / MINUTES_PER_DAY);
    const later = [...calendar.intervalsOf(day - 1), ...calendar.intervalsOf(day)].filter(
      (interval) => interval.start <= closing && interval.end > closing,
    );
    if (later.length === 0) return closing;
    closing = Math.max(...later.map((interval) => interval.end));
    if (closing > limit) return null;
  }
}

const OPEN_REASON = { regular: 'regular_hours', special: 'special_hours' } as const;
const CLOSED_REASON = {
  regular: 'outside_regular_hours',
  special: 'outside_special_hours',
  closed_date: 'closed_date',
  holiday: 'holiday',
} as const;

/**
 * Whether a department with these hours is open at `at`, when that changes next, and why.
 * No hours (no schedule) means always open, and so does a zone this runtime does not know (only
 * possible when the table was edited by hand): a phone menu that fails open rings a desk rather
 * than turning every caller away. `holidays` are the company's; ignored when the department opts out.
 */
export function availabilityAt(hours: BusinessHours | null, holidays: readonly Holiday[], at: Date): Availability {
  if (!hours || !IANAZone.isValidZone(hours.timeZone)) {
    return { open: true, opensAt: null, closesAt: null, reason: 'always_open' };
  }
  const calendar = new Calendar(hours, holidays);
  const now = localMinuteOf(at, hours.timeZone);
  const today = Math.floor(now / MINUTES_PER_DAY);
  for (const day of [today - 1, today]) {
    const current = calendar.intervalsOf(day).find((interval) => interval.start <= now && now < interval.end);
    if (!current) continue;
    const kind = calendar.ruleOf(day).kind;
    const closing = closingAfter(calendar, current.end);
    return {
      open: true,
      opensAt: null,
      closesAt: closing === null ? null : instantOf(closing, hours.timeZone),
      reason: kind === 'special' ? OPEN_REASON.special : OPEN_REASON.regular,
    };
  }
  const opening = nextOpening(calendar, now);
  return {
    open: false,
    opensAt: opening === null ? null : instantOf(opening, hours.timeZone),
    closesAt: null,
    reason: CLOSED_REASON[calendar.ruleOf(today).kind],
  };
}
