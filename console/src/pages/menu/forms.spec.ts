import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import {
  createDepartmentBody,
  departmentChanges,
  departmentFormOf,
  describeAvailability,
  EMPTY_DEPARTMENT_FORM,
  parseKeywords,
  scheduleBody,
  scheduleFormOf,
  settingsChanges,
  settingsFormOf,
  withFieldNamed,
} from './forms';
import type { Availability, Department, Schedule, Settings } from './types';

const SALES: Department = {
  id: 'd1',
  name: 'Sales',
  digit: '1',
  keywords: ['sales', 'buy'],
  phoneNumber: '+15555550101',
  confidenceThreshold: null,
  active: true,
  position: 1,
  inRootMenu: true,
  version: 3,
};

describe('parseKeywords', () => {
  it.each([
    ['sales, buy', ['sales', 'buy']],
    ['sales\nbuy\n\n', ['sales', 'buy']],
    [' send back ,returns\n refund', ['send back', 'returns', 'refund']],
    ['', []],
    [' , \n', []],
  ])('reads %j as %j', (text, expected) => {
    expect(parseKeywords(text)).toEqual(expected);
  });
});

describe('createDepartmentBody', () => {
  it('sends no position when none is typed, and null for no digit and no threshold', () => {
    const sut = createDepartmentBody({
      ...EMPTY_DEPARTMENT_FORM,
      name: 'Returns',
      keywords: 'returns',
      phoneNumber: '+1',
    });
    expect(sut).toEqual({
      name: 'Returns',
      digit: null,
      keywords: ['returns'],
      phoneNumber: '+1',
      confidenceThreshold: null,
      inRootMenu: true,
      active: true,
    });
  });

  it.each([
    ['0.7', '2', 0.7, 2],
    ['abc', '1x', 'abc', '1x'],
  ])('sends threshold %j and position %j as %j and %j', (threshold, position, sentThreshold, sentPosition) => {
    const sut = createDepartmentBody({ ...EMPTY_DEPARTMENT_FORM, confidenceThreshold: threshold, position });
    expect([sut.confidenceThreshold, sut.position]).toEqual([sentThreshold, sentPosition]);
  });
});

describe('departmentChanges', () => {
  it.each<[string, Partial<ReturnType<typeof departmentFormOf>>, Record<string, unknown>]>([
    ['nothing', {}, {}],
    ['the keywords, however separated', { keywords: 'sales\nbuy' }, {}],
    ['a keyword', { keywords: 'sales, buy, purchase' }, { keywords: ['sales', 'buy', 'purchase'] }],
    ['the digit to none', { digit: '' }, { digit: null }],
    ['the threshold', { confidenceThreshold: '0.5' }, { confidenceThreshold: 0.5 }],
    ['the number and the position', { phoneNumber: '+2', position: '7' }, { phoneNumber: '+2', position: 7 }],
  ])('sends only what changed: %s', (_what, edit, expected) => {
    expect(departmentChanges(SALES, { ...departmentFormOf(SALES), ...edit })).toEqual(expected);
  });
});

describe('withFieldNamed', () => {
  it.each([
    ['DEPARTMENT.DIGIT_TAKEN', 409, 'digit'],
    ['DEPARTMENT.NAME_TAKEN', 409, 'name'],
    ['MENU.TOO_MANY_KEYWORDS', 400, 'keywords'],
    ['HOLIDAY.DATE_TAKEN', 409, 'date'],
  ])('puts %s beside the field %s names', (code, status, field) => {
    const sut = withFieldNamed(new ApiError(status, 'taken', code, [], {}));
    expect((sut as ApiError).messagesFor(field)).toEqual(['taken']);
  });

  it('leaves an error that already names its fields, and other errors, as they are', () => {
    const named = new ApiError(400, 'bad', 'REQUEST.INVALID', [{ field: 'name', messages: ['bad'] }], {});
    const other = new ApiError(412, 'stale', 'PRECONDITION.FAILED', [], {});
    const plain = new Error('offline');
    expect([withFieldNamed(named), withFieldNamed(other), withFieldNamed(plain)]).toEqual([named, other, plain]);
  });
});

describe('settingsChanges', () => {
  const settings: Settings = {
    minConfidence: 0.6,
    maxAttempts: 3,
    operatorNumber: '+15555550100',
    voice: 'Polly.Joanna',
    language: 'en-US',
    gatherTimeoutSeconds: 5,
    dialTimeoutSeconds: 20,
    greeting: 'Hello.',
    transcribeVoicemail: false,
    prompts: { noMatch: 'Sorry.', goodbye: 'Bye.' },
  };

  it.each<[string, Partial<ReturnType<typeof settingsFormOf>>, Record<string, unknown>]>([
    ['nothing', {}, {}],
    ['maxAttempts', { maxAttempts: '4' }, { maxAttempts: 4 }],
    ['no operator', { operatorNumber: ' ' }, { operatorNumber: null }],
    [
      'one prompt',
      { prompts: { noMatch: 'Not an option.', goodbye: 'Bye.' } },
      { prompts: { noMatch: 'Not an option.' } },
    ],
    ['a number not typed as one', { dialTimeoutSeconds: 'x' }, { dialTimeoutSeconds: 'x' }],
  ])('sends only what changed: %s', (_what, edit, expected) => {
    expect(settingsChanges(settings, { ...settingsFormOf(settings), ...edit })).toEqual(expected);
  });
});

describe('schedule form', () => {
  const schedule: Schedule = {
    timeZone: 'America/New_York',
    weekly: { monday: [{ opens: '09:00', closes: '17:00' }] },
    overrides: [
      { date: '2026-12-24', name: 'Christmas Eve', hours: [{ opens: '09:00', closes: '12:00' }] },
      { date: '2026-12-31', hours: [] },
    ],
    followCompanyHolidays: false,
    closedAction: 'forward',
    forwardTo: '+15555550199',
    hideWhenClosed: true,
    version: 2,
  };

  it('reads a schedule and writes back the same body', () => {
    const sut = scheduleBody(scheduleFormOf(schedule, 'Europe/Paris'));
    expect(sut).toEqual({
      timeZone: 'America/New_York',
      weekly: { monday: [{ opens: '09:00', closes: '17:00' }] },
      overrides: [
        { date: '2026-12-24', name: 'Christmas Eve', hours: [{ opens: '09:00', closes: '12:00' }] },
        { date: '2026-12-31', hours: [] },
      ],
      followCompanyHolidays: false,
      closedAction: 'forward',
      forwardTo: '+15555550199',
      hideWhenClosed: true,
    });
  });

  it.each<[string, Partial<ReturnType<typeof scheduleFormOf>>, string, unknown]>([
    ['no forwardTo without forward', { closedAction: 'voicemail' }, 'forwardTo', undefined],
    [
      'no hours for a closed override',
      { overrides: [{ date: '2026-12-31', name: '', closed: true, hours: [{ opens: '09:00', closes: '12:00' }] }] },
      'overrides',
      [{ date: '2026-12-31', hours: [] }],
    ],
  ])('sends %s', (_what, edit, field, expected) => {
    const form = { ...scheduleFormOf(null, 'Europe/Paris'), forwardTo: '+1', ...edit };
    expect(scheduleBody(form)[field]).toEqual(expected);
  });

  it('starts a department without a schedule always closed in the grid, in the browser zone, with the defaults', () => {
    const sut = scheduleFormOf(null, 'Europe/Paris');
    expect(sut).toMatchObject({ timeZone: 'Europe/Paris', followCompanyHolidays: true, closedAction: 'voicemail' });
    expect(Object.values(sut.weekly).every((day) => day.length === 0)).toBe(true);
  });
});

describe('describeAvailability', () => {
  const base: Availability = {
    departmentId: 'd1',
    at: '2026-01-05T10:00:00-05:00',
    timeZone: 'America/New_York',
    open: true,
    opensAt: null,
    closesAt: '2026-01-05T17:00:00-05:00',
    reason: 'regular_hours',
  };
  it.each<[Partial<Availability>, string]>([
    [{}, 'Open now (regular hours), closes <2026-01-05T17:00:00-05:00>'],
    [{ reason: 'always_open', closesAt: null, timeZone: null }, 'Open now (no business hours set)'],
    [
      { open: false, reason: 'holiday', closesAt: null, opensAt: '2026-01-06T09:00:00-05:00' },
      'Closed now (company holiday), opens <2026-01-06T09:00:00-05:00>',
    ],
  ])('says %j as %j', (change, expected) => {
    expect(describeAvailability({ ...base, ...change }, (instant) => `<${instant}>`)).toBe(expected);
  });
});
