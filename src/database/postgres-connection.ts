import type { DataSourceOptions } from 'typeorm';
import type { PostgresConnectionCredentialsOptions } from 'typeorm/driver/postgres/PostgresConnectionCredentialsOptions.js';
export type PostgresConnection = Pick<
  PostgresConnectionCredentialsOptions,
  'url' | 'host' | 'port' | 'username' | 'password' | 'database' | 'ssl'
>;

/**
 * Where a DataSource connects (its primary, when it has replicas), however it was spelled (a URL, or host, port,
 * user, password and database): for the connections the IVR opens of its own beside it.
 */
export function postgresConnectionOf(options: DataSourceOptions): PostgresConnection {
  if (options.type !== 'postgres') throw new Error(`The IVR needs PostgreSQL, not ${options.type}`);
  const { url, host, port, username, password, database, ssl } = options.replication?.master ?? options;
  return { url, host, port, username, password, database, ssl };
}
