import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsPrintableText, Trim } from '../../common/text-validators.js';
import { IVR_EVENT_TYPES, type IvrEventType } from '../ivr-event.js';
import type { WebhookEndpoint } from '../webhook-endpoint.entity.js';

const URL_MESSAGE = 'url must be an absolute URL such as https://example.com/ivr-events (at most 2048 characters)';

export class CreateWebhookEndpointDto {
  @ApiProperty({
    example: 'https://hooks.example.com/ivr-events',
    maxLength: 2048,
    description: 'https (http only when the events.allowHttp option is set, for development); no user:password@',
  })
  @Trim()
  @IsString({ message: URL_MESSAGE })
  @MinLength(1, { message: URL_MESSAGE })
  @MaxLength(2048, { message: URL_MESSAGE })
  url: string;

  @ApiProperty({ enum: IVR_EVENT_TYPES, isArray: true, example: ['call.ended', 'voicemail.recorded'] })
  @IsArray({ message: 'eventTypes must be a list of event types' })
  @ArrayMinSize(1, { message: 'eventTypes must name at least one event type' })
  @ArrayUnique({ message: 'eventTypes must not repeat an event type' })
  @IsIn(IVR_EVENT_TYPES, { each: true, message: `eventTypes must each be one of ${IVR_EVENT_TYPES.join(', ')}` })
  eventTypes: IvrEventType[];

  @ApiPropertyOptional({ example: 'CRM sync', nullable: true, type: String, maxLength: 255 })
  @IsOptional()
  @Trim()
  @IsString({ message: 'description must be text of at most 255 characters, or null' })
  @MaxLength(255, { message: 'description must be text of at most 255 characters, or null' })
  @IsPrintableText('description')
  description?: string | null;

  @ApiPropertyOptional({ default: true, description: "An inactive endpoint's deliveries wait until it is active" })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

// null is validated (and refused) for the fields that cannot be null, instead of being skipped as "absent".
export class UpdateWebhookEndpointDto extends PartialType(CreateWebhookEndpointDto, { skipNullProperties: false }) {}

/** An endpoint as every read shows it: never its secrets. */
export class WebhookEndpointResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: IVR_EVENT_TYPES, isArray: true }) eventTypes: IvrEventType[];
  @ApiProperty() active: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'After a rotation: requests are signed with the previous secret too until then',
  })
  previousSecretUntil: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Also sent as the ETag header' }) version: number;

  static from(endpoint: WebhookEndpoint): WebhookEndpointResponse {
    return {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      eventTypes: endpoint.eventTypes,
      active: endpoint.active,
      previousSecretUntil: endpoint.previousSecretUntil?.toISOString() ?? null,
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
      version: endpoint.version,
    };
  }
}

/** The answer to a creation: the only read that shows the secret. */
export class CreatedWebhookEndpointResponse extends WebhookEndpointResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Verifies the signature of each request (Standard Webhooks); shown this once: store it now',
  })
  secret: string;

  static withSecret(endpoint: WebhookEndpoint): CreatedWebhookEndpointResponse {
    return { ...WebhookEndpointResponse.from(endpoint), secret: endpoint.secret };
  }
}

export class RotatedSecretResponse {
  @ApiProperty({ description: 'The new secret, shown this once: store it now' }) secret: string;
  @ApiProperty({ description: 'Requests are signed with the previous secret too until then' })
  previousSecretUntil: string;

  static from(endpoint: WebhookEndpoint): RotatedSecretResponse {
    if (!endpoint.previousSecretUntil) throw new Error('A rotated endpoint keeps its previous secret for a while');
    return { secret: endpoint.secret, previousSecretUntil: endpoint.previousSecretUntil.toISOString() };
  }
}
