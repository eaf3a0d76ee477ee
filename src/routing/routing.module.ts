import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EventsModule } from '../events/events.module.js';
import { RoutingChangeRecorder } from './routing-change-recorder.js';
import { adminJsonBody } from '../common/body-parsers.js';
import { Clock, SystemClock } from '../common/clock.js';
import { CompanyHolidayRepository } from './company-holiday.repository.js';
import { DepartmentScheduleRepository } from './department-schedule.repository.js';
import { DepartmentsAdminService } from './departments-admin.service.js';
import { DepartmentsController } from './departments.controller.js';
import { HolidaysAdminService } from './holidays-admin.service.js';
import { HolidaysController } from './holidays.controller.js';
import { LanguagesController } from './languages.controller.js';
import { MenusAdminService } from './menus-admin.service.js';
import { MenusController } from './menus.controller.js';
import { RoutingChangeListener } from './routing-change.listener.js';
import { RoutingService } from './routing.service.js';
import { SchedulesAdminService } from './schedules-admin.service.js';
import { SchedulesController } from './schedules.controller.js';
import { SettingsAdminService } from './settings-admin.service.js';
import { SettingsController } from './settings.controller.js';

/**
 * The menu: departments, menus, settings, schedules, holidays and languages. Its read side (the cached rules every webhook
 * decides on, refreshed on NOTIFY) and its write side (the admin API that changes them, audited) together.
 */
@Module({
  imports: [AuditModule, EventsModule],
  controllers: [
    DepartmentsController,
    SettingsController,
    SchedulesController,
    HolidaysController,
    LanguagesController,
    MenusController,
  ],
  providers: [
    RoutingService,
    RoutingChangeListener,
    RoutingChangeRecorder,
    DepartmentScheduleRepository,
    CompanyHolidayRepository,
    DepartmentsAdminService,
    SettingsAdminService,
    SchedulesAdminService,
    HolidaysAdminService,
    MenusAdminService,
    // "Now" wherever business hours are checked without a webhook's arrival time; tests override it.
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [RoutingService, DepartmentScheduleRepository, CompanyHolidayRepository, Clock],
})
export class RoutingModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(adminJsonBody)
      .forRoutes(DepartmentsController, SettingsController, SchedulesController, HolidaysController, MenusController);
  }
}
