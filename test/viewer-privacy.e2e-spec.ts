import type { NestExpressApplication } from '@nestjs/platform-express';
import { adminClient, viewerClient } from './helpers/admin-client.js';
import { createStandardMenu } from './helpers/factories.js';
import { type PlayedCall, playCall } from './helpers/reporting.js';
import { createTestApp, createTestDatabase } from './helpers/test-app.js';

const CALLER = '+15551230123';

describe('reports: what a viewer token may learn (e2e)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let app: NestExpressApplication;
  let call: PlayedCall;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp({ databaseUrl: database.url });
    await createStandardMenu(app);
    call = await (await playCall(app, CALLER)).press('3');
    await (await (await call.dialed('no-answer')).recorded(12)).ended('completed', 40);
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it.each([
    ['the listing', '/admin/call-sessions?caller=%2B15551230123'],
    ['a wrong guess', '/admin/call-sessions?caller=%2B15550000000'],
    ['the CSV export', '/admin/call-sessions?format=csv&caller=%2B15551230123'],
  ])('refuses the caller filter to a viewer on %s, saying why', async (_case, path) => {
    const response = await viewerClient(app).get(path).expect(403);

    expect(response.body).toMatchObject({ statusCode: 403, code: 'CALL_SESSION.CALLER_FILTER_FORBIDDEN' });
    expect(response.body.message).toMatch(/masked/);
    expect(response.text).not.toContain('15551230123');
  });

  it('still lets an admin filter by caller, in the listing and the CSV export', async () => {
    const page = await adminClient(app).get('/admin/call-sessions?caller=%2B15551230123').expect(200);
    const csv = await adminClient(app).get('/admin/call-sessions?format=csv&caller=%2B15551230123').expect(200);

    expect(page.body.items.map((row: { callSid: string }) => row.callSid)).toEqual([call.callSid]);
    expect(csv.text).toContain(call.callSid);
  });

  it('shows the recording to a viewer without its URL, and to an admin with it', async () => {
    const asViewer = await viewerClient(app).get(`/admin/call-sessions/${call.callSid}`).expect(200);
    const asAdmin = await adminClient(app).get(`/admin/call-sessions/${call.callSid}`).expect(200);

    expect(asViewer.body.recording).toStrictEqual({
      sid: `RE${call.callSid.slice(2)}`,
      url: null,
      durationSeconds: 12,
    });
    expect(asViewer.text).not.toContain('/Recordings/');
    expect(asAdmin.body.recording.url).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE${call.callSid.slice(2)}`,
    );
  });
});
