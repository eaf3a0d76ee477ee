import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions, reportDataSourceOptions } from './data-source-options.js';
import { pgClientConfigOf } from './pg-client-config.js';

const LIMITS = { connections: 2, statementTimeoutMs: 15000 };

describe('reportDataSourceOptions', () => {
  it('connects to the same database as the main pool, with a pool of its own', () => {
    const sut = reportDataSourceOptions(dataSourceOptions('postgres://ivr:secret@db.example.com:5432/ivr'), LIMITS);

    expect(sut).toMatchObject({ type: 'postgres', url: 'postgres://ivr:secret@db.example.com:5432/ivr' });
    expect(sut.extra).toMatchObject({ max: 2, application_name: 'twilio-ivr-reports' });
  });

  it('starts every connection read-only and with the statement timeout', () => {
    const sut = reportDataSourceOptions(dataSourceOptions('postgres://localhost/ivr'), LIMITS);

    expect((sut.extra as { options: string }).options).toBe(
      '-c statement_timeout=15000 -c default_transaction_read_only=on',
    );
  });

  it('keeps a host given field by field', () => {
    const main: DataSourceOptions = { type: 'postgres', host: 'db', port: 6432, username: 'ivr', database: 'ivr' };

    expect(reportDataSourceOptions(main, LIMITS)).toMatchObject({
      host: 'db',
      port: 6432,
      username: 'ivr',
      database: 'ivr',
    });
  });

  it('reads no entities and runs no migrations', () => {
    const sut = reportDataSourceOptions(dataSourceOptions('postgres://localhost/ivr'), LIMITS);

    expect(sut).not.toHaveProperty('entities');
    expect(sut).not.toHaveProperty('migrations');
    expect(sut.migrationsRun).toBe(false);
  });

  it('refuses a database that is not PostgreSQL', () => {
    expect(() => reportDataSourceOptions({ type: 'better-sqlite3', database: ':memory:' }, LIMITS)).toThrow(
      'The IVR needs PostgreSQL, not better-sqlite3',
    );
  });
});

describe('pgClientConfigOf', () => {
  it.each<{ name: string; options: DataSourceOptions; expected: Record<string, unknown> }>([
    {
      name: 'a host DataSource given as a URL',
      options: { type: 'postgres', url: 'postgres://ivr@db.internal/app' },
      expected: { connectionString: 'postgres://ivr@db.internal/app' },
    },
    {
      name: 'a host DataSource given as separate fields, TLS included',
      options: {
        type: 'postgres',
        host: 'db.internal',
        port: 6432,
        username: 'app',
        password: 'secret',
        database: 'company',
        ssl: { rejectUnauthorized: true },
      },
      expected: {
        host: 'db.internal',
        port: 6432,
        user: 'app',
        password: 'secret',
        database: 'company',
        ssl: { rejectUnauthorized: true },
      },
    },
    {
      name: 'a host DataSource with read replicas (its primary)',
      options: {
        type: 'postgres',
        replication: {
          master: { host: 'primary.internal', username: 'app', database: 'company' },
          slaves: [{ host: 'replica.internal', username: 'app', database: 'company' }],
        },
      },
      expected: { host: 'primary.internal', user: 'app', database: 'company' },
    },
  ])('connects where $name connects', ({ options, expected }) => {
    expect(pgClientConfigOf(options, 'twilio-ivr-listener')).toMatchObject({
      ...expected,
      application_name: 'twilio-ivr-listener',
    });
  });

  it('refuses a database that is not PostgreSQL', () => {
    expect(() => pgClientConfigOf({ type: 'better-sqlite3', database: ':memory:' }, 'x')).toThrow(
      'The IVR needs PostgreSQL, not better-sqlite3',
    );
  });
});
