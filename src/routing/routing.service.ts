import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Department } from './department.entity.js';
import type { RoutingRules } from './routing-rules.js';
import { SETTINGS_ID, Settings } from './settings.entity.js';

/** The menu as it stands in the database: active departments in order, and the settings row. */
@Injectable()
export class RoutingService {
  constructor(
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(Settings) private readonly settings: Repository<Settings>,
  ) {}

  async rules(): Promise<RoutingRules> {
    const [settings, departments] = await Promise.all([
      this.settings.findOneByOrFail({ id: SETTINGS_ID }),
      this.departments.find({ where: { active: true }, order: { position: 'ASC', name: 'ASC' } }),
    ]);
    return { settings, departments };
  }
}
