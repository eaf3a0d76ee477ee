import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Department } from './department.entity.js';
import type { RoutingRules } from './routing-rules.js';
import { SETTINGS_ID, Settings } from './settings.entity.js';

/** Postgres channel on which a trigger announces every change to departments or settings (see the migrations). */
export const ROUTING_CHANGED_CHANNEL = 'routing_changed';

/**
 * The menu: active departments in order, and the settings row. Cached per instance while the
 * change listener is connected (any committed change drops every instance's cache through a
 * trigger's NOTIFY); read from the database on every call otherwise.
 */
@Injectable()
export class RoutingService {
  private cached: RoutingRules | null = null;
  private generation = 0;
  private cacheable = false;

  constructor(
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(Settings) private readonly settings: Repository<Settings>,
  ) {}

  async rules(): Promise<RoutingRules> {
    if (this.cached) return this.cached;
    const generation = this.generation;
    const rules = await this.load();
    // A change announced while we were reading makes what we read stale: don't keep it.
    if (this.cacheable && generation === this.generation) this.cached = rules;
    return rules;
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
    const [settings, departments] = await Promise.all([
      this.settings.findOneByOrFail({ id: SETTINGS_ID }),
      this.departments.find({ where: { active: true }, order: { position: 'ASC', name: 'ASC' } }),
    ]);
    return { settings, departments };
  }
}
