import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // Several constraints of one field may share a message (e.g. a range's min and max): say it once.
    const own = error.constraints ? [{ field, messages: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** 400 with every message and, per field, what is wrong with it. */
export function validationException(errors: ValidationError[]): BadRequestException {
  const fields = flatten(errors);
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: fields.flatMap((field) => field.messages),
    fields,
  });
}

/** Where in a body, query or path a NUL character hides (PostgreSQL text cannot hold one), or null. */
export function nulCharacterAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path || 'value' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\0')) return path ? `${path}.${key}` : key;
    const found = nulCharacterAt(item, Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** Refuses a NUL character anywhere in what the client sent, with a 400 naming the field, before validating. */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const field = nulCharacterAt(value);
      if (field) {
        const message = `${field} must not contain a NUL character (\\u0000)`;
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: [message],
          fields: [{ field, messages: [message] }],
        });
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** The global pipe for JSON routes: unknown fields are refused, values converted to the DTO's types. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  });
}
