import {
  isCalendarDate,
  isClosingTime,
  isKnownTimeZone,
  isOpeningTime,
  overlapsWithin,
  weeklyOverlaps,
} from './schedule-checks.js';

describe('isKnownTimeZone', () => {
  it.each(['America/New_York', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'])('accepts %s', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', '+05:00', 'UTC+5', 'New York', '', 42])('refuses %s', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('accepts a real date', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-5', '2026-01-05T00:00', '05/01/2026'])('refuses %s', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});

describe('opening and closing times', () => {
  it('accepts HH:MM from 00:00 to 23:59 as an opening', () => {
    expect(['00:00', '09:30', '23:59'].every(isOpeningTime)).toBe(true);
    expect(['24:00', '9:00', '12:60', '25:00'].some(isOpeningTime)).toBe(false);
  });

  it('accepts 24:00 only as a closing', () => {
    expect(isClosingTime('24:00')).toBe(true);
    expect(isClosingTime('24:01')).toBe(false);
  });
});

describe('overlapsWithin', () => {
  it('finds intervals of a day that overlap', () => {
    expect(
      overlapsWithin([
        { opens: '09:00', closes: '12:00' },
        { opens: '11:00', closes: '13:00' },
      ]),
    ).toEqual(['09:00-12:00 overlaps 11:00-13:00']);
  });

  it('lets intervals touch', () => {
    expect(
      overlapsWithin([
        { opens: '09:00', closes: '12:00' },
        { opens: '12:00', closes: '17:00' },
      ]),
    ).toEqual([]);
  });

  it('counts an overnight interval until its close the next morning', () => {
    expect(
      overlapsWithin([
        { opens: '22:00', closes: '06:00' },
        { opens: '20:00', closes: '23:00' },
      ]),
    ).toHaveLength(1);
    // The early morning of the same date comes before the night starts.
    expect(
      overlapsWithin([
        { opens: '22:00', closes: '06:00' },
        { opens: '01:00', closes: '03:00' },
      ]),
    ).toEqual([]);
  });
});

describe('weeklyOverlaps', () => {
  it('names the day of an overlap', () => {
    expect(
      weeklyOverlaps({
        tuesday: [
          { opens: '09:00', closes: '17:00' },
          { opens: '16:00', closes: '18:00' },
        ],
      }),
    ).toEqual(['tuesday: 09:00-17:00 overlaps 16:00-18:00']);
  });

  it("finds an overnight interval running into the next day's hours, across the week boundary too", () => {
    expect(
      weeklyOverlaps({
        sunday: [{ opens: '22:00', closes: '07:00' }],
        monday: [{ opens: '06:00', closes: '14:00' }],
      }),
    ).toEqual(['sunday 22:00-07:00 runs into monday 06:00-14:00']);
  });

  it('lets a night end where the next day starts', () => {
    expect(
      weeklyOverlaps({ monday: [{ opens: '22:00', closes: '06:00' }], tuesday: [{ opens: '06:00', closes: '14:00' }] }),
    ).toEqual([]);
  });
});
