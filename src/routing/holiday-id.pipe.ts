import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { HolidayNotFoundError } from '../admin-api/admin-errors.js';

/** A holiday id that is not even a UUID names no holiday: 404, not a database error. */
@Injectable()
export class HolidayIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new HolidayNotFoundError(value);
    return value;
  }
}
