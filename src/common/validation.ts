import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

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

/** The global pipe for JSON routes: unknown fields are refused, values converted to the DTO's types. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  });
}
