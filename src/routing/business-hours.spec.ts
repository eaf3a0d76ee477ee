import { availabilityAt, type BusinessHours, type Holiday, type OpenInterval, WEEKDAYS } from './business-hours.js';

const NINE_TO_FIVE: OpenInterval[] = [{ opens: '09:00', closes: '17:00' }];
const WEEKDAYS_NINE_TO_FIVE = {
  monday: NINE_TO_FIVE,
  tuesday: NINE_TO_FIVE,
  wednesday: NINE_TO_FIVE,
  thursday: NINE_TO_FIVE,
  friday: NINE_TO_FIVE,
};
const EVERY_DAY = (hours: OpenInterval[]) => Object.fromEntries(WEEKDAYS.map((day) => [day, hours]));

function hours(overrides: Partial<BusinessHours> = {}): BusinessHours {
  return {
    timeZone: 'America/New_York',
    weekly: WEEKDAYS_NINE_TO_FIVE,
    overrides: [],
    followCompanyHolidays: true,
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const instant = (iso: string) => new Date(iso);

describe('availabilityAt', () => {
  describe('without a schedule', () => {
    it('is always open', () => {
      expect(availabilityAt(null, [], at('2026-12-25T03:00:00Z'))).toEqual({
        open: true,
        opensAt: null,
        closesAt: null,
        reason: 'always_open',
      });
    });
  });

  it('fails open for a time zone the runtime does not know', () => {
    expect(availabilityAt(hours({ timeZone: 'Nowhere/Land' }), [], at('2026-01-14T03:00:00Z'))).toMatchObject({
      open: true,
      reason: 'always_open',
    });
  });

  describe('weekly hours', () => {
    const sut = hours();

    it('is open inside the hours and says when it closes', () => {
      // Wednesday 2026-01-14, 12:00 EST.
      expect(availabilityAt(sut, [], at('2026-01-14T17:00:00Z'))).toEqual({
        open: true,
        opensAt: null,
        closesAt: instant('2026-01-14T22:00:00Z'),
        reason: 'regular_hours',
      });
    });

    it('is closed a minute before opening and says when it opens', () => {
      expect(availabilityAt(sut, [], at('2026-01-14T13:59:00Z'))).toEqual({
        open: false,
        opensAt: instant('2026-01-14T14:00:00Z'),
        closesAt: null,
        reason: 'outside_regular_hours',
      });
    });

    it('opens exactly at the opening time', () => {
      expect(availabilityAt(sut, [], at('2026-01-14T14:00:00Z')).open).toBe(true);
    });

    it('is closed exactly at the closing time', () => {
      expect(availabilityAt(sut, [], at('2026-01-14T22:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-01-15T14:00:00Z'),
      });
    });

    it('opens again on Monday after a Friday evening', () => {
      // Friday 2026-01-16, 18:00 EST.
      expect(availabilityAt(sut, [], at('2026-01-16T23:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-01-19T14:00:00Z'),
      });
    });

    it('keeps going through several intervals of a day', () => {
      const split = hours({
        weekly: {
          monday: [
            { opens: '13:00', closes: '17:00' },
            { opens: '09:00', closes: '12:00' },
          ],
        },
      });
      // Monday 2026-01-12, 12:30 EST: the lunch break.
      expect(availabilityAt(split, [], at('2026-01-12T17:30:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-01-12T18:00:00Z'),
      });
      expect(availabilityAt(split, [], at('2026-01-12T15:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-01-12T17:00:00Z'),
      });
    });

    it('never opens when no day has hours', () => {
      expect(availabilityAt(hours({ weekly: {} }), [], at('2026-01-14T17:00:00Z'))).toEqual({
        open: false,
        opensAt: null,
        closesAt: null,
        reason: 'outside_regular_hours',
      });
    });

    it('has no closing time in sight when open around the clock', () => {
      const always = hours({ weekly: EVERY_DAY([{ opens: '00:00', closes: '24:00' }]) });
      expect(availabilityAt(always, [], at('2026-01-14T17:00:00Z'))).toEqual({
        open: true,
        opensAt: null,
        closesAt: null,
        reason: 'regular_hours',
      });
    });
  });

  describe('overnight intervals', () => {
    const nights = hours({ weekly: { monday: [{ opens: '22:00', closes: '06:00' }] } });

    it('stays open across midnight until the close the next morning', () => {
      // Tuesday 2026-01-13, 03:00 EST: Monday's night.
      expect(availabilityAt(nights, [], at('2026-01-13T08:00:00Z'))).toEqual({
        open: true,
        opensAt: null,
        closesAt: instant('2026-01-13T11:00:00Z'),
        reason: 'regular_hours',
      });
    });

    it('is closed on the morning before the night starts', () => {
      // Monday 2026-01-12, 03:00 EST: Sunday has no night.
      expect(availabilityAt(nights, [], at('2026-01-12T08:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-01-13T03:00:00Z'),
      });
    });

    it('crosses the week boundary from Sunday night into Monday', () => {
      const sundayNights = hours({ weekly: { sunday: [{ opens: '22:00', closes: '06:00' }] } });
      // Monday 2026-01-12, 02:00 EST.
      expect(availabilityAt(sundayNights, [], at('2026-01-12T07:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-01-12T11:00:00Z'),
      });
      // Sunday 2026-01-11, 21:00 EST.
      expect(availabilityAt(sundayNights, [], at('2026-01-12T02:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-01-12T03:00:00Z'),
      });
    });

    it('runs on into the next day when its hours start at the close', () => {
      const chained = hours({
        weekly: { monday: [{ opens: '22:00', closes: '06:00' }], tuesday: [{ opens: '06:00', closes: '14:00' }] },
      });
      // Monday 2026-01-12, 23:00 EST.
      expect(availabilityAt(chained, [], at('2026-01-13T04:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-01-13T19:00:00Z'),
      });
    });

    it('belongs to the day it starts: a holiday the next day does not cut it short', () => {
      // Tuesday 2026-01-13 is a holiday; Monday's night still runs until 06:00.
      expect(
        availabilityAt(nights, [{ date: '2026-01-13', name: 'Closed' }], at('2026-01-13T08:00:00Z')),
      ).toMatchObject({ open: true, closesAt: instant('2026-01-13T11:00:00Z') });
    });
  });

  describe('daylight saving in America/New_York', () => {
    const daily = hours({ weekly: EVERY_DAY(NINE_TO_FIVE) });

    it('opens at 09:00 EDT (13:00 UTC) on the spring-forward Sunday', () => {
      // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT.
      expect(availabilityAt(daily, [], at('2026-03-08T12:59:00Z')).open).toBe(false);
      expect(availabilityAt(daily, [], at('2026-03-08T13:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-03-08T21:00:00Z'),
      });
    });

    it('opens 23 hours after the Saturday close across the spring-forward night', () => {
      // Saturday 2026-03-07, 17:00 EST = 22:00 UTC.
      expect(availabilityAt(daily, [], at('2026-03-07T22:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-03-08T13:00:00Z'),
      });
    });

    it('opens at 09:00 EST (14:00 UTC) on the fall-back Sunday', () => {
      // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST.
      expect(availabilityAt(daily, [], at('2026-10-31T22:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-11-01T14:00:00Z'),
      });
      expect(availabilityAt(daily, [], at('2026-11-01T13:30:00Z')).open).toBe(false);
      expect(availabilityAt(daily, [], at('2026-11-01T14:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-11-01T22:00:00Z'),
      });
    });
  });

  describe('daylight saving in Europe/Berlin', () => {
    const nights = hours({ timeZone: 'Europe/Berlin', weekly: EVERY_DAY([{ opens: '22:00', closes: '06:00' }]) });
    const days = hours({ timeZone: 'Europe/Berlin', weekly: EVERY_DAY(NINE_TO_FIVE) });

    it('closes a night at 06:00 CEST when it started at 22:00 CET (spring forward)', () => {
      // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST.
      expect(availabilityAt(nights, [], at('2026-03-28T21:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-03-29T04:00:00Z'),
      });
      expect(availabilityAt(nights, [], at('2026-03-29T03:59:00Z')).open).toBe(true);
      expect(availabilityAt(nights, [], at('2026-03-29T04:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-03-29T20:00:00Z'),
      });
    });

    it('keeps a night open until 06:00 CET when it started at 22:00 CEST (fall back)', () => {
      // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET.
      expect(availabilityAt(nights, [], at('2026-10-24T20:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-10-25T05:00:00Z'),
      });
      expect(availabilityAt(nights, [], at('2026-10-25T04:30:00Z')).open).toBe(true);
      expect(availabilityAt(nights, [], at('2026-10-25T05:00:00Z')).open).toBe(false);
    });

    it('opens the day shift at 09:00 local on both change days', () => {
      expect(availabilityAt(days, [], at('2026-03-29T06:59:00Z')).open).toBe(false);
      expect(availabilityAt(days, [], at('2026-03-29T07:00:00Z')).open).toBe(true);
      expect(availabilityAt(days, [], at('2026-10-25T07:59:00Z')).open).toBe(false);
      expect(availabilityAt(days, [], at('2026-10-25T08:00:00Z')).open).toBe(true);
    });
  });

  describe('holidays', () => {
    const christmas: Holiday[] = [{ date: '2026-12-25', name: 'Christmas Day' }];

    it('closes a weekday that is a company holiday, and opens on the next working day', () => {
      // Friday 2026-12-25, 10:00 EST.
      expect(availabilityAt(hours(), christmas, at('2026-12-25T15:00:00Z'))).toEqual({
        open: false,
        opensAt: instant('2026-12-28T14:00:00Z'),
        closesAt: null,
        reason: 'holiday',
      });
    });

    it('ignores company holidays when the department opts out', () => {
      expect(
        availabilityAt(hours({ followCompanyHolidays: false }), christmas, at('2026-12-25T15:00:00Z')),
      ).toMatchObject({ open: true, reason: 'regular_hours' });
    });

    it('says a round-the-clock department closes at midnight before the holiday', () => {
      const always = hours({ weekly: EVERY_DAY([{ opens: '00:00', closes: '24:00' }]) });
      expect(availabilityAt(always, christmas, at('2026-12-20T15:00:00Z'))).toMatchObject({
        open: true,
        closesAt: instant('2026-12-25T05:00:00Z'),
      });
      expect(availabilityAt(always, christmas, at('2026-12-25T15:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-12-26T05:00:00Z'),
        reason: 'holiday',
      });
    });

    it("takes the holiday's date in the department's own time zone", () => {
      // 2026-12-25T02:00Z is still Christmas Eve evening in New York (21:00 EST)...
      const evenings = hours({ weekly: EVERY_DAY([{ opens: '18:00', closes: '23:00' }]) });
      expect(availabilityAt(evenings, christmas, at('2026-12-25T02:00:00Z')).open).toBe(true);
      // ...and Christmas evening a day later.
      expect(availabilityAt(evenings, christmas, at('2026-12-26T02:00:00Z')).reason).toBe('holiday');
    });
  });

  describe('dated overrides', () => {
    it('closes a date closed all day', () => {
      const closed = hours({ overrides: [{ date: '2026-07-03', name: 'Staff day', hours: [] }] });
      expect(availabilityAt(closed, [], at('2026-07-03T15:00:00Z'))).toEqual({
        open: false,
        opensAt: instant('2026-07-06T13:00:00Z'),
        closesAt: null,
        reason: 'closed_date',
      });
    });

    it('uses special hours on a date instead of the weekly hours', () => {
      const christmasEve = hours({
        overrides: [{ date: '2026-12-24', hours: [{ opens: '09:00', closes: '13:00' }] }],
      });
      // Thursday 2026-12-24, 12:30 EST.
      expect(availabilityAt(christmasEve, [], at('2026-12-24T17:30:00Z'))).toEqual({
        open: true,
        opensAt: null,
        closesAt: instant('2026-12-24T18:00:00Z'),
        reason: 'special_hours',
      });
      // 14:00 EST, when a normal Thursday would still be open.
      expect(availabilityAt(christmasEve, [], at('2026-12-24T19:00:00Z'))).toEqual({
        open: false,
        opensAt: instant('2026-12-25T14:00:00Z'),
        closesAt: null,
        reason: 'outside_special_hours',
      });
    });

    it('opens on a weekend date that has special hours', () => {
      const saturday = hours({ overrides: [{ date: '2026-01-17', hours: [{ opens: '10:00', closes: '14:00' }] }] });
      // Friday 2026-01-16, 18:00 EST: the next opening is the special Saturday.
      expect(availabilityAt(saturday, [], at('2026-01-16T23:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-01-17T15:00:00Z'),
      });
    });

    it("lets a department's own special hours win over a company holiday", () => {
      const open = hours({ overrides: [{ date: '2026-12-25', hours: [{ opens: '10:00', closes: '14:00' }] }] });
      expect(
        availabilityAt(open, [{ date: '2026-12-25', name: 'Christmas Day' }], at('2026-12-25T16:00:00Z')),
      ).toMatchObject({ open: true, reason: 'special_hours' });
    });

    it('finds the next opening in special hours even when no weekly day has hours', () => {
      const only = hours({ weekly: {}, overrides: [{ date: '2026-02-01', hours: NINE_TO_FIVE }] });
      expect(availabilityAt(only, [], at('2026-01-14T17:00:00Z'))).toMatchObject({
        open: false,
        opensAt: instant('2026-02-01T14:00:00Z'),
      });
    });
  });
});
