import { Injectable, type PipeTransform } from '@nestjs/common';
import { WebhookDeliveryNotFoundError } from '../admin-api/admin-errors.js';
import { isBigintId } from '../common/bigint-id.js';

/** A delivery id that is no bigint names no delivery: 404, not a database error. */
@Injectable()
export class DeliveryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isBigintId(value)) throw new WebhookDeliveryNotFoundError(value);
    return value;
  }
}
