import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import type { AuditLogEntry, JsonValue } from '../audit-log-entry.entity.js';

export const AUDITED_ENTITIES = [
  'department',
  'settings',
  'department_schedule',
  'holiday',
  'menu',
  'call_session',
  'webhook_endpoint',
] as const;

const MAX_BIGINT = 9_223_372_036_854_775_807n;

export class AuditLogQueryDto {
  @ApiPropertyOptional({ enum: AUDITED_ENTITIES })
  @IsOptional()
  @IsIn(AUDITED_ENTITIES, { message: `entity must be one of ${AUDITED_ENTITIES.join(', ')}` })
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: "The actor's name or id (a token's name, a user's id)" })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  actor?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; entries at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'from must be an ISO 8601 date-time' })
  from?: Date;

  @ApiPropertyOptional({ description: 'ISO 8601; entries before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'to must be an ISO 8601 date-time' })
  to?: Date;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer between 1 and 500' })
  @Min(1, { message: 'limit must be an integer between 1 and 500' })
  @Max(500, { message: 'limit must be an integer between 1 and 500' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  @ValidateBy(
    {
      name: 'fitsBigint',
      // Entry ids are bigint: a longer number would fail in PostgreSQL, not here.
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !/^\d+$/.test(value) || BigInt(value) <= MAX_BIGINT,
      },
    },
    { message: 'cursor must be the nextCursor of a previous page' },
  )
  cursor?: string;
}

export class AuditLogEntryResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ description: "The actor's name" }) actor: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The actor's stable id; null on entries from before ids were kept",
  })
  actorId: string | null;
  @ApiProperty() role: string;
  @ApiProperty() action: string;
  @ApiProperty() entity: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ nullable: true, type: Object }) before: JsonValue | null;
  @ApiProperty({ nullable: true, type: Object }) after: JsonValue | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static from(entry: AuditLogEntry): AuditLogEntryResponse {
    return {
      id: entry.id,
      occurredAt: entry.occurredAt.toISOString(),
      actor: entry.actor,
      actorId: entry.actorId,
      role: entry.role,
      action: entry.action,
      entity: entry.entityType,
      entityId: entry.entityId,
      before: entry.before,
      after: entry.after,
      requestId: entry.requestId,
      prevHash: entry.prevHash,
      hash: entry.hash,
    };
  }
}

export class AuditLogPage {
  @ApiProperty({ type: [AuditLogEntryResponse] }) items: AuditLogEntryResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next (older) page' }) nextCursor:
    string | null;
}

export class AuditVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Entries checked' }) entries: number;
  @ApiPropertyOptional({ description: 'The first entry where the chain breaks' }) brokenAt?: {
    id: string;
    reason: string;
  };
}
