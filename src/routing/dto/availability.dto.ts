import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { AVAILABILITY_REASONS, type AvailabilityReason } from '../business-hours.js';

// A date and a time, with an offset (an instant) or without (the department's local time).
const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

export class AvailabilityQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-24T10:00:00-05:00',
    description: "ISO 8601; without an offset it is the department's local time; default now",
  })
  @IsOptional()
  // An unencoded "+" in a query string arrives as a space; no ISO 8601 date-time contains one.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(' ', '+') : value))
  @Matches(DATE_TIME_PATTERN, { message: 'at must be an ISO 8601 date-time such as 2026-12-24T10:00:00-05:00' })
  at?: string;
}

export class AvailabilityResponse {
  @ApiProperty({ format: 'uuid' }) departmentId: string;
  @ApiProperty({ description: "The moment checked, in the department's time zone" }) at: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: no schedule' }) timeZone: string | null;
  @ApiProperty() open: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When closed: the next opening' }) opensAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When open: the next closing' }) closesAt: string | null;
  @ApiProperty({ enum: AVAILABILITY_REASONS }) reason: AvailabilityReason;
}
