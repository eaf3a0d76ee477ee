import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { CALL_OUTCOMES, type CallOutcome } from '../../call-sessions/call-session.entity.js';
import { IsInstant, NormalizeCaller } from './validators.js';

export const SESSION_PAGE_SIZE = { default: 50, max: 500 } as const;
export const EXPORT_FORMATS = ['json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const LIMIT_MESSAGE = `limit must be an integer between 1 and ${SESSION_PAGE_SIZE.max}`;

export class CallSessionQueryDto {
  @ApiPropertyOptional({ description: 'ISO 8601; calls that started at or after' })
  @IsOptional()
  @IsInstant('from')
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; calls that started before' })
  @IsOptional()
  @IsInstant('to')
  to?: string;

  @ApiPropertyOptional({ enum: CALL_OUTCOMES })
  @IsOptional()
  @IsIn(CALL_OUTCOMES, { message: `outcome must be one of ${CALL_OUTCOMES.join(', ')}` })
  outcome?: CallOutcome;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a department id (a UUID)' })
  departmentId?: string;

  @ApiPropertyOptional({
    description: 'The caller number exactly (E.164: send "+" as %2B). Admin tokens only: a viewer gets 403',
  })
  @IsOptional()
  @NormalizeCaller()
  @IsString({ message: 'caller must be a phone number such as +15551230123' })
  @Length(1, 255, { message: 'caller must be a phone number such as +15551230123' })
  caller?: string;

  @ApiPropertyOptional({ default: SESSION_PAGE_SIZE.default, minimum: 1, maximum: SESSION_PAGE_SIZE.max })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(SESSION_PAGE_SIZE.max, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,512}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json', description: 'csv: every matching call, streamed' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'format must be json or csv' })
  format?: ExportFormat;
}
