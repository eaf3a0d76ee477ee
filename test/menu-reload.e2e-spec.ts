import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { adminClient } from './helpers/admin-client.js';
import { pollUntil } from './helpers/deadline.js';
import { createStandardMenu, OPERATOR_NUMBER } from './helpers/factories.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { findOrFail } from './helpers/twiml.js';
import { useTestDatabase } from './helpers/use-test-app.js';

const LISTENERS = `FROM pg_stat_activity WHERE application_name = 'twilio-ivr-listener' AND datname = current_database()`;

/** The fallback URL answers from the menu last read; an instance that serves no webhook must still read changes. */
describe('menu reloaded on a change notification (e2e)', () => {
  const database = useTestDatabase();
  let editor: NestExpressApplication;
  let other: NestExpressApplication;

  beforeAll(async () => {
    editor = await database.createApp();
    await createStandardMenu(editor);
    // Started after the menu was made: it read the operator once, at startup.
    other = await database.createApp();
  });

  async function fallbackOperatorOn(app: NestExpressApplication): Promise<string> {
    const params = callParams(newCallSid(), {
      ErrorCode: '11200',
      ErrorUrl: 'https://ivr.example.test/voice/incoming',
    });
    const response = await signedPost(app, '/voice/fallback', params).expect(200);
    return findOrFail(response.text, 'Number').text;
  }

  async function changeOperator(operatorNumber: string): Promise<void> {
    const current = await adminClient(editor).get('/admin/settings').expect(200);
    await adminClient(editor).patch('/admin/settings', { operatorNumber }, current.headers.etag).expect(200);
  }

  it('answers the fallback URL with the operator changed on another instance, with no webhook in between', async () => {
    expect(await fallbackOperatorOn(other)).toBe(OPERATOR_NUMBER);

    await changeOperator('+15555550177');

    const operator = await pollUntil(
      () => fallbackOperatorOn(other),
      (number) => number === '+15555550177',
    );
    expect(operator).toBe('+15555550177');
  });

  it('reads the menu again when its listening connection comes back, for changes made while it was away', async () => {
    const inspect = editor.get(DataSource);
    await inspect.query(`SELECT pg_terminate_backend(pid) ${LISTENERS}`);
    const gone = await pollUntil(
      () => inspect.query<{ n: number }[]>(`SELECT count(*)::int AS n ${LISTENERS}`),
      ([{ n }]) => n === 0,
    );
    expect(gone).toEqual([{ n: 0 }]);

    // Nobody hears this change: the listeners reconnect a second after they were cut.
    await changeOperator('+15555550188');

    const operator = await pollUntil(
      () => fallbackOperatorOn(other),
      (number) => number === '+15555550188',
      5000,
    );
    expect(operator).toBe('+15555550188');
  });
});
