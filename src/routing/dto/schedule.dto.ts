import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import type { DateOverride, Weekday } from '../business-hours.js';
import type { DepartmentSchedule } from '../department-schedule.repository.js';
import { CLOSED_ACTIONS, type ClosedActionKind } from '../routing-rules.js';
import {
  HasNoOverlaps,
  HasNoWeeklyOverlaps,
  IsCalendarDate,
  IsClosingTime,
  IsForwardTarget,
  IsKnownTimeZone,
  IsOpeningTime,
} from './business-hours.validators.js';
import { IsPrintableText, Trim } from './validators.js';

const MAX_INTERVALS_PER_DAY = 12;
const MAX_OVERRIDES = 400;

export class OpenIntervalDto {
  @ApiProperty({ example: '09:00', description: 'Local time HH:MM' })
  @IsOpeningTime()
  opens: string;

  @ApiProperty({
    example: '17:00',
    description: 'Local time HH:MM; at or before opens runs past midnight (22:00-06:00); 24:00 is the end of the day',
  })
  @IsClosingTime()
  closes: string;
}

const DayHours = (day: Weekday): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [OpenIntervalDto], description: `${day}'s open intervals; absent or [] is closed` }),
    IsOptional(),
    IsArray({ message: `${day} must be an array of intervals` }),
    ArrayMaxSize(MAX_INTERVALS_PER_DAY, { message: `${day} must have at most ${MAX_INTERVALS_PER_DAY} intervals` }),
    ValidateNested({ each: true }),
    Type(() => OpenIntervalDto),
  );

export class WeeklyHoursDto {
  @DayHours('monday') monday?: OpenIntervalDto[];
  @DayHours('tuesday') tuesday?: OpenIntervalDto[];
  @DayHours('wednesday') wednesday?: OpenIntervalDto[];
  @DayHours('thursday') thursday?: OpenIntervalDto[];
  @DayHours('friday') friday?: OpenIntervalDto[];
  @DayHours('saturday') saturday?: OpenIntervalDto[];
  @DayHours('sunday') sunday?: OpenIntervalDto[];
}

export class DateOverrideDto {
  @ApiProperty({ example: '2026-12-24' })
  @IsCalendarDate('date')
  date: string;

  @ApiPropertyOptional({ example: 'Christmas Eve', nullable: true, maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  @IsPrintableText('name')
  name?: string | null;

  @ApiProperty({ type: [OpenIntervalDto], description: 'The hours of that date; [] is closed all day' })
  @IsArray({ message: 'hours must be an array of intervals ([] for closed all day)' })
  @ArrayMaxSize(MAX_INTERVALS_PER_DAY, { message: `hours must have at most ${MAX_INTERVALS_PER_DAY} intervals` })
  @ValidateNested({ each: true })
  @Type(() => OpenIntervalDto)
  @HasNoOverlaps('hours')
  hours: OpenIntervalDto[];
}

export class PutScheduleDto {
  @ApiProperty({ example: 'America/New_York', description: 'IANA time zone the hours are in' })
  @IsKnownTimeZone()
  timeZone: string;

  @ApiProperty({ type: WeeklyHoursDto })
  @IsDefined({ message: 'weekly is required (an object of days; {} is never open)' })
  @IsObject({ message: 'weekly must be an object of days' })
  @ValidateNested()
  @Type(() => WeeklyHoursDto)
  @HasNoWeeklyOverlaps()
  weekly: WeeklyHoursDto;

  @ApiPropertyOptional({ type: [DateOverrideDto], description: 'Closed dates and special hours; default []' })
  @IsOptional()
  @IsArray({ message: 'overrides must be an array' })
  @ArrayMaxSize(MAX_OVERRIDES, { message: `overrides must have at most ${MAX_OVERRIDES} dates` })
  @ArrayUnique((override: Partial<DateOverride> | null) => override?.date, {
    message: 'overrides must not repeat a date',
  })
  @ValidateNested({ each: true })
  @Type(() => DateOverrideDto)
  overrides?: DateOverrideDto[];

  @ApiPropertyOptional({ default: true, description: 'Closed on the company holidays' })
  @IsOptional()
  @IsBoolean({ message: 'followCompanyHolidays must be true or false' })
  followCompanyHolidays?: boolean;

  @ApiPropertyOptional({ enum: CLOSED_ACTIONS, default: 'voicemail' })
  @IsOptional()
  @IsIn(CLOSED_ACTIONS, { message: `closedAction must be one of ${CLOSED_ACTIONS.join(', ')}` })
  closedAction?: ClosedActionKind;

  @ApiPropertyOptional({ nullable: true, example: '+15555550199', description: 'The number dialled while closed' })
  @Trim()
  @IsForwardTarget()
  forwardTo?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Leave the department out of the menu while closed' })
  @IsOptional()
  @IsBoolean({ message: 'hideWhenClosed must be true or false' })
  hideWhenClosed?: boolean;
}

export class ScheduleResponse {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: WeeklyHoursDto }) weekly: WeeklyHoursDto;
  @ApiProperty({ type: [DateOverrideDto] }) overrides: DateOverrideDto[];
  @ApiProperty() followCompanyHolidays: boolean;
  @ApiProperty({ enum: CLOSED_ACTIONS }) closedAction: ClosedActionKind;
  @ApiProperty({ nullable: true, type: String }) forwardTo: string | null;
  @ApiProperty() hideWhenClosed: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version: number;

  static from(schedule: DepartmentSchedule): ScheduleResponse {
    return {
      departmentId: schedule.departmentId,
      timeZone: schedule.timeZone,
      weekly: schedule.weekly as WeeklyHoursDto,
      overrides: schedule.overrides as DateOverrideDto[],
      followCompanyHolidays: schedule.followCompanyHolidays,
      closedAction: schedule.closedAction,
      forwardTo: schedule.forwardTo,
      hideWhenClosed: schedule.hideWhenClosed,
      createdAt: schedule.createdAt.toISOString(),
      updatedAt: schedule.updatedAt.toISOString(),
      version: schedule.version,
    };
  }
}
