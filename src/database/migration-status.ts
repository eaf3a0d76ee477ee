/** The command that brings the IVR's schema up to date, as a host's operator runs it. */
export const MIGRATE_COMMAND = 'npx ivr-migrate up';

/** How many pending names the one-line message spells out before it counts the rest. */
const NAMES_SHOWN = 3;

/** Where the IVR's schema stands: the migrations applied and those still to apply, each in the order they run. */
export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

/** The IVR's migration names not applied yet, in the order they run. */
export function pendingMigrations(known: readonly string[], applied: readonly string[]): string[] {
  const done = new Set(applied);
  return known.filter((name) => !done.has(name));
}

/** The one line `verify` refuses to start with: what is missing and the command that applies it. */
export function schemaBehindMessage(pending: readonly string[]): string {
  const shown = pending.slice(0, NAMES_SHOWN).join(', ');
  const more = pending.length > NAMES_SHOWN ? ` and ${pending.length - NAMES_SHOWN} more` : '';
  const count = `${pending.length} migration${pending.length === 1 ? '' : 's'} pending`;
  return `The IVR's database schema is behind (${count}: ${shown}${more}): run \`${MIGRATE_COMMAND}\``;
}

/** `ivr-migrate status`: one line per migration, applied ones marked, then a summary line. */
export function statusReport(status: MigrationStatus): string[] {
  return [
    ...status.applied.map((name) => `[x] ${name}`),
    ...status.pending.map((name) => `[ ] ${name}`),
    status.pending.length === 0
      ? `Up to date: ${status.applied.length} applied`
      : `${status.applied.length} applied, ${status.pending.length} pending: run \`${MIGRATE_COMMAND}\``,
  ];
}
