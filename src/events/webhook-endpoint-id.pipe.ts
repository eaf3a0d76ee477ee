import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { WebhookEndpointNotFoundError } from '../admin-api/admin-errors.js';

/** An endpoint id that is not even a UUID names no endpoint: 404, not a database error. */
@Injectable()
export class WebhookEndpointIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new WebhookEndpointNotFoundError(value);
    return value;
  }
}
