import { CallStatements, type ColumnSpec, type TableSpec } from './call-session.statements.js';

const column = (property: string, column: string, sqlType: string): ColumnSpec => ({ property, column, sqlType });

const SESSION: TableSpec = {
  table: 'ivr.call_sessions',
  columns: [
    column('callSid', 'call_sid', 'varchar'),
    column('round', 'round', 'integer'),
    column('outcome', 'outcome', 'varchar'),
    column('endedAt', 'ended_at', 'timestamptz'),
    column('createdAt', 'created_at', 'timestamptz'),
    column('updatedAt', 'updated_at', 'timestamptz'),
    column('version', 'version', 'integer'),
  ],
};
const ATTEMPT: TableSpec = {
  table: 'ivr.call_attempts',
  columns: [
    column('id', 'id', 'bigint'),
    column('callSid', 'call_sid', 'varchar'),
    column('round', 'round', 'integer'),
    column('decision', 'decision', 'varchar'),
  ],
};
const RECEIPT: TableSpec = {
  table: 'ivr.webhook_receipts',
  columns: [
    column('callSid', 'call_sid', 'varchar'),
    column('endpoint', 'endpoint', 'varchar'),
    column('responseTwiml', 'response_twiml', 'text'),
    column('createdAt', 'created_at', 'timestamptz'),
  ],
};

/** The $n placeholders of a statement, in order of number (one that is used twice, once). */
function placeholderTypes(text: string): string[] {
  const placeholders = [...text.matchAll(/\$(\d+)::(\w+)/g)]
    .sort((left, right) => Number(left[1]) - Number(right[1]))
    .map((match) => `$${match[1]}:${match[2]}`);
  return [...new Set(placeholders)];
}

describe('CallStatements', () => {
  const sut = new CallStatements(SESSION, ATTEMPT, RECEIPT, 'ivr.outbox');

  it('updates only the columns the webhook changed, at the version read, and raises the version', () => {
    const statement = sut.write({
      isNew: false,
      callSid: 'CA1',
      version: 3,
      changes: { outcome: 'connected', round: undefined },
      attempt: null,
      receipt: null,
      events: [],
    });

    expect(statement.text).toContain('UPDATE ivr.call_sessions SET outcome = $2::varchar, version = version + 1');
    expect(statement.text).toContain('WHERE call_sid = $1::varchar AND version = $3::integer');
    expect(statement.text).not.toContain('round =');
    expect(statement.values).toEqual(['CA1', 'connected', 3]);
  });

  it('numbers every value in the order it passes them, attempt and receipt gated on the session row', () => {
    const endedAt = new Date('2026-11-27T10:00:00Z');
    const statement = sut.write({
      isNew: false,
      callSid: 'CA1',
      version: 0,
      changes: { round: 2, endedAt },
      attempt: { round: 1, decision: 'route' },
      receipt: { endpoint: 'gather', responseTwiml: '<Response/>' },
      events: [],
    });

    expect(placeholderTypes(statement.text)).toEqual([
      '$1:varchar',
      '$2:integer',
      '$3:timestamptz',
      '$4:integer',
      '$5:integer',
      '$6:varchar',
      '$7:varchar',
      '$8:text',
    ]);
    expect(statement.values).toEqual(['CA1', 2, endedAt, 0, 1, 'route', 'gather', '<Response/>']);
    // The receipt is kept only while its call and endpoint hold fewer than the cap.
    expect(statement.text).toMatch(/kept\.endpoint = \$7::varchar LIMIT 32\) AS kept\)\s+< 32/);
    expect(statement.text).toContain('INSERT INTO ivr.call_attempts (call_sid, round, decision)');
    expect(statement.text).toContain('INSERT INTO ivr.webhook_receipts (call_sid, endpoint, response_twiml)');
    expect(statement.text.match(/FROM session/g)).toHaveLength(3);
  });

  it('inserts a new session whole, at the first version, and does nothing when it exists already', () => {
    const statement = sut.write({
      isNew: true,
      session: { callSid: 'CA2', round: 1, outcome: null, endedAt: null },
      attempt: null,
      receipt: { endpoint: 'incoming', responseTwiml: '<Response/>' },
      events: [],
    });

    expect(statement.text).toContain('INSERT INTO ivr.call_sessions (call_sid, version, round, outcome, ended_at)');
    expect(statement.text).toContain('VALUES ($1::varchar, 1, $2::integer');
    expect(statement.text).toContain('ON CONFLICT (call_sid) DO NOTHING RETURNING call_sid');
    expect(statement.values).toEqual(['CA2', 1, null, null, 'incoming', '<Response/>']);
  });

  it('gives each shape of write one name, so the name always stands for the same text', () => {
    const write = (changes: Record<string, unknown>, withReceipt: boolean) =>
      sut.write({
        isNew: false,
        callSid: 'CA3',
        version: 1,
        changes,
        attempt: null,
        receipt: withReceipt ? { endpoint: 'status', responseTwiml: '<Response/>' } : null,
        events: [],
      });
    const first = write({ outcome: 'failed' }, true);
    const again = write({ outcome: 'voicemail' }, true);
    const otherColumns = write({ round: 2 }, true);
    const noReceipt = write({ outcome: 'failed' }, false);

    expect(again.name).toBe(first.name);
    expect(again.text).toBe(first.text);
    expect(new Set([first.name, otherColumns.name, noReceipt.name]).size).toBe(3);
  });

  it("stores all of a write's events in one step gated on the session row, in one parameter whatever their number", () => {
    const event = (sequence: number) => ({
      id: `00000000-0000-4000-8000-00000000000${sequence}`,
      type: 'call.started',
      sequence,
      occurredAt: new Date('2026-11-27T10:00:00Z'),
      data: { from: '+15550001111' },
    });
    const write = (events: ReturnType<typeof event>[]) =>
      sut.write({
        isNew: false,
        callSid: 'CA4',
        version: 2,
        changes: { round: 3 },
        attempt: null,
        receipt: null,
        events,
      });
    const one = write([event(1)]);
    const two = write([event(1), event(2)]);

    expect(one.text).toContain('INSERT INTO ivr.outbox (id, type, call_sid, sequence, occurred_at, data)');
    expect(one.text).toContain('FROM session, jsonb_to_recordset($4::jsonb)');
    expect(two.name).toBe(one.name);
    expect(JSON.parse(two.values?.[3] as string)).toEqual(JSON.parse(JSON.stringify([event(1), event(2)])));
    expect(write([]).text).not.toContain('ivr.outbox');
  });

  it('reads the session under its property names, and the receipt of this delivery only', () => {
    expect(sut.read).toContain('s.ended_at AS "endedAt"');
    expect(sut.read).toContain('WHERE call_sid = $1 AND endpoint = $2 AND idempotency_token = $3');
    expect(sut.read).toContain('LEFT JOIN ivr.call_sessions s ON s.call_sid = $1');
  });
});
