import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DepartmentNotFoundError } from '../admin-api/admin-errors.js';

/** A department id that is not even a UUID names no department: 404, not a database error. */
@Injectable()
export class DepartmentIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new DepartmentNotFoundError(value);
    return value;
  }
}
