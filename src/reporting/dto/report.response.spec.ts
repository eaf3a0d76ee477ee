import type { BucketRecord, SummaryRecord } from '../report.repository.js';
import { ReportSummaryResponse, TimeseriesBucketResponse, TimeseriesResponse } from './report.response.js';

const ZERO_OUTCOMES = { connected: 0, operator: 0, voicemail: 0, abandoned: 0, failed: 0 };
const RANGE = { from: '2026-01-15T00:00:00.000000Z', to: '2026-01-16T00:00:00.000000Z' };
const SALES = '3f0c7d1e-5b7a-4c1e-9a53-2d4b8e0f6a11';
const BILLING = '9b1e2c3d-4f5a-4b6c-8d7e-0f1a2b3c4d5e';

const summaryRecord = (): SummaryRecord => ({
  sessions: {
    total: 3,
    inProgress: 0,
    byOutcome: { ...ZERO_OUTCOMES, voicemail: 2, abandoned: 1 },
    durationAverage: 20,
    durationP95: 30,
  },
  departments: [
    {
      id: SALES,
      name: 'Sales',
      active: true,
      total: 2,
      inProgress: 0,
      byOutcome: { ...ZERO_OUTCOMES, voicemail: 2 },
      closed: 2,
    },
    { id: BILLING, name: 'Billing', active: false, total: 0, inProgress: 0, byOutcome: ZERO_OUTCOMES, closed: 1 },
  ],
  languages: [
    { language: 'en-US', total: 2, inProgress: 0, byOutcome: { ...ZERO_OUTCOMES, voicemail: 1, abandoned: 1 } },
    { language: 'es-MX', total: 1, inProgress: 0, byOutcome: { ...ZERO_OUTCOMES, voicemail: 1 } },
  ],
  attempts: {
    inputMix: { dtmf: 4, speech: 0, none: 0 },
    lowConfidenceRate: null,
    averageAttemptsToRoute: null,
    closed: 3,
  },
});

const bucketRecord = (): BucketRecord => ({
  start: new Date('2026-01-15T01:00:00Z'),
  total: 2,
  inProgress: 0,
  byOutcome: { ...ZERO_OUTCOMES, voicemail: 2 },
  closed: 2,
  closedByDepartment: { [SALES]: 2, [BILLING]: 1 },
});

describe('ReportSummaryResponse.from', () => {
  it('answers the closed calls per department and in all', () => {
    const response = ReportSummaryResponse.from(RANGE, summaryRecord());

    expect(response.closed).toBe(3);
    expect(response.byDepartment.map((department) => [department.name, department.active, department.closed])).toEqual([
      ['Sales', true, 2],
      ['Billing', false, 1],
    ]);
  });
});

describe('ReportSummaryResponse.from: languages', () => {
  it('answers the calls and outcomes per language, in the order read, sharing no object with the record', () => {
    const record = summaryRecord();
    const response = ReportSummaryResponse.from(RANGE, record);

    expect(response.byLanguage).toStrictEqual([
      { language: 'en-US', total: 2, inProgress: 0, byOutcome: { ...ZERO_OUTCOMES, voicemail: 1, abandoned: 1 } },
      { language: 'es-MX', total: 1, inProgress: 0, byOutcome: { ...ZERO_OUTCOMES, voicemail: 1 } },
    ]);
    expect(response.byLanguage[0].byOutcome).not.toBe(record.languages[0].byOutcome);
  });
});

describe('TimeseriesBucketResponse.from', () => {
  it('answers the bucket start as ISO 8601 with its outcome and closed counts', () => {
    expect(TimeseriesBucketResponse.from(bucketRecord())).toStrictEqual({
      start: '2026-01-15T01:00:00.000Z',
      total: 2,
      inProgress: 0,
      byOutcome: { ...ZERO_OUTCOMES, voicemail: 2 },
      closed: 2,
      closedByDepartment: { [SALES]: 2, [BILLING]: 1 },
    });
  });

  it('copies the counts: the response shares no object with the record', () => {
    const record = bucketRecord();
    const response = TimeseriesBucketResponse.from(record);

    expect(response.closedByDepartment).not.toBe(record.closedByDepartment);
    expect(response.byOutcome).not.toBe(record.byOutcome);
  });

  it('answers an empty object for a bucket without closed calls', () => {
    const response = TimeseriesResponse.from(RANGE, 'hour', [{ ...bucketRecord(), closed: 0, closedByDepartment: {} }]);

    expect(response.buckets[0]).toMatchObject({ closed: 0, closedByDepartment: {} });
  });
});
