import type { DataSource } from 'typeorm';

// Any fixed number: instances starting together take turns to migrate.
const MIGRATION_LOCK_KEY = 727_480_001;

/** Applies pending migrations, one instance at a time when several start at once. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await queryRunner.release();
  }
}
