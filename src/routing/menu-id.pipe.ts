import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { MenuNotFoundError } from '../admin-api/admin-errors.js';

/** A menu id that is not even a UUID names no menu: 404, not a database error. */
@Injectable()
export class MenuIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new MenuNotFoundError(value);
    return value;
  }
}
