/** Stable error codes of the admin API; the exception filter maps each to an HTTP status. */
export type AdminErrorCode =
  | 'DEPARTMENT.NOT_FOUND'
  | 'CALL_SESSION.NOT_FOUND'
  | 'CALL_SESSION.CALLER_FILTER_FORBIDDEN'
  | 'DEPARTMENT.DIGIT_TAKEN'
  | 'DEPARTMENT.NAME_TAKEN'
  | 'MENU.TOO_MANY_KEYWORDS'
  | 'MENU.NOT_FOUND'
  | 'MENU.INVALID'
  | 'MENU.IN_USE'
  | 'MENU.ROOT_UNDELETABLE'
  | 'PRECONDITION.REQUIRED'
  | 'PRECONDITION.FAILED'
  | 'REQUEST.INVALID'
  | 'REQUEST.UNSUPPORTED_MEDIA_TYPE'
  | 'SCHEDULE.NOT_FOUND'
  | 'HOLIDAY.NOT_FOUND'
  | 'HOLIDAY.DATE_TAKEN'
  | 'WEBHOOK_ENDPOINT.NOT_FOUND'
  | 'WEBHOOK_ENDPOINT.INVALID_URL'
  | 'WEBHOOK_DELIVERY.NOT_FOUND'
  | 'WEBHOOK_DELIVERY.STILL_PENDING';

export abstract class AdminError extends Error {
  abstract readonly code: AdminErrorCode;
  /** Extra fields for the response body (never secrets). */
  readonly details: Record<string, unknown> = {};
}

export class DepartmentNotFoundError extends AdminError {
  readonly code = 'DEPARTMENT.NOT_FOUND';
  constructor(id: string) {
    super(`Department ${id} does not exist`);
  }
}

export class CallSessionNotFoundError extends AdminError {
  readonly code = 'CALL_SESSION.NOT_FOUND';
  constructor(callSid: string) {
    super(`No call session has the CallSid ${callSid}`);
  }
}

/** An exact-match filter on a number that the token sees masked would give the number away, one guess at a time. */
export class CallerFilterForbiddenError extends AdminError {
  readonly code = 'CALL_SESSION.CALLER_FILTER_FORBIDDEN';
  constructor(role: string) {
    super(
      `The caller filter needs an admin token: a ${role} token sees caller numbers masked, and filtering by ` +
        'a whole number would reveal the masked ones',
    );
  }
}

export interface ConflictingDepartment {
  readonly id: string;
  readonly name: string;
  readonly active: boolean;
}

export class DigitTakenError extends AdminError {
  readonly code = 'DEPARTMENT.DIGIT_TAKEN';
  constructor(digit: string, conflicting: ConflictingDepartment) {
    super(`Digit ${digit} is already used by the active department "${conflicting.name}" (${conflicting.id})`);
    this.details.conflictingDepartment = conflicting;
  }
}

/** The option of the root menu (a submenu, the operator, voicemail or a department) that holds a digit. */
export interface ConflictingMenuOption {
  readonly id: string;
  readonly name: string;
  readonly action: string;
}

/** A department placed in the root menu cannot take the digit of one of the root menu's own options. */
export class DigitTakenByMenuOptionError extends AdminError {
  readonly code = 'DEPARTMENT.DIGIT_TAKEN';
  constructor(digit: string, conflicting: ConflictingMenuOption) {
    super(
      `Digit ${digit} is already used in the root menu by its option "${conflicting.name}" (${conflicting.id}): ` +
        'choose another digit, change that option (PATCH /admin/menus/{root id}), or take the department out of ' +
        'the root menu',
    );
    this.details.conflictingOption = conflicting;
  }
}

export class NameTakenError extends AdminError {
  readonly code = 'DEPARTMENT.NAME_TAKEN';
  constructor(name: string, conflicting: ConflictingDepartment) {
    const state = conflicting.active ? '' : ' (inactive: reactivate it with PATCH {"active": true})';
    super(`Name "${name}" is already used by department "${conflicting.name}" (${conflicting.id})${state}`);
    this.details.conflictingDepartment = conflicting;
  }
}

export class TooManyKeywordsError extends AdminError {
  readonly code = 'MENU.TOO_MANY_KEYWORDS';
  constructor(total: number, limit: number) {
    super(`keywords: the active menu would have ${total} keywords; Twilio accepts at most ${limit} speech hints`);
  }
}

export class MenuNotFoundError extends AdminError {
  readonly code = 'MENU.NOT_FOUND';
  constructor(id: string) {
    super(`Menu ${id} does not exist`);
  }
}

/** What a change would make wrong in the menu tree, field by field (answered like a validation error). */
export class MenuInvalidError extends AdminError {
  readonly code = 'MENU.INVALID';
  constructor(problems: readonly { readonly field: string; readonly message: string }[]) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    const fields = new Map<string, string[]>();
    for (const { field, message } of problems) fields.set(field, [...(fields.get(field) ?? []), message]);
    this.details.fields = [...fields].map(([field, messages]) => ({ field, messages }));
  }
}

/** An option that opens a menu, named for the admin who has to change it first. */
export interface ReferencingOption {
  readonly menuId: string;
  readonly menuName: string;
  readonly optionId: string;
  readonly digit: string | null;
}

export class MenuInUseError extends AdminError {
  readonly code = 'MENU.IN_USE';
  constructor(menuName: string, referencedBy: readonly ReferencingOption[]) {
    const where = referencedBy
      .map(
        (option) =>
          `"${option.menuName}" (${option.menuId}, option ${option.digit ?? 'without a digit'} ${option.optionId})`,
      )
      .join(', ');
    super(`Menu "${menuName}" is opened by an option of ${where}: remove or change that option first`);
    this.details.referencedBy = referencedBy;
  }
}

export class RootMenuUndeletableError extends AdminError {
  readonly code = 'MENU.ROOT_UNDELETABLE';
  constructor() {
    super('The root menu is where every call starts and cannot be deleted: change its options instead (PATCH)');
  }
}

/** A language asked for that callers are not offered (see the settings' languages). */
export class LanguageNotOfferedError extends AdminError {
  readonly code = 'REQUEST.INVALID';
  constructor(language: string, offered: readonly string[]) {
    const message = `language ${language} is not offered to callers: use one of ${offered.join(', ')}, or leave it out for all`;
    super(message);
    this.details.fields = [{ field: 'language', messages: [message] }];
  }
}

export class PreconditionRequiredError extends AdminError {
  readonly code = 'PRECONDITION.REQUIRED';
  constructor() {
    super('If-Match is required: send the ETag from your last GET (or "*" to overwrite whatever is there)');
  }
}

export class PreconditionFailedError extends AdminError {
  readonly code = 'PRECONDITION.FAILED';
  constructor(currentEtag: string) {
    super(`The resource has changed since you read it (its ETag is now ${currentEtag}): read it again and retry`);
    this.details.currentEtag = currentEtag;
  }
}

export class InvalidRequestError extends AdminError {
  readonly code = 'REQUEST.INVALID';
}

/** Fields valid one by one that do not fit together (or with what is stored): answered like a validation error. */
export class InvalidFieldsError extends InvalidRequestError {
  constructor(fields: readonly { readonly field: string; readonly messages: readonly string[] }[]) {
    super(fields.flatMap((field) => field.messages).join('; '));
    this.details.fields = fields;
  }
}

/** A write whose body is not JSON: curl -d sends a form unless told otherwise. */
export class UnsupportedMediaTypeError extends AdminError {
  readonly code = 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
  constructor(contentType: string) {
    super(
      `The admin API reads JSON bodies only (this one's Content-Type is ${contentType}): ` +
        "send Content-Type: application/json (with curl: -H 'Content-Type: application/json')",
    );
    this.details.contentType = contentType;
  }
}

export class ScheduleNotFoundError extends AdminError {
  readonly code = 'SCHEDULE.NOT_FOUND';
  constructor(departmentId: string) {
    super(`Department ${departmentId} has no schedule: it is always open (PUT one to set its hours)`);
  }
}

/** If-Match named a version of a schedule that does not exist (any more). */
export class NoScheduleToMatchError extends AdminError {
  readonly code = 'PRECONDITION.FAILED';
  constructor(departmentId: string) {
    super(`Department ${departmentId} has no schedule to match If-Match against: send none (or *) to create one`);
  }
}

export class HolidayNotFoundError extends AdminError {
  readonly code = 'HOLIDAY.NOT_FOUND';
  constructor(id: string) {
    super(`Holiday ${id} does not exist`);
  }
}

export class HolidayDateTakenError extends AdminError {
  readonly code = 'HOLIDAY.DATE_TAKEN';
  constructor(conflicting: { readonly id: string; readonly date: string; readonly name: string }) {
    super(`${conflicting.date} is already the holiday "${conflicting.name}" (${conflicting.id})`);
    this.details.conflictingHoliday = { id: conflicting.id, date: conflicting.date, name: conflicting.name };
  }
}

export class WebhookEndpointNotFoundError extends AdminError {
  readonly code = 'WEBHOOK_ENDPOINT.NOT_FOUND';
  constructor(id: string) {
    super(`Webhook endpoint ${id} does not exist`);
  }
}

/** A URL the endpoint may not have; answered like a validation error of the field, which it is. */
export class InvalidWebhookUrlError extends AdminError {
  readonly code = 'WEBHOOK_ENDPOINT.INVALID_URL';
  constructor(problem: string) {
    super(problem);
    this.details.fields = [{ field: 'url', messages: [problem] }];
  }
}

export class WebhookDeliveryNotFoundError extends AdminError {
  readonly code = 'WEBHOOK_DELIVERY.NOT_FOUND';
  constructor(deliveryId: string, endpointId?: string) {
    super(`Delivery ${deliveryId} does not exist${endpointId ? ` for webhook endpoint ${endpointId}` : ''}`);
  }
}

/** A resend of a delivery the dispatcher still retries would only race it. */
export class DeliveryStillPendingError extends AdminError {
  readonly code = 'WEBHOOK_DELIVERY.STILL_PENDING';
  constructor(deliveryId: string, nextAttemptAt: Date) {
    super(
      `Delivery ${deliveryId} is still pending: it is retried automatically (next attempt at ` +
        `${nextAttemptAt.toISOString()}); resend it once it has been delivered or has failed`,
    );
    this.details.nextAttemptAt = nextAttemptAt.toISOString();
  }
}
