import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '../common/clock.js';
import { CompanyHolidayRepository } from './company-holiday.repository.js';
import { DepartmentScheduleRepository } from './department-schedule.repository.js';
import { RoutingChangeListener } from './routing-change.listener.js';
import { RoutingService } from './routing.service.js';

@Module({
  providers: [
    RoutingService,
    RoutingChangeListener,
    DepartmentScheduleRepository,
    CompanyHolidayRepository,
    // "Now" wherever business hours are checked without a webhook's arrival time; tests override it.
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [RoutingService, DepartmentScheduleRepository, CompanyHolidayRepository, Clock],
})
export class RoutingModule {}
