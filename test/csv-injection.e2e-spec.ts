import request from 'supertest';
import { adminClient, NEW_DEPARTMENT } from './helpers/admin-client.js';
import { createDepartment, resetDatabase, SALES } from './helpers/factories.js';
import { seedSession } from './helpers/reporting.js';
import { ADMIN_SECRET, dataSourceOf } from './helpers/test-app.js';
import { useTestApp } from './helpers/use-test-app.js';

/** A name that is harmless as one cell, but a formula in a spreadsheet that splits the line at ";". */
const FORMULA_AFTER_SEPARATOR = "x;=cmd|' /C calc'!A0;";
/** The separators a spreadsheet may split a line at, whatever the file says (locale, import wizard). */
const SEPARATORS = [',', ';', '\t', '|'];
const PHONE_NUMBER = /^\+[\d*]+$/;

/** Whether a spreadsheet would run `cell` as a formula: its first character, past blanks and quotes, is a trigger. */
const startsFormula = (cell: string): boolean => {
  const content = cell.replace(/^[\s"]+/, '');
  return /^[=+\-@]/.test(content) && !PHONE_NUMBER.test(content.replace(/"+$/, ''));
};

describe('CSV export against formula injection (e2e)', () => {
  const ctx = useTestApp();

  beforeEach(async () => {
    await resetDatabase(ctx.app);
  });

  it('exports a department named with a formula after a separator so that no separator starts a formula', async () => {
    const created = await adminClient(ctx.app)
      .post('/admin/departments', { ...NEW_DEPARTMENT, name: FORMULA_AFTER_SEPARATOR })
      .expect(201);
    await seedSession(dataSourceOf(ctx.app), {
      startedAt: '2026-01-15T10:00:00Z',
      outcome: 'connected',
      departmentId: created.body.id,
      durationSeconds: 30,
    });

    const csv = (await adminClient(ctx.app).get('/admin/call-sessions?format=csv').expect(200)).text;

    const [, row] = csv.split('\r\n');
    expect(row).toContain("cmd|' /C calc'!A0");
    for (const separator of SEPARATORS) {
      expect(row.split(separator).filter(startsFormula)).toEqual([]);
    }
  });

  it.each([
    ['a department name', '/admin/departments', { ...NEW_DEPARTMENT, name: 'Sales\u0007' }],
    ['a department name with a tab', '/admin/departments', { ...NEW_DEPARTMENT, name: 'x\t=1+1' }],
    ['a department name with a line break', '/admin/departments', { ...NEW_DEPARTMENT, name: 'x\n=1+1' }],
    ['a department name with a bidi override', '/admin/departments', { ...NEW_DEPARTMENT, name: 'Sales\u202Eevil' }],
    ['a holiday name', '/admin/holidays', { date: '2026-12-25', name: 'Christmas\r=1+1' }],
  ])('refuses %s with a control character (400)', async (_case, path, body) => {
    const response = await adminClient(ctx.app).post(path, body).expect(400);

    expect(JSON.stringify(response.body)).toContain('name must be printable text without control characters');
  });

  it('refuses a renamed department and a special date whose name has a control character (400)', async () => {
    const sales = await createDepartment(ctx.app, SALES);

    const rename = await adminClient(ctx.app).patch(`/admin/departments/${sales.id}`, { name: 'Sales\u0000' }, '*');
    const schedule = await request(ctx.app.getHttpServer())
      .put(`/admin/departments/${sales.id}/schedule`)
      .set('Authorization', `Bearer ${ADMIN_SECRET}`)
      .send({
        timeZone: 'America/New_York',
        weekly: {},
        overrides: [{ date: '2026-12-24', name: 'Eve\u001b[2J', hours: [] }],
      });

    // A NUL is refused before validation, wherever it is (PostgreSQL text cannot hold one); other controls by the name's rule.
    expect(rename.status).toBe(400);
    expect(rename.body.message).toEqual(['name must not contain a NUL character (\\u0000)']);
    expect(schedule.status).toBe(400);
    expect(JSON.stringify(schedule.body)).toContain('name must be printable text without control characters');
  });
});
