import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { AdminError, type AdminErrorCode } from './admin-errors.js';

function statusFor(code: AdminErrorCode): HttpStatus {
  switch (code) {
    case 'DEPARTMENT.NOT_FOUND':
    case 'CALL_SESSION.NOT_FOUND':
    case 'SCHEDULE.NOT_FOUND':
    case 'HOLIDAY.NOT_FOUND':
    case 'WEBHOOK_ENDPOINT.NOT_FOUND':
    case 'WEBHOOK_DELIVERY.NOT_FOUND':
    case 'MENU.NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'DEPARTMENT.DIGIT_TAKEN':
    case 'DEPARTMENT.NAME_TAKEN':
    case 'HOLIDAY.DATE_TAKEN':
    case 'WEBHOOK_DELIVERY.STILL_PENDING':
    case 'MENU.IN_USE':
    case 'MENU.ROOT_UNDELETABLE':
      return HttpStatus.CONFLICT;
    case 'MENU.TOO_MANY_KEYWORDS':
    case 'MENU.INVALID':
    case 'REQUEST.INVALID':
    case 'WEBHOOK_ENDPOINT.INVALID_URL':
      return HttpStatus.BAD_REQUEST;
    case 'REQUEST.UNSUPPORTED_MEDIA_TYPE':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'CALL_SESSION.CALLER_FILTER_FORBIDDEN':
      return HttpStatus.FORBIDDEN;
    case 'PRECONDITION.REQUIRED':
      return HttpStatus.PRECONDITION_REQUIRED;
    case 'PRECONDITION.FAILED':
      return HttpStatus.PRECONDITION_FAILED;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped admin error code ${String(unmapped)}`);
    }
  }
}

/** Maps each admin domain error to its HTTP status, once. */
@Catch(AdminError)
export class AdminExceptionFilter implements ExceptionFilter {
  catch(error: AdminError, host: ArgumentsHost): void {
    const status = statusFor(error.code);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({ statusCode: status, code: error.code, message: error.message, ...error.details });
  }
}
