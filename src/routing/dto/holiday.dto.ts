import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { CompanyHoliday } from '../company-holiday.repository.js';
import { IsCalendarDate } from './business-hours.validators.js';
import { IsPrintableText, Trim } from './validators.js';

export class CreateHolidayDto {
  @ApiProperty({ example: '2026-12-25', description: 'Closed all day, in each department’s own time zone' })
  @IsCalendarDate('date')
  date: string;

  @ApiProperty({ example: 'Christmas Day', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'name must be 1 to 100 characters' })
  @IsPrintableText('name')
  name: string;
}

export class HolidayResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-12-25' }) date: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version: number;

  static from(holiday: CompanyHoliday): HolidayResponse {
    return {
      id: holiday.id,
      date: holiday.date,
      name: holiday.name,
      createdAt: holiday.createdAt.toISOString(),
      version: holiday.version,
    };
  }
}
