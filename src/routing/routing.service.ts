import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { effectivePrompts } from './caller-prompts.js';
import { CompanyHolidayRepository } from './company-holiday.repository.js';
import { Department } from './department.entity.js';
import { afterHoursOf, DepartmentScheduleRepository } from './department-schedule.repository.js';
import type { RoutingRules } from './routing-rules.js';
import { SETTINGS_ID, Settings } from './settings.entity.js';

/** Postgres channel on which a trigger announces every change to the menu's tables (see the migrations). */
export const ROUTING_CHANGED_CHANNEL = 'routing_changed';

/**
 * The menu: active departments in order with their business hours, the settings row and the
 * company holidays. Cached per instance while the
 * change listener is connected (any committed change drops every instance's cache through a
 * trigger's NOTIFY); read from the database on every call otherwise.
 */
@Injectable()
export class RoutingService implements OnApplicationBootstrap {
  private cached: RoutingRules | null = null;
  // Survives invalidation: what callers hear when the database cannot be read.
  private lastKnown: RoutingRules | null = null;
  private generation = 0;
  private cacheable = false;

  constructor(
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(Settings) private readonly settings: Repository<Settings>,
    private readonly schedules: DepartmentScheduleRepository,
    private readonly holidays: CompanyHolidayRepository,
  ) {}

  async rules(): Promise<RoutingRules> {
    if (this.cached) return this.cached;
    const generation = this.generation;
    const rules = await this.load();
    this.lastKnown = rules;
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
    await this.rules().catch(() => undefined);
  }

  /** Drops the cached menu; the next call reads the database. */
  invalidate(): void {
    this.generation += 1;
    this.cached = null;
  }

  /** Caching is safe only while changes are being heard. */
  setCacheable(cacheable: boolean): void {
    this.cacheable = cacheable;
    this.invalidate();
  }

  private async load(): Promise<RoutingRules> {
    const [settings, departments, schedules, holidays] = await Promise.all([
      this.settings.findOneByOrFail({ id: SETTINGS_ID }),
      this.departments.find({ where: { active: true }, order: { position: 'ASC', name: 'ASC' } }),
      this.schedules.findAll(),
      this.holidays.findAll(),
    ]);
    const afterHours = new Map(schedules.map((schedule) => [schedule.departmentId, afterHoursOf(schedule)]));
    return {
      settings: { ...settings, prompts: effectivePrompts(settings.prompts) },
      departments: departments.map((department) => ({
        ...department,
        afterHours: afterHours.get(department.id) ?? null,
      })),
      holidays,
    };
  }
}
