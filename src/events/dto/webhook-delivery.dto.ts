import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { isBigintId } from '../../common/bigint-id.js';
import {
  DELIVERY_STATUSES,
  type DeliveryAttemptRecord,
  type DeliveryStatus,
  type DeliveryWithAttempts,
} from '../endpoint-delivery.repository.js';

export const DELIVERY_PAGE_SIZE = { default: 20, max: 100 } as const;

const LIMIT_MESSAGE = `limit must be an integer between 1 and ${DELIVERY_PAGE_SIZE.max}`;

export class DeliveryQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;

  @ApiPropertyOptional({ default: DELIVERY_PAGE_SIZE.default, minimum: 1, maximum: DELIVERY_PAGE_SIZE.max })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(DELIVERY_PAGE_SIZE.max, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy({
    name: 'isDeliveryCursor',
    validator: { validate: isBigintId, defaultMessage: () => 'cursor must be the nextCursor of a previous page' },
  })
  cursor?: string;
}

const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;

export class DeliveryAttemptView {
  @ApiProperty() attemptedAt: string;
  @ApiProperty({ nullable: true, type: Number, description: "The endpoint's HTTP status; null: no answer" })
  statusCode: number | null;
  @ApiProperty() latencyMs: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;

  static from(attempt: DeliveryAttemptRecord): DeliveryAttemptView {
    return {
      attemptedAt: attempt.attemptedAt.toISOString(),
      statusCode: attempt.statusCode,
      latencyMs: attempt.latencyMs,
      error: attempt.error,
    };
  }
}

export class DeliveryView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid', description: 'The event id: receivers dedupe by it (webhook-id)' }) eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ nullable: true, type: String }) callSid: string | null;
  @ApiProperty({ nullable: true, type: Number, description: "The event's number within its call" })
  sequence: number | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ description: 'When a pending delivery is tried next' }) nextAttemptAt: string;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [DeliveryAttemptView], description: 'The latest attempts (at most 10), oldest first' })
  attemptsLog: DeliveryAttemptView[];

  static from(delivery: DeliveryWithAttempts): DeliveryView {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      callSid: delivery.callSid,
      sequence: delivery.sequence,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.nextAttemptAt.toISOString(),
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      deliveredAt: isoOrNull(delivery.deliveredAt),
      createdAt: delivery.createdAt.toISOString(),
      attemptsLog: delivery.attemptsLog.map((attempt) => DeliveryAttemptView.from(attempt)),
    };
  }
}

export class DeliveryPage {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next (older) page' })
  nextCursor: string | null;
}
