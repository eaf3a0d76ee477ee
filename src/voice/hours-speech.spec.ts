import { menuDepartment } from '../../test/helpers/menu-fixtures.js';
import { closedAnnouncement, describeOpening, describeWeeklyHours, spokenTime } from './hours-speech.js';

const NINE_TO_FIVE = [{ opens: '09:00', closes: '17:00' }];

describe('spokenTime', () => {
  it.each([
    ['09:00', '9 AM'],
    ['17:30', '5:30 PM'],
    ['12:00', 'noon'],
    ['00:00', 'midnight'],
    ['24:00', 'midnight'],
    ['00:15', '12:15 AM'],
    ['12:05', '12:05 PM'],
  ])('says %s as "%s"', (time, spoken) => {
    expect(spokenTime(time)).toBe(spoken);
  });
});

describe('describeWeeklyHours', () => {
  it('groups consecutive days with the same hours', () => {
    expect(
      describeWeeklyHours({
        monday: NINE_TO_FIVE,
        tuesday: NINE_TO_FIVE,
        wednesday: NINE_TO_FIVE,
        thursday: NINE_TO_FIVE,
        friday: NINE_TO_FIVE,
        saturday: [{ opens: '10:00', closes: '14:00' }],
      }),
    ).toBe('Monday to Friday, 9 AM to 5 PM; Saturday, 10 AM to 2 PM');
  });

  it('does not group days across a closed day', () => {
    expect(describeWeeklyHours({ monday: NINE_TO_FIVE, wednesday: NINE_TO_FIVE })).toBe(
      'Monday, 9 AM to 5 PM; Wednesday, 9 AM to 5 PM',
    );
  });

  it('says two days with "and", several intervals with "and", and the whole day as "all day"', () => {
    expect(
      describeWeeklyHours({
        saturday: [{ opens: '00:00', closes: '24:00' }],
        sunday: [{ opens: '00:00', closes: '24:00' }],
        monday: [
          { opens: '13:00', closes: '17:00' },
          { opens: '09:00', closes: '12:00' },
        ],
      }),
    ).toBe('Monday, 9 AM to noon and 1 PM to 5 PM; Saturday and Sunday, all day');
  });

  it('returns null when no day has hours', () => {
    expect(describeWeeklyHours({ monday: [] })).toBeNull();
  });
});

describe('describeOpening', () => {
  const zone = 'America/New_York';
  // Wednesday 2026-01-14, 20:00 EST.
  const now = new Date('2026-01-15T01:00:00Z');

  it('says today, tomorrow, a weekday within the week, or the date', () => {
    expect(describeOpening(new Date('2026-01-15T02:00:00Z'), now, zone)).toBe('today at 9 PM');
    expect(describeOpening(new Date('2026-01-15T14:00:00Z'), now, zone)).toBe('tomorrow at 9 AM');
    expect(describeOpening(new Date('2026-01-19T14:30:00Z'), now, zone)).toBe('Monday at 9:30 AM');
    expect(describeOpening(new Date('2026-01-26T14:00:00Z'), now, zone)).toBe('Monday, January 26 at 9 AM');
  });
});

describe('closedAnnouncement', () => {
  const department = menuDepartment({
    afterHours: {
      hours: {
        timeZone: 'America/New_York',
        weekly: { monday: NINE_TO_FIVE, tuesday: NINE_TO_FIVE },
        overrides: [],
        followCompanyHolidays: true,
      },
      closedAction: { kind: 'voicemail' },
      hideWhenClosed: false,
    },
  });

  it('says the department is closed, its hours in its time zone and when it opens again', () => {
    const closed = {
      ...department,
      closedNow: {
        at: new Date('2026-01-13T23:00:00Z'),
        opensAt: new Date('2026-01-19T14:00:00Z'),
        reason: 'outside_regular_hours' as const,
      },
    };
    expect(closedAnnouncement(closed)).toBe(
      'Sales is closed now. Its hours are Monday and Tuesday, 9 AM to 5 PM (Eastern Time). It opens again Monday at 9 AM.',
    );
  });

  it('leaves out the opening when none is in sight', () => {
    const closed = {
      ...department,
      closedNow: { at: new Date('2026-01-13T23:00:00Z'), opensAt: null, reason: 'closed_date' as const },
    };
    expect(closedAnnouncement(closed)).toBe(
      'Sales is closed now. Its hours are Monday and Tuesday, 9 AM to 5 PM (Eastern Time).',
    );
  });
});
