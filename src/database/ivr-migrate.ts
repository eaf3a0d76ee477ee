#!/usr/bin/env node
// `ivr-migrate status|up`: the IVR's migrations from a host's deploy step, on the database DATABASE_URL names.
import { readCliDatabaseUrl } from '../config/cli-environment.js';
import { ivrMigrationStatus, runIvrMigrations } from './migrate.js';
import { statusReport } from './migration-status.js';

const COMMANDS = ['status', 'up'] as const;
type Command = (typeof COMMANDS)[number];

async function run(command: Command, url: string): Promise<void> {
  // The runner opens its own connection, with its own history table, to this database.
  const dataSource = { options: { type: 'postgres', url } } as const;
  if (command === 'status') {
    for (const line of statusReport(await ivrMigrationStatus(dataSource))) console.log(line);
    return;
  }
  const applied = await runIvrMigrations(dataSource);
  for (const name of applied) console.log(`Applied ${name}`);
  const { applied: all } = await ivrMigrationStatus(dataSource);
  console.log(`Up to date: ${all.length} applied${applied.length === 0 ? ', nothing to do' : ''}`);
}

async function main(): Promise<number> {
  const command = process.argv[2];
  if (!COMMANDS.includes(command as Command)) {
    console.error(`Usage: ivr-migrate ${COMMANDS.join('|')}   (reads DATABASE_URL)`);
    return 2;
  }
  const url = await readCliDatabaseUrl();
  if (!url) {
    console.error('DATABASE_URL is unset: set it to the database that holds (or will hold) the schema ivr');
    return 2;
  }
  try {
    await run(command as Command, url);
    return 0;
  } catch (error) {
    console.error(`ivr-migrate ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main();
