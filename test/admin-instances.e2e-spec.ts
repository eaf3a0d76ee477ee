import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { adminClient, NEW_DEPARTMENT } from './helpers/admin-client.js';
import { callParams, newCallSid, signedPost } from './helpers/test-app.js';
import { findOrFail } from './helpers/twiml.js';
import { useTestApp } from './helpers/use-test-app.js';

/** Polls `read` until `accept` holds or a second has passed; returns the last value and how long it took. */
async function withinASecond<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
): Promise<{ value: T; elapsedMs: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    const elapsedMs = Date.now() - started;
    if (accept(value) || elapsedMs > 1000) return { value, elapsedMs };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('menu changes reach every instance (e2e)', () => {
  const ctx = useTestApp({ instances: 2, menu: 'beforeEach' });
  let editor: NestExpressApplication;
  let other: NestExpressApplication;

  beforeAll(() => {
    [editor, other] = ctx.apps;
  });

  async function menuHeardOn(app: NestExpressApplication): Promise<string> {
    const response = await signedPost(app, '/voice/incoming', callParams(newCallSid())).expect(200);
    return findOrFail(response.text, 'Say').text;
  }

  async function dialledOn(app: NestExpressApplication, digits: string): Promise<string | undefined> {
    const callSid = newCallSid();
    await signedPost(app, '/voice/incoming', callParams(callSid)).expect(200);
    const response = await signedPost(app, '/voice/gather?round=1', callParams(callSid, { Digits: digits })).expect(
      200,
    );
    return response.text.match(/<Number>([^<]+)<\/Number>/)?.[1];
  }

  it('a department created, edited and deactivated on one instance changes the next call on the other', async () => {
    // Warm the other instance's cache with the current menu.
    expect(await menuHeardOn(other)).not.toContain('Returns');

    const created = await adminClient(editor)
      .post('/admin/departments', { ...NEW_DEPARTMENT, position: 4 })
      .expect(201);
    const afterCreate = await withinASecond(
      () => menuHeardOn(other),
      (text) => text.includes('For Returns, press 4 or say returns.'),
    );
    expect(afterCreate.value).toContain('For Returns, press 4 or say returns.');
    expect(await dialledOn(other, '4')).toBe('+15555550104');

    await adminClient(editor)
      .patch(`/admin/departments/${created.body.id}`, { phoneNumber: '+15555550144' }, created.headers.etag)
      .expect(200);
    const afterEdit = await withinASecond(
      () => dialledOn(other, '4'),
      (number) => number === '+15555550144',
    );
    expect(afterEdit.value).toBe('+15555550144');

    await adminClient(editor).delete(`/admin/departments/${created.body.id}`, '"2"').expect(200);
    const afterDeactivate = await withinASecond(
      () => menuHeardOn(other),
      (text) => !text.includes('Returns'),
    );
    expect(afterDeactivate.value).not.toContain('Returns');
    expect(await dialledOn(other, '4')).toBeUndefined();
  });

  it('a settings change on one instance is used by the next call on the other', async () => {
    await menuHeardOn(other);
    await adminClient(editor).patch('/admin/settings', { greeting: 'Hello from the new greeting.' }, '*').expect(200);
    const { value } = await withinASecond(
      () => menuHeardOn(other),
      (text) => text.startsWith('Hello from the new greeting.'),
    );
    expect(value).toMatch(/^Hello from the new greeting\./);
  });

  it('keeps hearing changes after its listening connection is cut', async () => {
    await menuHeardOn(other);
    await editor
      .get(DataSource)
      .query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'twilio-ivr-listener' AND datname = current_database()`,
      );
    await adminClient(editor).patch('/admin/settings', { greeting: 'Changed while reconnecting.' }, '*').expect(200);
    const { value } = await withinASecond(
      () => menuHeardOn(other),
      (text) => text.startsWith('Changed while reconnecting.'),
    );
    expect(value).toMatch(/^Changed while reconnecting\./);

    // Reconnected (about a second later): later changes still arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await adminClient(editor).patch('/admin/settings', { greeting: 'Changed after reconnecting.' }, '*').expect(200);
    const later = await withinASecond(
      () => menuHeardOn(other),
      (text) => text.startsWith('Changed after reconnecting.'),
    );
    expect(later.value).toMatch(/^Changed after reconnecting\./);
    const listeners = await editor
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'twilio-ivr-listener' AND datname = current_database()`,
      );
    expect(listeners).toEqual([{ n: 2 }]);
  });
});
