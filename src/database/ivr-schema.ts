/**
 * The PostgreSQL schema that holds every IVR table, and those tables' qualified names. SQL always names them
 * qualified: a host's connection keeps its own search_path (usually just `public`), which the IVR never relies on.
 */
export const IVR_SCHEMA = 'ivr';

/** The IVR's own migration history, apart from any history a host keeps in `public`. */
export const IVR_MIGRATIONS_TABLE = 'migrations';

const qualified = <const Name extends string>(name: Name): `${typeof IVR_SCHEMA}.${Name}` => `${IVR_SCHEMA}.${name}`;

/** Every IVR table, qualified, for raw SQL (the entities name the same tables with `schema: IVR_SCHEMA`). */
export const IVR_TABLES = {
  departments: qualified('departments'),
  settings: qualified('settings'),
  menus: qualified('menus'),
  menuOptions: qualified('menu_options'),
  callSessions: qualified('call_sessions'),
  callAttempts: qualified('call_attempts'),
  webhookReceipts: qualified('webhook_receipts'),
  auditLog: qualified('audit_log'),
  departmentSchedules: qualified('department_schedules'),
  companyHolidays: qualified('company_holidays'),
  outbox: qualified('outbox'),
  outboxFanOut: qualified('outbox_fan_out'),
  webhookEndpoints: qualified('webhook_endpoints'),
  eventDeliveries: qualified('event_deliveries'),
  eventDeliveryAttempts: qualified('event_delivery_attempts'),
  reportDayCalls: qualified('report_day_calls'),
  reportDayDurations: qualified('report_day_durations'),
  reportDayAttempts: qualified('report_day_attempts'),
  reportDayClosed: qualified('report_day_closed'),
  reportQuarterHourCalls: qualified('report_quarter_hour_calls'),
  reportAggregateState: qualified('report_aggregate_state'),
  migrations: qualified(IVR_MIGRATIONS_TABLE),
} as const;
