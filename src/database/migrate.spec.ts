import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { ivrMigrationDataSourceOptions } from './migrate.js';

describe('ivrMigrationDataSourceOptions', () => {
  const host: DataSourceOptions = {
    type: 'postgres',
    url: 'postgres://app:secret@db.example.com:5432/shop',
    ssl: true,
    schema: 'shop',
    migrations: ['dist/migrations/*.js'],
    migrationsTableName: 'migrations',
    extra: { max: 50, statement_timeout: 1000 },
  };

  it("connects where the host's DataSource does", () => {
    expect(ivrMigrationDataSourceOptions(host)).toMatchObject({
      type: 'postgres',
      url: 'postgres://app:secret@db.example.com:5432/shop',
      ssl: true,
    });
  });

  it("keeps the IVR's history in ivr.migrations with the IVR's migrations, whatever the host's are", () => {
    const sut = ivrMigrationDataSourceOptions(host);

    expect(sut).toMatchObject({ schema: 'ivr', migrationsTableName: 'migrations', migrations });
    expect(sut).not.toHaveProperty('entities');
  });

  it("keeps the host's driver settings with a pool of its own", () => {
    expect(ivrMigrationDataSourceOptions(host).extra).toEqual({
      max: 2,
      statement_timeout: 1000,
      application_name: 'twilio-ivr-migrations',
    });
  });

  it('connects to the primary of a replicated DataSource', () => {
    const replicated: DataSourceOptions = {
      type: 'postgres',
      replication: {
        master: { host: 'primary', port: 5432, username: 'app', database: 'shop' },
        slaves: [{ host: 'replica', port: 5432, username: 'app', database: 'shop' }],
      },
    };

    expect(ivrMigrationDataSourceOptions(replicated)).toMatchObject({ host: 'primary', database: 'shop' });
  });

  it('refuses a database that is not PostgreSQL', () => {
    expect(() => ivrMigrationDataSourceOptions({ type: 'better-sqlite3', database: ':memory:' })).toThrow(
      'The IVR needs PostgreSQL, not better-sqlite3',
    );
  });
});
