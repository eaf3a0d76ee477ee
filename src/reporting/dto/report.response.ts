import { ApiProperty } from '@nestjs/swagger';
import type { InputKind } from '../../call-sessions/call-attempt.entity.js';
import type { CallOutcome } from '../../call-sessions/call-session.entity.js';
import type { ReportInterval, TimeRange } from '../report-range.js';
import type {
  BucketRecord,
  DepartmentTotals,
  HourCell,
  LanguageTotals,
  OutcomeTotals,
  SummaryRecord,
} from '../report.repository.js';

export class OutcomeCountsResponse implements Record<CallOutcome, number> {
  @ApiProperty() connected: number;
  @ApiProperty() operator: number;
  @ApiProperty() voicemail: number;
  @ApiProperty() abandoned: number;
  @ApiProperty() failed: number;
}

export class InputMixResponse implements Record<InputKind, number> {
  @ApiProperty() dtmf: number;
  @ApiProperty() speech: number;
  @ApiProperty({ description: 'No input (silence)' }) none: number;
}

export class DurationResponse {
  @ApiProperty({ nullable: true, type: Number }) average: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95th percentile, interpolated' }) p95: number | null;
}

/** total = the byOutcome counts + inProgress. */
class OutcomeTotalsResponse {
  @ApiProperty({ description: 'Calls that started in the range' }) total: number;
  @ApiProperty({ description: 'Calls without an outcome yet' }) inProgress: number;
  @ApiProperty({ type: OutcomeCountsResponse }) byOutcome: OutcomeCountsResponse;
}

/** Calls, not answers: counted by the time of the answer decided `closed` (see ReportRepository). */
const closedDescription = (where: string, which: string): string =>
  `Calls that chose ${which} while it was closed (a menu answer decided \`closed\`) ${where}, by the time of ` +
  'that answer; a call counts once however often it met it';

const outcomeTotals = (totals: OutcomeTotals): OutcomeTotalsResponse => ({
  total: totals.total,
  inProgress: totals.inProgress,
  byOutcome: { ...totals.byOutcome },
});

export class DepartmentSummaryResponse extends OutcomeTotalsResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: closedDescription('in the range', 'this department') }) closed: number;

  static from(department: DepartmentTotals): DepartmentSummaryResponse {
    return {
      id: department.id,
      name: department.name,
      active: department.active,
      ...outcomeTotals(department),
      closed: department.closed,
    };
  }
}

export class LanguageSummaryResponse extends OutcomeTotalsResponse {
  @ApiProperty({ description: 'BCP 47 code', example: 'es-MX' }) language: string;

  static from(language: LanguageTotals): LanguageSummaryResponse {
    return { language: language.language, ...outcomeTotals(language) };
  }
}

export class ReportSummaryResponse extends OutcomeTotalsResponse {
  @ApiProperty({ description: 'Canonical UTC, inclusive' }) from: string;
  @ApiProperty({ description: 'Canonical UTC, exclusive' }) to: string;
  @ApiProperty({
    type: [DepartmentSummaryResponse],
    description:
      'Calls the menu sent to each department, and the calls that met it closed: every active department, ' +
      'and inactive ones with either in the range',
  })
  byDepartment: DepartmentSummaryResponse[];
  @ApiProperty({
    type: [LanguageSummaryResponse],
    description:
      'Calls by the language the caller heard, busiest first: every language offered now, and others with calls in ' +
      "the range. Calls without one (from before languages, or ended before the caller chose) count in the settings' language",
  })
  byLanguage: LanguageSummaryResponse[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Menu answers a call routed to a department took, the routing one included (the choice of language is none)',
  })
  averageAttemptsToRoute: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Speech menu answers that failed for low confidence, as a share of speech menu answers',
  })
  lowConfidenceRate: number | null;
  @ApiProperty({ type: InputMixResponse, description: 'Menu answers by input (the choice of language is none)' })
  inputMix: InputMixResponse;
  @ApiProperty({ type: DurationResponse }) durationSeconds: DurationResponse;
  @ApiProperty({ description: closedDescription('in the range', 'any department') }) closed: number;

  static from(range: TimeRange, summary: SummaryRecord): ReportSummaryResponse {
    return {
      from: range.from,
      to: range.to,
      ...outcomeTotals(summary.sessions),
      byDepartment: summary.departments.map((department) => DepartmentSummaryResponse.from(department)),
      byLanguage: summary.languages.map((language) => LanguageSummaryResponse.from(language)),
      averageAttemptsToRoute: summary.attempts.averageAttemptsToRoute,
      lowConfidenceRate: summary.attempts.lowConfidenceRate,
      inputMix: { ...summary.attempts.inputMix },
      durationSeconds: { average: summary.sessions.durationAverage, p95: summary.sessions.durationP95 },
      closed: summary.attempts.closed,
    };
  }
}

export class TimeseriesBucketResponse extends OutcomeTotalsResponse {
  @ApiProperty({ description: 'Start of the UTC hour or day' }) start: string;
  @ApiProperty({ description: closedDescription('in the bucket', 'any department') })
  closed: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'closed per department id; departments without any are left out',
    example: { '3f0c7d1e-5b7a-4c1e-9a53-2d4b8e0f6a11': 2 },
  })
  closedByDepartment: Record<string, number>;

  static from(bucket: BucketRecord): TimeseriesBucketResponse {
    return {
      start: bucket.start.toISOString(),
      ...outcomeTotals(bucket),
      closed: bucket.closed,
      closedByDepartment: { ...bucket.closedByDepartment },
    };
  }
}

export class TimeseriesResponse {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['hour', 'day'] }) interval: ReportInterval;
  @ApiProperty({ type: [TimeseriesBucketResponse] }) buckets: TimeseriesBucketResponse[];

  static from(range: TimeRange, interval: ReportInterval, buckets: BucketRecord[]): TimeseriesResponse {
    return {
      from: range.from,
      to: range.to,
      interval,
      buckets: buckets.map((bucket) => TimeseriesBucketResponse.from(bucket)),
    };
  }
}

export class BusiestHourCellResponse {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' }) weekday: number;
  @ApiProperty({ minimum: 0, maximum: 23 }) hour: number;
  @ApiProperty({ description: 'Calls that started in that hour of that weekday, within the range' }) calls: number;
}

export class BusiestHoursResponse {
  @ApiProperty({ description: 'Canonical UTC, inclusive' }) from: string;
  @ApiProperty({ description: 'Canonical UTC, exclusive' }) to: string;
  @ApiProperty({ description: 'The IANA time zone of the weekdays and hours', example: 'America/New_York' })
  timeZone: string;
  @ApiProperty({
    type: [BusiestHourCellResponse],
    description: 'All 168 cells, Monday 0:00 first, zeros included',
  })
  cells: BusiestHourCellResponse[];

  static from(range: TimeRange, timeZone: string, cells: HourCell[]): BusiestHoursResponse {
    return { from: range.from, to: range.to, timeZone, cells: cells.map((cell) => ({ ...cell })) };
  }
}
