import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnsupportedMediaTypeError } from './admin-errors.js';
import { nonJsonBodyType } from './json-body.js';

/** Refuses an admin write whose body is not JSON with 415, before validation reports every field of it as wrong. */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const type = nonJsonBodyType(request.method, request.headers);
    if (type !== null) throw new UnsupportedMediaTypeError(type);
    return true;
  }
}
