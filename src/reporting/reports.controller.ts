import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminApi } from '../admin-api/admin-auth.decorators.js';
import { MenuReportResponse } from './dto/menu-report.response.js';
import { BusiestHoursQueryDto, ReportRangeQueryDto, TimeseriesQueryDto } from './dto/report-query.dto.js';
import { BusiestHoursResponse, ReportSummaryResponse, TimeseriesResponse } from './dto/report.response.js';
import { MenuReportService } from './menu-report.service.js';
import { ReportApi } from './report-exception.filter.js';
import { ReportService } from './report.service.js';

@ApiTags('reports')
@AdminApi()
@ReportApi()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportService,
    private readonly menuReports: MenuReportService,
  ) {}

  /** Calls that started in [from, to): outcomes, departments, menu answers and durations. */
  @Get('summary')
  @ApiOkResponse({ type: ReportSummaryResponse })
  async summary(@Query() query: ReportRangeQueryDto): Promise<ReportSummaryResponse> {
    return this.reports.summary({ from: query.from, to: query.to });
  }

  /** Per menu in [from, to): the calls that reached it, the options chosen, back, repeat, failures and hang-ups. */
  @Get('menus')
  @ApiOkResponse({ type: MenuReportResponse })
  async menus(@Query() query: ReportRangeQueryDto): Promise<MenuReportResponse> {
    return this.menuReports.report({ from: query.from, to: query.to });
  }

  /** Calls by outcome per UTC hour or day of [from, to). */
  @Get('timeseries')
  @ApiOkResponse({ type: TimeseriesResponse })
  async timeseries(@Query() query: TimeseriesQueryDto): Promise<TimeseriesResponse> {
    return this.reports.timeseries({ from: query.from, to: query.to }, query.interval ?? 'day');
  }

  /** Calls per weekday and hour of [from, to) in a time zone: the week's 168 cells, for a heat map. */
  @Get('busiest-hours')
  @ApiOkResponse({ type: BusiestHoursResponse })
  async busiestHours(@Query() query: BusiestHoursQueryDto): Promise<BusiestHoursResponse> {
    return this.reports.busiestHours({ from: query.from, to: query.to }, query.timeZone);
  }
}
