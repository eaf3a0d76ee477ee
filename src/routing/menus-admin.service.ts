import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere, In, Not } from 'typeorm';
import {
  LanguageNotOfferedError,
  MenuInUseError,
  MenuInvalidError,
  MenuNotFoundError,
  RootMenuUndeletableError,
} from '../admin-api/admin-errors.js';
import { assertIfMatch } from '../admin-api/etag.js';
import { type JsonValue, toJsonValue } from '../audit/audit-log-entry.entity.js';
import type { AuditActor } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { IVR_TABLES } from '../database/ivr-schema.js';
import { Department } from './department.entity.js';
import {
  type CreateMenuDto,
  type MenuOptionDto,
  MenuOptionResponse,
  MenuResponse,
  type UpdateMenuDto,
} from './dto/menu.dto.js';
import { MenuTreeResponse } from './dto/menu-tree.dto.js';
import { callLanguages } from './languages.js';
import { MenuOption } from './menu-option.entity.js';
import { type MenuDraft, type MenuProblem, menuProblems } from './menu-tree-checks.js';
import { menuTreeAsHeard } from './menu-tree-heard.js';
import { Menu, type MenuWithOptions } from './menu.entity.js';
import { RoutingChangeRecorder } from './routing-change-recorder.js';
import { RoutingService } from './routing.service.js';
import { missingTranslations } from './missing-translations.js';
import { rulesIn } from './translations.js';

const AUDIT_ENTITY = 'menu';

const auditJson = (menu: MenuWithOptions): JsonValue => toJsonValue(MenuResponse.from(menu));

type MenuFields = Pick<Menu, 'name' | 'prompt' | 'translations' | 'backKey' | 'repeatKey' | 'operatorKey'>;
type OptionRow = MenuOption;

/** A menu's fields as sent, over what it has (or a new menu's defaults). */
function menuFields(current: MenuFields, dto: UpdateMenuDto): MenuFields {
  return {
    name: dto.name ?? current.name,
    prompt: dto.prompt === undefined ? current.prompt : dto.prompt,
    translations: dto.translations ?? current.translations,
    backKey: dto.backKey ?? current.backKey,
    repeatKey: dto.repeatKey ?? current.repeatKey,
    operatorKey: dto.operatorKey ?? current.operatorKey,
  };
}

const NEW_MENU: MenuFields = {
  name: '',
  prompt: null,
  translations: {},
  backKey: true,
  repeatKey: true,
  operatorKey: false,
};

/**
 * Creates, edits and deletes the menus of the phone tree: each change checked against the whole tree as it would
 * be, audited and announced in one transaction, under the lock department edits take too (the root menu's digits
 * are shared between the two).
 */
@Injectable()
export class MenusAdminService {
  constructor(
    @InjectIvrDataSource() private readonly dataSource: DataSource,
    private readonly changes: RoutingChangeRecorder,
    private readonly routing: RoutingService,
    private readonly clock: Clock,
  ) {}

  /** The root menu first, then by name; each with its options in menu order. */
  async list(): Promise<MenuWithOptions[]> {
    return this.readMenus(this.dataSource.manager);
  }

  async get(id: string): Promise<MenuWithOptions> {
    const menu = await this.readMenu(this.dataSource.manager, id);
    if (!menu) throw new MenuNotFoundError(id);
    return menu;
  }

  /** A submenu (the root exists from the start); no option opens it until one is given in another menu. */
  async create(actor: AuditActor, dto: CreateMenuDto): Promise<MenuWithOptions> {
    return this.edit(async (manager) => {
      const id = randomUUID();
      const fields = menuFields(NEW_MENU, dto);
      const options = await this.optionRows(manager, { id, isRoot: false, options: [] }, dto.options);
      await this.assertFits(manager, { id, isRoot: false, ...fields }, options, new Set());
      await manager.insert(Menu, { id, ...fields, isRoot: false });
      if (options.length > 0) await manager.insert(MenuOption, options);
      const created = await this.readMenuOrFail(manager, id);
      await this.changes.record(manager, actor, {
        action: 'create',
        entityType: AUDIT_ENTITY,
        entityId: id,
        before: null,
        after: auditJson(created),
      });
      return created;
    });
  }

  /** Its fields as sent; `options`, when sent, is the whole new list (kept by id, new without one, the rest deleted). */
  async update(
    actor: AuditActor,
    id: string,
    ifMatch: string | undefined,
    dto: UpdateMenuDto,
  ): Promise<MenuWithOptions> {
    return this.edit(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      const currentOptions = current.options;
      const fields = menuFields(current, dto);
      const options = dto.options ? await this.optionRows(manager, current, dto.options) : currentOptions;
      const unchanged =
        JSON.stringify(fields) === JSON.stringify(menuFields(current, {})) &&
        // An option is unchanged when everything the API shows of it is.
        JSON.stringify(options.map((option) => MenuOptionResponse.from(option))) ===
          JSON.stringify(currentOptions.map((option) => MenuOptionResponse.from(option)));
      if (unchanged) return current;
      const departmentsBefore = new Set(currentOptions.flatMap((option) => option.departmentId ?? []));
      await this.assertFits(manager, { id, isRoot: current.isRoot, ...fields }, options, departmentsBefore);
      // Every edit moves the menu's version (its ETag), an edit of its options alone too.
      await manager.createQueryBuilder().update(Menu).set(fields).where({ id }).execute();
      if (dto.options) await this.replaceOptions(manager, id, options);
      const updated = await this.readMenuOrFail(manager, id);
      await this.changes.record(manager, actor, {
        action: 'update',
        entityType: AUDIT_ENTITY,
        entityId: id,
        before: auditJson(current),
        after: auditJson(updated),
      });
      return updated;
    });
  }

  /** Refused for the root and for a menu an option still opens (the database refuses that too: RESTRICT). */
  async delete(actor: AuditActor, id: string, ifMatch: string | undefined): Promise<void> {
    await this.edit(async (manager) => {
      const current = await this.lockForEdit(manager, id, ifMatch);
      if (current.isRoot) throw new RootMenuUndeletableError();
      const openers = await manager.find(MenuOption, {
        where: { targetMenuId: id },
        order: { menuId: 'ASC', position: 'ASC' },
      });
      const names = new Map(
        (await manager.find(Menu, { where: { id: In(openers.map((option) => option.menuId)) } })).map((menu) => [
          menu.id,
          menu.name,
        ]),
      );
      if (openers.length > 0)
        throw new MenuInUseError(
          current.name,
          openers.map((option) => ({
            menuId: option.menuId,
            menuName: names.get(option.menuId) ?? option.menuId,
            optionId: option.id,
            digit: option.digit,
          })),
        );
      await manager.delete(Menu, { id });
      await this.changes.record(manager, actor, {
        action: 'delete',
        entityType: AUDIT_ENTITY,
        entityId: id,
        before: auditJson(current),
        after: null,
      });
    });
  }

  /** The tree as callers hear it now, in one offered language or each of them (the default first). */
  async heardTree(language: string | undefined): Promise<MenuTreeResponse> {
    const rules = await this.routing.rules();
    const offered = callLanguages(rules.settings);
    const chosen = language === undefined ? offered : offered.filter((candidate) => candidate.code === language);
    if (language !== undefined && chosen.length === 0)
      throw new LanguageNotOfferedError(
        language,
        offered.map((candidate) => candidate.code),
      );
    const departments = await this.dataSource.getRepository(Department).find({ select: { id: true, name: true } });
    const names = new Map(departments.map((department) => [department.id, department.name]));
    const at = this.clock.now();
    return MenuTreeResponse.from(
      at,
      chosen.map((candidate) => {
        const localised = rulesIn(rules, candidate.code);
        return {
          language: candidate.code,
          name: candidate.name,
          greeting: localised.settings.greeting,
          menu: menuTreeAsHeard(localised, at, names),
          // What the admin checks before publishing: the texts this language would say in the default's words.
          missing: missingTranslations(rules, candidate.code),
        };
      }),
    );
  }

  /** Runs a change under the menu lock; the table triggers tell every instance on commit, this one drops its cache at once. */
  private async edit<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.menuEdit]);
      return work(manager);
    });
    this.routing.invalidate();
    return result;
  }

  private async lockForEdit(manager: EntityManager, id: string, ifMatch: string | undefined): Promise<MenuWithOptions> {
    const locked = await manager.findOne(Menu, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!locked) throw new MenuNotFoundError(id);
    assertIfMatch(ifMatch, locked.version);
    return this.readMenuOrFail(manager, id);
  }

  private async readMenus(manager: EntityManager, where: FindOptionsWhere<Menu> = {}): Promise<MenuWithOptions[]> {
    const menus = await manager.find(Menu, { where, order: { isRoot: 'DESC', name: 'ASC', id: 'ASC' } });
    const options = await manager.find(MenuOption, {
      where: { menuId: In(menus.map((menu) => menu.id)) },
      order: { position: 'ASC', id: 'ASC' },
    });
    return menus.map((menu) => Object.assign(menu, { options: options.filter((option) => option.menuId === menu.id) }));
  }

  private async readMenu(manager: EntityManager, id: string): Promise<MenuWithOptions | undefined> {
    const [menu] = await this.readMenus(manager, { id });
    return menu;
  }

  private async readMenuOrFail(manager: EntityManager, id: string): Promise<MenuWithOptions> {
    const menu = await this.readMenu(manager, id);
    if (!menu) throw new MenuNotFoundError(id);
    return menu;
  }

  /**
   * The options as sent, as rows of `menu`: an id sent must be one of its options (and sent once); a position left
   * out is the list's order (in the root menu, after the departments placed there).
   */
  private async optionRows(
    manager: EntityManager,
    menu: Pick<MenuWithOptions, 'id' | 'isRoot' | 'options'>,
    sent: readonly MenuOptionDto[],
  ): Promise<OptionRow[]> {
    const own = new Set((menu.options ?? []).map((option) => option.id));
    const problems: MenuProblem[] = [];
    sent.forEach((option, index) => {
      if (option.id === undefined) return;
      const field = `options.${index}.id`;
      if (!own.has(option.id))
        problems.push({
          field,
          message: `option ${option.id} is not one of this menu's options: leave id out to add a new option`,
        });
      else if (sent.findIndex((other) => other.id === option.id) < index)
        problems.push({ field, message: `option ${option.id} is listed twice: list each option once` });
    });
    if (problems.length > 0) throw new MenuInvalidError(problems);
    const first = menu.isRoot ? await this.afterRootDepartments(manager) : 0;
    return sent.map((option, index) => ({
      id: option.id ?? randomUUID(),
      menuId: menu.id,
      position: option.position ?? first + index,
      digit: option.digit ?? null,
      keywords: option.keywords ?? [],
      label: option.label ?? null,
      translations: option.translations ?? {},
      action: option.action,
      departmentId: option.departmentId ?? null,
      targetMenuId: option.menuId ?? null,
    }));
  }

  private async afterRootDepartments(manager: EntityManager): Promise<number> {
    const [{ last }] = await manager.query<{ last: number | null }[]>(
      `SELECT max(position) AS last FROM ${IVR_TABLES.departments} WHERE active AND in_root_menu`,
    );
    return last === null ? 0 : last + 1;
  }

  /** The whole tree as it would be after the change, checked where the change can have made it wrong. */
  private async assertFits(
    manager: EntityManager,
    changed: MenuFields & Pick<Menu, 'id' | 'isRoot'>,
    options: readonly OptionRow[],
    departmentsBefore: ReadonlySet<string>,
  ): Promise<void> {
    const [menus, departments] = await Promise.all([
      this.readMenus(manager, { id: Not(changed.id) }),
      manager.find(Department),
    ]);
    const rootId = changed.isRoot ? changed.id : menus.find((menu) => menu.isRoot)?.id;
    if (!rootId) throw new Error('No root menu: the menus migration has not run');
    const draft: MenuDraft = { ...changed, options };
    const problems = menuProblems(
      {
        rootId,
        menus: [...menus, draft],
        departments,
      },
      { menuId: changed.id, departmentsBefore },
    );
    if (problems.length > 0) throw new MenuInvalidError(problems);
  }

  /** Deletes the options left out, updates those kept, inserts the new ones. */
  private async replaceOptions(manager: EntityManager, menuId: string, options: readonly OptionRow[]): Promise<void> {
    const kept = options.map((option) => option.id);
    await manager.delete(MenuOption, kept.length > 0 ? { menuId, id: Not(In(kept)) } : { menuId });
    const existing = new Set(
      (await manager.find(MenuOption, { select: { id: true }, where: { menuId } })).map((option) => option.id),
    );
    for (const option of options) {
      if (existing.has(option.id)) await manager.update(MenuOption, { id: option.id }, option);
      else await manager.insert(MenuOption, option);
    }
  }
}
