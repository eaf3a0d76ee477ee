import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, Not } from 'typeorm';
import type { AuditActor } from '../audit/audit.service.js';
import { RoutingChangeRecorder } from './routing-change-recorder.js';
import { type JsonValue, toJsonValue } from '../audit/audit-log-entry.entity.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { Department } from './department.entity.js';
import { RoutingService } from './routing.service.js';
import {
  type ConflictingMenuOption,
  DigitTakenByMenuOptionError,
  DigitTakenError,
  DepartmentNotFoundError,
  NameTakenError,
  TooManyKeywordsError,
} from '../admin-api/admin-errors.js';
import { DepartmentResponse, type CreateDepartmentDto, type UpdateDepartmentDto } from './dto/department.dto.js';
import { assertIfMatch } from '../admin-api/etag.js';
import { withoutUnchanged } from '../admin-api/changes.js';
import { IVR_TABLES } from '../database/ivr-schema.js';

// Twilio accepts at most 500 <Gather> hints; every active keyword is one.
const MAX_MENU_KEYWORDS = 500;
// The largest position a client may set (CreateDepartmentDto); an appended department never goes past it.
const MAX_POSITION = 10_000;

const auditJson = (department: Department): JsonValue => toJsonValue(DepartmentResponse.from(department));

/** Creates, edits and deactivates departments: each change checked, audited and announced in one transaction. */
@Injectable()
export class DepartmentsAdminService {
  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly changes: RoutingChangeRecorder,
    private readonly routing: RoutingService,
  ) {}

  async list(): Promise<Department[]> {
    return this.dataSource.getRepository(Department).find({ order: { active: 'DESC', position: 'ASC', name: 'ASC' } });
  }

  async get(id: string): Promise<Department> {
    const department = await this.dataSource.getRepository(Department).findOneBy({ id });
    if (!department) throw new DepartmentNotFoundError(id);
    return department;
  }

  async create(actor: AuditActor, dto: CreateDepartmentDto): Promise<Department> {
    return this.edit(async (manager) => {
      const candidate = manager.create(Department, {
        name: dto.name,
        digit: dto.digit ?? null,
        keywords: dto.keywords,
        phoneNumber: dto.phoneNumber,
        confidenceThreshold: dto.confidenceThreshold ?? null,
        active: dto.active ?? true,
        position: dto.position ?? (await this.nextPosition(manager)),
        inRootMenu: dto.inRootMenu ?? true,
        translations: dto.translations ?? {},
      });
      await this.assertFits(manager, candidate);
      const { id } = await manager.save(Department, candidate);
      const created = await manager.findOneByOrFail(Department, { id });
      await this.changes.record(manager, actor, {
        action: 'create',
        entityType: 'department',
        entityId: id,
        before: null,
        after: auditJson(created),
      });
      return created;
    });
  }

  async update(
    actor: AuditActor,
    id: string,
    ifMatch: string | undefined,
    dto: UpdateDepartmentDto,
  ): Promise<Department> {
    return this.edit(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      const changes = withoutUnchanged(current, dto);
      if (Object.keys(changes).length === 0) return current;
      const action = changes.active === false ? 'deactivate' : changes.active === true ? 'reactivate' : 'update';
      return this.apply(manager, actor, current, changes, action);
    });
  }

  /** DELETE keeps the row (past calls still name their department) and frees its digit. */
  async deactivate(actor: AuditActor, id: string, ifMatch: string | undefined): Promise<Department> {
    return this.edit(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      if (!current.active) return current;
      return this.apply(manager, actor, current, { active: false }, 'deactivate');
    });
  }

  private async apply(
    manager: EntityManager,
    actor: AuditActor,
    current: Department,
    changes: Partial<Department>,
    action: string,
  ): Promise<Department> {
    const candidate = Object.assign(manager.create(Department), current, changes);
    await this.assertFits(manager, candidate);
    await manager.save(Department, candidate);
    const updated = await manager.findOneByOrFail(Department, { id: current.id });
    await this.changes.record(manager, actor, {
      action,
      entityType: 'department',
      entityId: current.id,
      before: auditJson(current),
      after: auditJson(updated),
    });
    return updated;
  }

  /** Runs a change under the menu lock; the table trigger tells every instance on commit, and this instance drops its cache at once. */
  private async edit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.menuEdit]);
      const value = await work(manager);
      return value;
    });
    this.routing.invalidate();
    return result;
  }

  private async lockForEdit(manager: EntityManager, id: string, ifMatch: string | undefined): Promise<Department> {
    const current = await manager.findOne(Department, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw new DepartmentNotFoundError(id);
    assertIfMatch(ifMatch, current.version);
    return current;
  }

  /** After the last department, inactive ones included (reactivating one keeps the order), capped at the largest position. */
  private async nextPosition(manager: EntityManager): Promise<number> {
    const [{ last }] = await manager.query<{ last: number | null }[]>(
      `SELECT max(position) AS last FROM ${IVR_TABLES.departments}`,
    );
    return last === null ? 0 : Math.min(last + 1, MAX_POSITION);
  }

  /** The root menu's own option on a digit (a submenu, the operator, voicemail, a department), named as callers hear it. */
  private async rootMenuOptionOn(manager: EntityManager, digit: string): Promise<ConflictingMenuOption | undefined> {
    const [option] = await manager.query<ConflictingMenuOption[]>(
      `SELECT o.id, o.action, COALESCE(o.label, target.name, department.name, o.action) AS name
         FROM ${IVR_TABLES.menuOptions} o
         JOIN ${IVR_TABLES.menus} menu ON menu.id = o.menu_id AND menu.is_root
         LEFT JOIN ${IVR_TABLES.menus} target ON target.id = o.target_menu_id
         LEFT JOIN ${IVR_TABLES.departments} department ON department.id = o.department_id
        WHERE o.digit = $1
        LIMIT 1`,
      [digit],
    );
    return option;
  }

  /**
   * Name unique, digit unique among active departments and, placed in the root menu, among its own options; the
   * whole menu's keywords within Twilio's hint limit.
   */
  private async assertFits(manager: EntityManager, candidate: Department): Promise<void> {
    const others = await manager.find(Department, { where: candidate.id ? { id: Not(candidate.id) } : {} });
    const sameName = others.find((other) => other.name.toLowerCase() === candidate.name.toLowerCase());
    if (sameName) throw new NameTakenError(candidate.name, sameName);
    if (!candidate.active) return;
    const sameDigit =
      candidate.digit === null ? undefined : others.find((other) => other.active && other.digit === candidate.digit);
    if (sameDigit && candidate.digit !== null) throw new DigitTakenError(candidate.digit, sameDigit);
    if (candidate.digit !== null && candidate.inRootMenu !== false) {
      const rootOption = await this.rootMenuOptionOn(manager, candidate.digit);
      if (rootOption) throw new DigitTakenByMenuOptionError(candidate.digit, rootOption);
    }
    const keywords = others
      .filter((other) => other.active)
      .reduce((total, other) => total + other.keywords.length, candidate.keywords.length);
    if (keywords > MAX_MENU_KEYWORDS) throw new TooManyKeywordsError(keywords, MAX_MENU_KEYWORDS);
  }
}
