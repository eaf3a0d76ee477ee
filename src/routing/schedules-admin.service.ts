import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { toJsonValue } from '../audit/audit-log-entry.entity.js';
import type { AuditActor } from '../audit/audit.service.js';
import { RoutingChangeRecorder } from './routing-change-recorder.js';
import { Clock } from '../common/clock.js';
import { type Availability, availabilityAt } from './business-hours.js';
import { CompanyHolidayRepository } from './company-holiday.repository.js';
import {
  afterHoursOf,
  canonicalSchedule,
  type DepartmentSchedule,
  DepartmentScheduleRepository,
  type ScheduleValues,
} from './department-schedule.repository.js';
import { RoutingService } from './routing.service.js';
import {
  DepartmentNotFoundError,
  InvalidRequestError,
  NoScheduleToMatchError,
  ScheduleNotFoundError,
} from '../admin-api/admin-errors.js';
import type { AvailabilityResponse } from './dto/availability.dto.js';
import { type PutScheduleDto, ScheduleResponse } from './dto/schedule.dto.js';
import { assertIfMatch } from '../admin-api/etag.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

const AUDIT_ENTITY = 'department_schedule';

const auditJson = (schedule: DepartmentSchedule) => toJsonValue(ScheduleResponse.from(schedule));

function valuesOf(dto: PutScheduleDto): ScheduleValues {
  const closedAction = dto.closedAction ?? 'voicemail';
  return canonicalSchedule({
    timeZone: dto.timeZone,
    weekly: dto.weekly,
    overrides: dto.overrides ?? [],
    followCompanyHolidays: dto.followCompanyHolidays ?? true,
    closedAction,
    forwardTo: closedAction === 'forward' ? (dto.forwardTo ?? null) : null,
    hideWhenClosed: dto.hideWhenClosed ?? false,
  });
}

const sameValues = (current: DepartmentSchedule, next: ScheduleValues): boolean =>
  JSON.stringify(canonicalSchedule(current)) === JSON.stringify(next);

/** A department's business hours: read, replaced or removed (each change audited and announced), and checked at a moment. */
@Injectable()
export class SchedulesAdminService {
  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly schedules: DepartmentScheduleRepository,
    private readonly holidays: CompanyHolidayRepository,
    private readonly changes: RoutingChangeRecorder,
    private readonly routing: RoutingService,
    private readonly clock: Clock,
  ) {}

  async get(departmentId: string): Promise<DepartmentSchedule> {
    await this.assertDepartment(this.dataSource.manager, departmentId);
    const schedule = await this.schedules.find(departmentId);
    if (!schedule) throw new ScheduleNotFoundError(departmentId);
    return schedule;
  }

  /** Creates (If-Match absent or *) or replaces (If-Match: the current ETag) the schedule. */
  async put(
    actor: AuditActor,
    departmentId: string,
    ifMatch: string | undefined,
    dto: PutScheduleDto,
  ): Promise<{ schedule: DepartmentSchedule; created: boolean }> {
    return this.edit(departmentId, async (manager, current) => {
      if (current) assertIfMatch(ifMatch, current.version);
      else if (ifMatch?.trim() && ifMatch.trim() !== '*') throw new NoScheduleToMatchError(departmentId);
      const values = valuesOf(dto);
      if (current && sameValues(current, values)) return { schedule: current, created: false };
      const saved = await this.schedules.save(manager, departmentId, values);
      await this.changes.record(manager, actor, {
        action: current ? 'update' : 'create',
        entityType: AUDIT_ENTITY,
        entityId: departmentId,
        before: current ? auditJson(current) : null,
        after: auditJson(saved),
      });
      return { schedule: saved, created: current === null };
    });
  }

  /** Back to no schedule: always open. */
  async delete(actor: AuditActor, departmentId: string, ifMatch: string | undefined): Promise<void> {
    await this.edit(departmentId, async (manager, current) => {
      if (!current) throw new ScheduleNotFoundError(departmentId);
      assertIfMatch(ifMatch, current.version);
      await this.schedules.delete(manager, departmentId);
      await this.changes.record(manager, actor, {
        action: 'delete',
        entityType: AUDIT_ENTITY,
        entityId: departmentId,
        before: auditJson(current),
        after: null,
      });
    });
  }

  /** Whether the department is open at `at` (ISO 8601; without an offset, its local time), from what is stored now. */
  async availability(departmentId: string, at: string | undefined): Promise<AvailabilityResponse> {
    await this.assertDepartment(this.dataSource.manager, departmentId);
    const [schedule, holidays] = await Promise.all([this.schedules.find(departmentId), this.holidays.findAll()]);
    const timeZone = schedule?.timeZone ?? 'UTC';
    const moment = at === undefined ? this.clock.now() : parseMoment(at, timeZone);
    const availability = availabilityAt(schedule ? afterHoursOf(schedule).hours : null, holidays, moment);
    return availabilityResponse(departmentId, schedule ? timeZone : null, moment, availability);
  }

  /** Runs a change under the department's row lock (schedule edits of one department take turns), then drops this instance's cache. */
  private async edit<T>(
    departmentId: string,
    work: (manager: EntityManager, current: DepartmentSchedule | null) => Promise<T>,
  ): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.assertDepartment(manager, departmentId, true);
      return work(manager, await this.schedules.find(departmentId, manager));
    });
    this.routing.invalidate();
    return result;
  }

  private async assertDepartment(manager: EntityManager, departmentId: string, lock = false): Promise<void> {
    // NO KEY UPDATE: calls being recorded against the department (foreign keys) are not held up.
    const rows: unknown[] = await manager.query(
      `SELECT id FROM ${IVR_TABLES.departments} WHERE id = $1${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [departmentId],
    );
    if (rows.length === 0) throw new DepartmentNotFoundError(departmentId);
  }
}

function parseMoment(at: string, timeZone: string): Date {
  const parsed = DateTime.fromISO(at, { zone: timeZone });
  if (!parsed.isValid) throw new InvalidRequestError(`at is not a valid date-time: ${parsed.invalidExplanation ?? at}`);
  return parsed.toJSDate();
}

function availabilityResponse(
  departmentId: string,
  timeZone: string | null,
  at: Date,
  availability: Availability,
): AvailabilityResponse {
  const zone = timeZone ?? 'UTC';
  const iso = (instant: Date | null): string | null =>
    instant === null ? null : DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true });
  return {
    departmentId,
    at: iso(at) ?? at.toISOString(),
    timeZone,
    open: availability.open,
    opensAt: iso(availability.opensAt),
    closesAt: iso(availability.closesAt),
    reason: availability.reason,
  };
}
