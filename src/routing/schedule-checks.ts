import { DateTime, IANAZone } from 'luxon';
import { minutesOf, type OpenInterval, WEEKDAYS, type WeeklyHours } from './business-hours.js';

// Region/City names ("America/New_York"), "UTC" and the like: not offsets ("+05:00"), which Intl also accepts.
const ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const OPENS_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSES_PATTERN = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const MINUTES_PER_DAY = 1440;

/** A time zone of the IANA database that this runtime knows (so Luxon can use it). */
export function isKnownTimeZone(value: unknown): value is string {
  return typeof value === 'string' && ZONE_NAME_PATTERN.test(value) && IANAZone.isValidZone(value);
}

/** "YYYY-MM-DD" naming a real calendar date (not 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && DATE_PATTERN.test(value) && DateTime.fromISO(value).isValid;
}

export function isOpeningTime(value: unknown): value is string {
  return typeof value === 'string' && OPENS_PATTERN.test(value);
}

/** Like an opening time, or "24:00" for the end of the day. */
export function isClosingTime(value: unknown): value is string {
  return typeof value === 'string' && CLOSES_PATTERN.test(value);
}

function span({ opens, closes }: OpenInterval): { start: number; end: number } {
  const start = minutesOf(opens);
  const end = minutesOf(closes);
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

const label = (interval: OpenInterval): string => `${interval.opens}-${interval.closes}`;

/** Intervals of one day that overlap (an overnight interval counts until its close the next morning). */
export function overlapsWithin(hours: readonly OpenInterval[]): string[] {
  const problems: string[] = [];
  hours.forEach((first, index) => {
    const a = span(first);
    for (const second of hours.slice(index + 1)) {
      const b = span(second);
      if (a.start < b.end && b.start < a.end) problems.push(`${label(first)} overlaps ${label(second)}`);
    }
  });
  return problems;
}

/** Overlaps within each day of the week, and an overnight interval running into the next day's hours. */
export function weeklyOverlaps(weekly: WeeklyHours): string[] {
  const problems: string[] = [];
  WEEKDAYS.forEach((day, index) => {
    const hours = weekly[day] ?? [];
    problems.push(...overlapsWithin(hours).map((problem) => `${day}: ${problem}`));
    const next = WEEKDAYS[(index + 1) % WEEKDAYS.length];
    for (const overnight of hours.filter((interval) => span(interval).end > MINUTES_PER_DAY)) {
      const spill = span(overnight).end - MINUTES_PER_DAY;
      for (const morning of weekly[next] ?? []) {
        if (span(morning).start < spill)
          problems.push(`${day} ${label(overnight)} runs into ${next} ${label(morning)}`);
      }
    }
  });
  return problems;
}

/** An interval must have a length: "09:00-09:00" says nothing (use 00:00-24:00 for the whole day). */
export function isEmptyInterval(interval: OpenInterval): boolean {
  return interval.opens === interval.closes;
}
