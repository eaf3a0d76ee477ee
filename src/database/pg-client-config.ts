import type pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { postgresConnectionOf } from './postgres-connection.js';

/**
 * A pg client configuration for a connection of the IVR's own (the LISTEN connection) to the database of a
 * host's DataSource, whichever way the host spelled it: a URL, or host, port, user, password and database.
 */
export function pgClientConfigOf(options: DataSourceOptions, applicationName: string): pg.ClientConfig {
  const { url, host, port, username, password, database, ssl } = postgresConnectionOf(options);
  return {
    connectionString: url,
    host,
    port,
    user: username,
    password,
    database,
    ssl: ssl as pg.ClientConfig['ssl'],
    application_name: applicationName,
  };
}
