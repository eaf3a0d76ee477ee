import { DateTime } from 'luxon';
import { minutesOf, type OpenInterval, WEEKDAYS, type Weekday, type WeeklyHours } from '../routing/business-hours.js';
import { type CallerPrompts, DEFAULT_PROMPTS, fillPrompt } from '../routing/caller-prompts.js';
import type { MenuDepartment } from '../routing/routing-rules.js';

/** How opening hours are said to a caller: the day and time words in English, the sentences from the prompts. */

const DAY_NAMES: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};
const MINUTES_PER_DAY = 1440;
const NOON = 720;
const DAYS_NAMED_BY_WEEKDAY = 7;

/** "9 AM", "5:30 PM", "noon", "midnight". */
export function spokenTime(time: string): string {
  const minutes = minutesOf(time) % MINUTES_PER_DAY;
  if (minutes === 0) return 'midnight';
  if (minutes === NOON) return 'noon';
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`}`;
  return `${clock} ${hour < 12 ? 'AM' : 'PM'}`;
}

function spokenIntervals(hours: readonly OpenInterval[]): string {
  return [...hours]
    .sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens))
    .map((interval) =>
      interval.opens === '00:00' && interval.closes === '24:00'
        ? 'all day'
        : `${spokenTime(interval.opens)} to ${spokenTime(interval.closes)}`,
    )
    .join(' and ');
}

function spokenDays(days: readonly Weekday[]): string {
  const first = DAY_NAMES[days[0]];
  const last = DAY_NAMES[days[days.length - 1]];
  if (days.length === 1) return first;
  return days.length === 2 ? `${first} and ${last}` : `${first} to ${last}`;
}

/** "Monday to Friday, 9 AM to 5 PM; Saturday, 10 AM to 2 PM": consecutive days with the same hours said once. */
export function describeWeeklyHours(weekly: WeeklyHours): string | null {
  const groups: { days: Weekday[]; hours: string }[] = [];
  let previous: Weekday | null = null;
  for (const day of WEEKDAYS) {
    const hours = weekly[day] ?? [];
    if (hours.length === 0) {
      previous = null;
      continue;
    }
    const spoken = spokenIntervals(hours);
    const last = groups[groups.length - 1];
    if (previous !== null && last?.hours === spoken) last.days.push(day);
    else groups.push({ days: [day], hours: spoken });
    previous = day;
  }
  if (groups.length === 0) return null;
  return groups.map((group) => `${spokenDays(group.days)}, ${group.hours}`).join('; ');
}

/** "today at 9 AM", "tomorrow at 9 AM", "Monday at 9 AM", or "Monday, January 4 at 9 AM", in the department's zone. */
export function describeOpening(opensAt: Date, at: Date, timeZone: string): string {
  const opening = DateTime.fromJSDate(opensAt, { zone: timeZone }).setLocale('en-US');
  const now = DateTime.fromJSDate(at, { zone: timeZone });
  const days = Math.round(opening.startOf('day').diff(now.startOf('day'), 'days').days);
  const time = spokenTime(opening.toFormat('HH:mm'));
  if (days <= 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  if (days < DAYS_NAMED_BY_WEEKDAY) return `${opening.toFormat('cccc')} at ${time}`;
  return `${opening.toFormat('cccc, LLLL d')} at ${time}`;
}

/** "Eastern Time", "Central European Time": the zone's generic name, or its IANA name when there is none. */
export function zoneName(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Sales is closed now. Its hours are Monday to Friday, 9 AM to 5 PM (Eastern Time). It opens again tomorrow at 9 AM." */
export function closedAnnouncement(department: MenuDepartment, prompts: CallerPrompts = DEFAULT_PROMPTS): string {
  const lines = [fillPrompt(prompts, 'departmentClosed', { department: department.name })];
  const hours = department.afterHours?.hours;
  const closed = department.closedNow;
  if (hours && closed) {
    const weekly = describeWeeklyHours(hours.weekly);
    if (weekly)
      lines.push(
        fillPrompt(prompts, 'departmentHours', { hours: weekly, timeZone: zoneName(hours.timeZone, closed.at) }),
      );
    if (closed.opensAt)
      lines.push(
        fillPrompt(prompts, 'departmentOpensAgain', {
          opening: describeOpening(closed.opensAt, closed.at, hours.timeZone),
        }),
      );
  }
  return lines.join(' ');
}
