import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { toJsonValue } from '../audit/audit-log-entry.entity.js';
import type { AuditActor } from '../audit/audit.service.js';
import { RoutingChangeRecorder } from './routing-change-recorder.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { type CompanyHoliday, CompanyHolidayRepository } from './company-holiday.repository.js';
import { RoutingService } from './routing.service.js';
import { HolidayDateTakenError, HolidayNotFoundError } from '../admin-api/admin-errors.js';
import { type CreateHolidayDto, HolidayResponse } from './dto/holiday.dto.js';
import { assertIfMatch } from '../admin-api/etag.js';

const AUDIT_ENTITY = 'holiday';

const auditJson = (holiday: CompanyHoliday) => toJsonValue(HolidayResponse.from(holiday));

/** The company holiday calendar: each change audited and announced to every instance in one transaction. */
@Injectable()
export class HolidaysAdminService {
  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly holidays: CompanyHolidayRepository,
    private readonly changes: RoutingChangeRecorder,
    private readonly routing: RoutingService,
  ) {}

  async list(): Promise<CompanyHoliday[]> {
    return this.holidays.findAll();
  }

  async create(actor: AuditActor, dto: CreateHolidayDto): Promise<CompanyHoliday> {
    return this.edit(async (manager) => {
      const taken = await this.holidays.findByDate(manager, dto.date);
      if (taken) throw new HolidayDateTakenError(taken);
      const created = await this.holidays.insert(manager, { date: dto.date, name: dto.name });
      await this.changes.record(manager, actor, {
        action: 'create',
        entityType: AUDIT_ENTITY,
        entityId: created.id,
        before: null,
        after: auditJson(created),
      });
      return created;
    });
  }

  async delete(actor: AuditActor, id: string, ifMatch: string | undefined): Promise<void> {
    await this.edit(async (manager) => {
      const current = await this.holidays.find(manager, id);
      if (!current) throw new HolidayNotFoundError(id);
      assertIfMatch(ifMatch, current.version);
      await this.holidays.delete(manager, id);
      await this.changes.record(manager, actor, {
        action: 'delete',
        entityType: AUDIT_ENTITY,
        entityId: id,
        before: auditJson(current),
        after: null,
      });
    });
  }

  private async edit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.holidayEdit]);
      return work(manager);
    });
    this.routing.invalidate();
    return result;
  }
}
