import type { QueryConfig } from 'pg';
import type { EntityMetadata } from 'typeorm';
import type { SessionChange } from './session-change.js';

/** An entity column as SQL sees it: the entities stay the one description of the tables. */
export interface ColumnSpec {
  readonly property: string;
  readonly column: string;
  readonly sqlType: string;
}

/** An entity's table as SQL sees it: its schema-qualified name and its columns. */
export interface TableSpec {
  readonly table: string;
  readonly columns: ColumnSpec[];
}

export function tableSpec(metadata: EntityMetadata): TableSpec {
  return {
    // "ivr.call_sessions": qualified, so the statements never depend on the connection's search_path.
    table: metadata.tablePath,
    columns: metadata.columns.map((column) => ({
      property: column.propertyName,
      column: column.databaseName,
      sqlType: `${String(column.type)}${column.isArray ? '[]' : ''}`,
    })),
  };
}

/** A row's values by entity property name. */
type Fields = Readonly<Record<string, unknown>>;

/** A domain event as the outbox stores it, numbered within its call (see src/events). */
export interface OutboxRow {
  readonly id: string;
  readonly type: string;
  readonly sequence: number;
  readonly occurredAt: Date;
  readonly data: unknown;
}

interface ChildRows {
  readonly attempt: Fields | null;
  readonly receipt: Fields | null;
  /** The events the change stands for: stored only if the change is (none: no step). */
  readonly events: readonly OutboxRow[];
}

/** A new session, inserted whole (unless a racing webhook inserted it first), or the changes to the version read. */
export type CallWrite = ChildRows &
  (
    | { readonly isNew: true; readonly session: SessionChange & { readonly callSid: string } }
    | { readonly isNew: false; readonly callSid: string; readonly version: number; readonly changes: SessionChange }
  );

/** A session's version once inserted; each write after raises it by one (as TypeORM's @VersionColumn counts). */
export const FIRST_VERSION = 1;

const without = (columns: ColumnSpec[], ...properties: string[]): ColumnSpec[] =>
  columns.filter((column) => !properties.includes(column.property));

/** Numbered, typed placeholders ($n::type: INSERT ... SELECT does not infer parameter types). */
class Placeholders {
  private count = 0;

  next(sqlType: string): string {
    return `$${++this.count}::${sqlType}`;
  }
}

/**
 * The two statements of a webhook: one read of the session and the delivery's receipt, and one write
 * of session, attempt and receipt that applies only to the session version read (see
 * CallSessionRepository). Built from the entities' metadata. Each shape of write (which columns,
 * which rows) gets its own statement name, so PostgreSQL parses and plans it once per connection.
 */
export class CallStatements {
  readonly read: string;
  // The columns each write may set; the rest are the key, generated, or set by the statement or the table.
  private readonly tables: {
    readonly session: string;
    readonly attempt: string;
    readonly receipt: string;
    readonly outbox: string;
  };
  private readonly sessionColumns: ColumnSpec[];
  private readonly attemptColumns: ColumnSpec[];
  private readonly receiptColumns: ColumnSpec[];
  private readonly shapes = new Map<string, { readonly name: string; readonly text: string }>();

  constructor(session: TableSpec, attempt: TableSpec, receipt: TableSpec, outbox: string) {
    this.tables = { session: session.table, attempt: attempt.table, receipt: receipt.table, outbox };
    this.sessionColumns = without(session.columns, 'callSid', 'createdAt', 'updatedAt', 'version');
    this.attemptColumns = without(attempt.columns, 'id', 'callSid');
    this.receiptColumns = without(receipt.columns, 'callSid', 'createdAt');
    // The session, this delivery's receipt (a retry), and the answer stored for the round a Gather names.
    this.read = `SELECT ${session.columns.map((column) => `s.${column.column} AS "${column.property}"`).join(', ')},
        (SELECT response_twiml FROM ${receipt.table}
          WHERE call_sid = $1 AND endpoint = $2 AND idempotency_token = $3) AS "receiptTwiml",
        (SELECT response_twiml FROM ${attempt.table} WHERE call_sid = $1 AND round = $4::integer) AS "roundAnswer"
      FROM (VALUES (1)) AS one (x) LEFT JOIN ${session.table} s ON s.call_sid = $1`;
  }

  write(write: CallWrite): QueryConfig {
    const sessionRow: Fields = write.isNew ? write.session : write.changes;
    const sessionColumns = write.isNew
      ? this.sessionColumns
      : // Only what the webhook changed (undefined means unchanged, as with TypeORM's update).
        this.sessionColumns.filter((column) => sessionRow[column.property] !== undefined);
    const hasEvents = write.events.length > 0;
    const key = `${write.isNew}:${sessionColumns.map((column) => column.property).join(',')}:${!!write.attempt}:${!!write.receipt}:${hasEvents}`;
    let shape = this.shapes.get(key);
    if (!shape) {
      shape = { name: `call-write-${this.shapes.size + 1}`, text: this.writeText(write, sessionColumns) };
      this.shapes.set(key, shape);
    }
    // In the order writeText numbered them.
    const values = [
      write.isNew ? write.session.callSid : write.callSid,
      ...valuesOf(sessionRow, sessionColumns),
      ...(write.isNew ? [] : [write.version]),
      ...(write.attempt ? valuesOf(write.attempt, this.attemptColumns) : []),
      ...(write.receipt ? valuesOf(write.receipt, this.receiptColumns) : []),
      ...(hasEvents ? [JSON.stringify(write.events)] : []),
    ];
    return { name: shape.name, text: shape.text, values };
  }

  private writeText(write: CallWrite, sessionColumns: ColumnSpec[]): string {
    const placeholders = new Placeholders();
    const callSid = placeholders.next('varchar');
    const sessionWrite = write.isNew
      ? `INSERT INTO ${this.tables.session} (call_sid, version, ${names(sessionColumns)})
          VALUES (${callSid}, ${FIRST_VERSION}, ${sessionColumns.map((column) => placeholders.next(column.sqlType)).join(', ')})
          ON CONFLICT (call_sid) DO NOTHING RETURNING call_sid`
      : `UPDATE ${this.tables.session} SET ${sessionColumns
          .map((column) => `${column.column} = ${placeholders.next(column.sqlType)}, `)
          .join('')}version = version + 1, updated_at = now()
          WHERE call_sid = ${callSid} AND version = ${placeholders.next('integer')} RETURNING call_sid`;
    const steps = [`session AS (${sessionWrite})`];
    if (write.attempt)
      steps.push(`attempt AS (${insertForSession(this.tables.attempt, this.attemptColumns, placeholders)})`);
    if (write.receipt)
      steps.push(
        `receipt AS (${insertForSession(this.tables.receipt, this.receiptColumns, placeholders, (placeholderOf) =>
          receiptsBelowCap(this.tables.receipt, placeholderOf),
        )})`,
      );
    if (write.events.length > 0)
      // All of a write's events in one parameter, so any number of them shares one statement shape.
      steps.push(`events AS (INSERT INTO ${this.tables.outbox} (id, type, call_sid, sequence, occurred_at, data)
        SELECT e.id, e.type, session.call_sid, e.sequence, e."occurredAt", e.data
        FROM session, jsonb_to_recordset(${placeholders.next('jsonb')})
          AS e (id uuid, type varchar, sequence integer, "occurredAt" timestamptz, data jsonb))`);
    // Data-modifying WITH parts run whether or not the final SELECT reads them; the session's row gates them.
    return `WITH ${steps.join(',\n')} SELECT count(*)::int AS written FROM session`;
  }
}

const names = (columns: ColumnSpec[]): string => columns.map((column) => column.column).join(', ');

function valuesOf(row: Fields, columns: ColumnSpec[]): unknown[] {
  return columns.map((column) => row[column.property] ?? null);
}

/**
 * Receipts kept per call and endpoint. A real call needs a handful (one per menu round, status event,
 * retry); past this, deliveries are still answered and written, but their answer is not kept for retries,
 * so a captured request replayed with fresh (unsigned) idempotency tokens cannot grow the table.
 */
export const MAX_RECEIPTS_PER_ENDPOINT = 32;

function receiptsBelowCap(receipts: string, placeholderOf: (property: string) => string): string {
  return `(SELECT count(*) FROM (SELECT 1 FROM ${receipts} kept WHERE kept.call_sid = session.call_sid
      AND kept.endpoint = ${placeholderOf('endpoint')} LIMIT ${MAX_RECEIPTS_PER_ENDPOINT}) AS kept)
    < ${MAX_RECEIPTS_PER_ENDPOINT}`;
}

/**
 * An insert that happens only when the session's own write did (the session step returned its row),
 * and when `where` (given each column's placeholder) holds.
 */
function insertForSession(
  table: string,
  columns: ColumnSpec[],
  placeholders: Placeholders,
  where?: (placeholderOf: (property: string) => string) => string,
): string {
  const values = columns.map((column) => placeholders.next(column.sqlType));
  const placeholderOf = (property: string): string =>
    values[columns.findIndex((column) => column.property === property)];
  return `INSERT INTO ${table} (call_sid, ${names(columns)})
    SELECT call_sid, ${values.join(', ')} FROM session${where ? ` WHERE ${where(placeholderOf)}` : ''}`;
}
