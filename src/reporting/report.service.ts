import { Injectable } from '@nestjs/common';
import { BusiestHoursResponse, ReportSummaryResponse, TimeseriesResponse } from './dto/report.response.js';
import { assertReportRange, assertTimeseriesRange, type ReportInterval, type TimeRange } from './report-range.js';
import { ReportRepository, type ReportReadOptions } from './report.repository.js';

/** Summaries and time series of the calls; every figure comes from PostgreSQL (see ReportRepository). */
@Injectable()
export class ReportService {
  constructor(private readonly reports: ReportRepository) {}

  async summary(range: TimeRange, options: ReportReadOptions = {}): Promise<ReportSummaryResponse> {
    assertReportRange(range);
    return ReportSummaryResponse.from(range, await this.reports.summarize(range, options));
  }

  async timeseries(
    range: TimeRange,
    interval: ReportInterval,
    options: ReportReadOptions = {},
  ): Promise<TimeseriesResponse> {
    assertTimeseriesRange(range, interval);
    return TimeseriesResponse.from(range, interval, await this.reports.outcomeTimeseries(range, interval, options));
  }

  /** Calls per weekday and hour in `timeZone`, or the zone the department schedules share, or UTC. */
  async busiestHours(
    range: TimeRange,
    timeZone?: string,
    options: ReportReadOptions = {},
  ): Promise<BusiestHoursResponse> {
    assertReportRange(range);
    const zone = timeZone ?? (await this.reports.scheduleTimeZone()) ?? 'UTC';
    return BusiestHoursResponse.from(range, zone, await this.reports.busiestHours(range, zone, options));
  }
}
