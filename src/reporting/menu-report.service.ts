import { Injectable } from '@nestjs/common';
import { MenuReportResponse } from './dto/menu-report.response.js';
import { MenuReportRepository } from './menu-report.repository.js';
import { assertReportRange, type TimeRange } from './report-range.js';

/** The per-menu report: every figure comes from PostgreSQL (see MenuReportRepository). */
@Injectable()
export class MenuReportService {
  constructor(private readonly menus: MenuReportRepository) {}

  async report(range: TimeRange): Promise<MenuReportResponse> {
    assertReportRange(range);
    return MenuReportResponse.from(range, await this.menus.summarize(range));
  }
}
