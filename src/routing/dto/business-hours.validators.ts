import { type ValidationArguments, ValidateBy } from 'class-validator';
import type { OpenInterval } from '../business-hours.js';
import {
  isCalendarDate,
  isClosingTime,
  isKnownTimeZone,
  isOpeningTime,
  overlapsWithin,
  weeklyOverlaps,
} from '../schedule-checks.js';
import { DIALLABLE_PATTERN } from './validators.js';

const isInterval = (value: unknown): value is OpenInterval =>
  typeof value === 'object' &&
  value !== null &&
  isOpeningTime((value as OpenInterval).opens) &&
  isClosingTime((value as OpenInterval).closes);

/** Well-formed intervals only: malformed ones are reported by their own fields' validators. */
const isIntervalList = (value: unknown): value is OpenInterval[] => Array.isArray(value) && value.every(isInterval);

export const IsKnownTimeZone = (): PropertyDecorator =>
  ValidateBy({
    name: 'isKnownTimeZone',
    validator: {
      validate: isKnownTimeZone,
      defaultMessage: () => 'timeZone must be an IANA time zone such as America/New_York',
    },
  });

export const IsCalendarDate = (property: string): PropertyDecorator =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: isCalendarDate,
      defaultMessage: () => `${property} must be a calendar date YYYY-MM-DD`,
    },
  });

export const IsOpeningTime = (): PropertyDecorator =>
  ValidateBy({
    name: 'isOpeningTime',
    validator: { validate: isOpeningTime, defaultMessage: () => 'opens must be a time HH:MM from 00:00 to 23:59' },
  });

/** A closing time that differs from the opening (an interval needs a length; the whole day is 00:00-24:00). */
export const IsClosingTime = (): PropertyDecorator =>
  ValidateBy({
    name: 'isClosingTime',
    validator: {
      validate: (value: unknown, args: ValidationArguments) =>
        isClosingTime(value) && value !== (args.object as Partial<OpenInterval>).opens,
      defaultMessage: (args: ValidationArguments) =>
        isClosingTime(args.value)
          ? 'closes must differ from opens (00:00-24:00 is the whole day)'
          : 'closes must be a time HH:MM from 00:00 to 24:00 (at or before opens: the next day)',
    },
  });

/** No two intervals of one day overlap. */
export const HasNoOverlaps = (property: string): PropertyDecorator =>
  ValidateBy({
    name: 'hasNoOverlaps',
    validator: {
      validate: (value: unknown) => !isIntervalList(value) || overlapsWithin(value).length === 0,
      defaultMessage: (args: ValidationArguments) =>
        `${property} must not overlap: ${isIntervalList(args.value) ? overlapsWithin(args.value).join(', ') : ''}`,
    },
  });

function weeklyProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const days = Object.values(value as Record<string, unknown>);
  return days.every((day) => day === undefined || isIntervalList(day)) ? weeklyOverlaps(value) : [];
}

/** No overlaps within a day, nor between an overnight interval and the next day's hours. */
export const HasNoWeeklyOverlaps = (): PropertyDecorator =>
  ValidateBy({
    name: 'hasNoWeeklyOverlaps',
    validator: {
      validate: (value: unknown) => weeklyProblems(value).length === 0,
      defaultMessage: (args: ValidationArguments) =>
        `weekly intervals must not overlap: ${weeklyProblems(args.value).join(', ')}`,
    },
  });

/** Required with closedAction `forward` (a number to dial), refused with the other actions. */
export const IsForwardTarget = (): PropertyDecorator =>
  ValidateBy({
    name: 'isForwardTarget',
    validator: {
      validate: (value: unknown, args: ValidationArguments) => {
        const forward = (args.object as { closedAction?: unknown }).closedAction === 'forward';
        if (value === undefined || value === null) return !forward;
        return forward && typeof value === 'string' && DIALLABLE_PATTERN.test(value);
      },
      defaultMessage: (args: ValidationArguments) => {
        const forward = (args.object as { closedAction?: unknown }).closedAction === 'forward';
        if (args.value === undefined || args.value === null)
          return 'forwardTo is required when closedAction is forward';
        if (!forward) return 'forwardTo is only used when closedAction is forward';
        return 'forwardTo must be an E.164 number like +15551234567 or a sip: URI';
      },
    },
  });
