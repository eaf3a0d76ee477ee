import type pg from 'pg';
import type { DataSourceOptions } from 'typeorm';

/**
 * A pg client configuration for a connection of the IVR's own (the LISTEN connection) to the database of a
 * host's DataSource, whichever way the host spelled it: a URL, or host, port, user, password and database.
 */
export function pgClientConfigOf(options: DataSourceOptions, applicationName: string): pg.ClientConfig {
  if (options.type !== 'postgres') throw new Error(`The IVR needs PostgreSQL, not ${options.type}`);
  const { url, host, port, username, password, database, ssl } = options;
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
