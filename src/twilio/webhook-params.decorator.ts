import { createParamDecorator, type ExecutionContext, ValidationPipe } from '@nestjs/common';
import type { Request } from 'express';
import { validationException } from '../common/validation.js';

// Postgres text cannot hold NUL characters: drop them rather than fail the call.
const withoutNul = (value: unknown): unknown =>
  typeof value === 'string' ? value.replaceAll('\0', '') : Array.isArray(value) ? value.map(withoutNul) : value;

const formParams = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  const params: unknown = context.switchToHttp().getRequest<Request>().body;
  if (params === null || typeof params !== 'object') return params;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, withoutNul(value)]));
});

// Twilio adds parameters over time: the ones a DTO does not name are dropped, never refused.
const twilioParamsPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: false,
  transform: true,
  validateCustomDecorators: true,
  exceptionFactory: validationException,
});

/**
 * A webhook's form parameters, validated against the parameter's DTO. A custom decorator, so the
 * global pipe (which refuses unknown fields on JSON routes) leaves it to this tolerant one.
 */
export const TwilioParams = (): ParameterDecorator => formParams(twilioParamsPipe);
