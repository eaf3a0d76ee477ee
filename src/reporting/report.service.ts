import { Injectable } from '@nestjs/common';
import { ReportSummaryResponse, TimeseriesResponse } from './dto/report.response.js';
import { assertReportRange, assertTimeseriesRange, type ReportInterval, type TimeRange } from './report-range.js';
import { ReportRepository } from './report.repository.js';

/** Summaries and time series of the calls; every figure comes from PostgreSQL (see ReportRepository). */
@Injectable()
export class ReportService {
  constructor(private readonly reports: ReportRepository) {}

  async summary(range: TimeRange): Promise<ReportSummaryResponse> {
    assertReportRange(range);
    return ReportSummaryResponse.from(range, await this.reports.summarize(range));
  }

  async timeseries(range: TimeRange, interval: ReportInterval): Promise<TimeseriesResponse> {
    assertTimeseriesRange(range, interval);
    return TimeseriesResponse.from(range, interval, await this.reports.outcomeTimeseries(range, interval));
  }
}
