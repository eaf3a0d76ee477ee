import { InjectIvrDataSource } from '../database/ivr-data-source.js';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { effectivePrompts } from './caller-prompts.js';
import { CompanyHolidayRepository } from './company-holiday.repository.js';
import { Department } from './department.entity.js';
import { afterHoursOf, DepartmentScheduleRepository } from './department-schedule.repository.js';
import type { RoutingRules } from './routing-rules.js';
import { SETTINGS_ID, Settings } from './settings.entity.js';
import { Menu } from './menu.entity.js';
import { MenuOption } from './menu-option.entity.js';
import { menuTreeOf } from './menu-tree.js';

/** Postgres channel on which a trigger announces every change to the menu's tables (see the migrations). */
export const ROUTING_CHANGED_CHANNEL = 'routing_changed';

/**
 * The menu: active departments in order with their business hours, the settings row and the
 * company holidays. Cached per instance while the change listener is connected (any committed
 * change drops every instance's cache through a trigger's NOTIFY, and each instance reads the menu
 * again in the background); read from the database on every call otherwise.
 */
@Injectable()
export class RoutingService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RoutingService.name);
  private cached: RoutingRules | null = null;
  // Survives invalidation: what callers hear when the database cannot be read.
  private lastKnown: RoutingRules | null = null;
  // The generation in which lastKnown was read: a read that started earlier and ends later must not replace it.
  private lastKnownGeneration = -1;
  private generation = 0;
  private cacheable = false;
  private reloading: Promise<void> | null = null;
  private reloadAgain = false;
  private stopped = false;
  private readonly departments: Repository<Department>;
  private readonly settings: Repository<Settings>;
  private readonly menus: Repository<Menu>;
  private readonly options: Repository<MenuOption>;

  constructor(
    @InjectIvrDataSource() dataSource: DataSource,
    private readonly schedules: DepartmentScheduleRepository,
    private readonly holidays: CompanyHolidayRepository,
  ) {
    this.departments = dataSource.getRepository(Department);
    this.settings = dataSource.getRepository(Settings);
    this.menus = dataSource.getRepository(Menu);
    this.options = dataSource.getRepository(MenuOption);
  }

  async rules(): Promise<RoutingRules> {
    if (this.cached) return this.cached;
    const generation = this.generation;
    const rules = await this.load();
    if (generation >= this.lastKnownGeneration) {
      this.lastKnown = rules;
      this.lastKnownGeneration = generation;
    }
    // A change announced while we were reading makes what we read stale: don't keep it.
    if (this.cacheable && generation === this.generation) this.cached = rules;
    return rules;
  }

  /** The menu as last read from the database, however old: for answering calls while it is unreachable. */
  lastKnownRules(): RoutingRules | null {
    return this.lastKnown;
  }

  /** Reads the menu once at startup, so an instance can answer from memory should the database fail early. */
  async onApplicationBootstrap(): Promise<void> {
    // The listener's first connection has usually started that read already.
    await (this.reloading ?? this.reload());
  }

  /** Lets a reload in progress finish while the database is still open, and starts no other. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.reloading;
  }

  /** Drops the cached menu; the next call reads the database. */
  invalidate(): void {
    this.generation += 1;
    this.cached = null;
  }

  /**
   * A change was announced: drops the cache and reads the menu again in the background, so that what
   * lastKnownRules() answers (the fallback URL, outages) is current without waiting for a webhook.
   * Settles when that read is done; never rejects.
   */
  changed(): Promise<void> {
    this.invalidate();
    return this.reload();
  }

  /**
   * Reads the menu into the cache and lastKnownRules(), one read at a time: asked during a read, it reads
   * once more after it. Never rejects: a failed read is logged and leaves lastKnownRules() as it was.
   */
  reload(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = this.reloadWhileAsked();
    return this.reloading;
  }

  /** Caching is safe only while changes are being heard. */
  setCacheable(cacheable: boolean): void {
    this.cacheable = cacheable;
    this.invalidate();
  }

  private async reloadWhileAsked(): Promise<void> {
    do {
      this.reloadAgain = false;
      await this.rules().catch((error: unknown) =>
        this.logger.warn({ event: 'routing.reload_failed', error: error instanceof Error ? error.message : 'unknown' }),
      );
    } while (this.reloadAgain && !this.stopped);
    // Cleared in the same step as the last check, so that no request slips in between and goes unanswered.
    this.reloading = null;
  }

  private async load(): Promise<RoutingRules> {
    const [settings, departments, schedules, holidays, menus, options] = await Promise.all([
      this.settings.findOneByOrFail({ id: SETTINGS_ID }),
      this.departments.find({ where: { active: true }, order: { position: 'ASC', name: 'ASC' } }),
      this.schedules.findAll(),
      this.holidays.findAll(),
      this.menus.find(),
      this.options.find({ order: { position: 'ASC', id: 'ASC' } }),
    ]);
    const afterHours = new Map(schedules.map((schedule) => [schedule.departmentId, afterHoursOf(schedule)]));
    return {
      settings: { ...settings, prompts: effectivePrompts(settings.prompts) },
      departments: departments.map((department) => ({
        ...department,
        afterHours: afterHours.get(department.id) ?? null,
      })),
      holidays,
      menus: menuTreeOf(menus, options),
    };
  }
}
