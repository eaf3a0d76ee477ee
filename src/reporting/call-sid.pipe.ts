import { Injectable, type PipeTransform } from '@nestjs/common';
import { CallSessionNotFoundError } from '../admin-api/admin-errors.js';

/** Twilio SIDs are letters and digits: anything else names no call (404, not a query). */
@Injectable()
export class CallSidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[A-Za-z0-9]{2,64}$/.test(value)) throw new CallSessionNotFoundError(value.slice(0, 64));
    return value;
  }
}
