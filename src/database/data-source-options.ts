import type { DataSourceOptions } from 'typeorm';
import { postgresConnectionOf } from './postgres-connection.js';
import { AuditLogEntry } from '../audit/audit-log-entry.entity.js';
import { CallAttempt } from '../call-sessions/call-attempt.entity.js';
import { CallSession } from '../call-sessions/call-session.entity.js';
import { WebhookReceipt } from '../call-sessions/webhook-receipt.entity.js';
import { Department } from '../routing/department.entity.js';
import { Settings } from '../routing/settings.entity.js';
import { Menu } from '../routing/menu.entity.js';
import { MenuOption } from '../routing/menu-option.entity.js';
import { WebhookEndpoint } from '../events/webhook-endpoint.entity.js';

// Every entity is declared with synchronize: false: the hand-written migrations own the schema
// (partial and expression indexes, checks, triggers that entity decorators cannot express), so
// neither synchronize nor migration:generate may touch these tables.
export const entities = [
  Department,
  Settings,
  Menu,
  MenuOption,
  CallSession,
  CallAttempt,
  WebhookReceipt,
  AuditLogEntry,
  WebhookEndpoint,
];

/** One definition of the connection, shared by the app, the CLI scripts and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    // The schema only ever changes through the IVR's own migrations (src/database/migrate.ts), with their
    // history in ivr.migrations; this DataSource knows none, as a host's would not.
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, connectionTimeoutMillis: 5000, application_name: 'twilio-ivr' },
  };
}

/** What the reports' own pool is limited to (see reportDataSourceOptions). */
export interface ReportPoolLimits {
  readonly connections: number;
  readonly statementTimeoutMs: number;
}

/**
 * The reports' own pool, on the database `main` connects to: a few connections of their own, so that
 * reports never take the webhooks' connections, each read-only and with a statement timeout. Both are
 * set when the connection starts, so they hold for every statement on it (a CSV export's batches too).
 */
export function reportDataSourceOptions(main: DataSourceOptions, limits: ReportPoolLimits): DataSourceOptions {
  return {
    type: 'postgres',
    ...postgresConnectionOf(main),
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    extra: {
      max: limits.connections,
      connectionTimeoutMillis: 5000,
      application_name: 'twilio-ivr-reports',
      options: `-c statement_timeout=${limits.statementTimeoutMs} -c default_transaction_read_only=on`,
    },
  };
}
