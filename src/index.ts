// The package's public entry: what a host app may import. Nothing else of src/ is part of the contract.
export { IvrModule } from './ivr.module.js';
export { type IvrModuleOptions, IvrOptionsError } from './ivr-options.js';
export { IVR_MODULE_OPTIONS, type IvrModuleExtras } from './ivr.module-definition.js';
export type { AdminToken, AdminRole } from './config/admin-tokens.js';
export type { AdminJwtConfig } from './config/admin-jwt.js';
export { ADMIN_ACTOR_RESOLVER, type AdminActor, type AdminActorResolver } from './admin-api/admin-actor.js';
export type { WebhookEvent, WebhookKind } from './twilio/webhook-event.js';
export { WEBHOOK_KINDS } from './twilio/webhook-event.js';
export { migrations as IVR_MIGRATIONS } from '../migrations/index.js';
export { ivrApiDocument } from './ivr-api-docs.js';
export { entities as IVR_ENTITIES } from './database/data-source-options.js';
export {
  ensureIvrSchema,
  ivrMigrationDataSourceOptions,
  IvrSchemaBehindError,
  type IvrSchemaMode,
} from './database/migrate.js';
export { IvrHealthIndicator } from './health/ivr-health.indicator.js';
export { ReportAggregatesService, type RollUpResult } from './reporting/aggregates/report-aggregates.service.js';
export {
  IVR_EVENT_TYPES,
  type AnyIvrEvent,
  type IvrEvent,
  type IvrEventData,
  type IvrEventType,
} from './events/ivr-event.js';
export { OnIvrEvent } from './events/on-ivr-event.decorator.js';
export type { IvrEventOptions } from './events/event-options.js';
export { IVR_CALL_HOOKS, type CallerInfo, type IncomingCall, type IvrCallHooks } from './events/call-hooks.js';
export { httpCallerHooks, type HttpCallerHooksOptions } from './events/http-caller-hooks.js';
