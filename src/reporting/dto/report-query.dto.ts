import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional } from 'class-validator';
import { INSTANT_FORMAT_HINT } from '../instant.js';
import { REPORT_INTERVALS, type ReportInterval } from '../report-range.js';
import { IsKnownTimeZone } from '../../routing/dto/business-hours.validators.js';
import { IsInstant } from './validators.js';

export class ReportRangeQueryDto {
  @ApiProperty({ description: 'ISO 8601; calls that started at or after' })
  @IsDefined({ message: `from is required: ${INSTANT_FORMAT_HINT}` })
  @IsInstant('from')
  from: string;

  @ApiProperty({ description: 'ISO 8601; calls that started before' })
  @IsDefined({ message: `to is required: ${INSTANT_FORMAT_HINT}` })
  @IsInstant('to')
  to: string;
}

export class TimeseriesQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({ enum: REPORT_INTERVALS, default: 'day', description: 'UTC hours or days' })
  @IsOptional()
  @IsIn(REPORT_INTERVALS, { message: `interval must be one of ${REPORT_INTERVALS.join(', ')}` })
  interval?: ReportInterval;
}

export class BusiestHoursQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({
    description:
      'IANA time zone the weekdays and hours are counted in; default: the zone every department schedule shares, else UTC',
    example: 'America/New_York',
  })
  @IsOptional()
  @IsKnownTimeZone()
  timeZone?: string;
}
