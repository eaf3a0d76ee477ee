import { adminClient, type AuditItem, NEW_DEPARTMENT, viewerClient } from './helpers/admin-client.js';
import { useTestApp } from './helpers/use-test-app.js';

describe('admin API: settings and audit log (e2e)', () => {
  const ctx = useTestApp({ menu: 'beforeEach' });

  async function latestAudit(query = ''): Promise<AuditItem[]> {
    const response = await adminClient(ctx.app).get(`/admin/audit-log${query}`).expect(200);
    return response.body.items as AuditItem[];
  }

  describe('settings', () => {
    it('reads the settings with an ETag', async () => {
      const response = await viewerClient(ctx.app).get('/admin/settings').expect(200);
      expect(response.body).toMatchObject({
        minConfidence: 0.6,
        maxAttempts: 3,
        operatorNumber: '+15555550100',
        voice: 'Polly.Joanna',
        language: 'en-US',
        gatherTimeoutSeconds: 5,
        dialTimeoutSeconds: 20,
        greeting: 'Thank you for calling.',
        transcribeVoicemail: false,
      });
      expect(response.headers.etag).toBe(`"${response.body.version}"`);
    });

    it('updates with If-Match and audits the change with before and after', async () => {
      const read = await adminClient(ctx.app).get('/admin/settings').expect(200);
      const response = await adminClient(ctx.app)
        .patch('/admin/settings', { maxAttempts: 5, greeting: 'Welcome to Example Corp.' }, read.headers.etag)
        .set('X-Request-Id', 'req-settings-1')
        .expect(200);
      expect(response.body).toMatchObject({
        maxAttempts: 5,
        greeting: 'Welcome to Example Corp.',
        version: read.body.version + 1,
      });
      const [entry] = await latestAudit();
      expect(entry).toMatchObject({
        actor: 'alice',
        role: 'admin',
        action: 'update',
        entity: 'settings',
        entityId: '1',
        requestId: 'req-settings-1',
        before: { maxAttempts: 3, greeting: 'Thank you for calling.' },
        after: { maxAttempts: 5, greeting: 'Welcome to Example Corp.' },
      });
    });

    it.each([
      [{ minConfidence: 2 }, 'minConfidence must be a number between 0 and 1'],
      [{ maxAttempts: 0 }, 'maxAttempts must be an integer between 1 and 10'],
      [{ gatherTimeoutSeconds: 31 }, 'gatherTimeoutSeconds must be an integer between 1 and 30'],
      [{ dialTimeoutSeconds: 4 }, 'dialTimeoutSeconds must be an integer between 5 and 600'],
      [{ operatorNumber: 'call bob' }, 'operatorNumber must be an E.164 number like +15551234567 or a sip: URI'],
      [{ maxAttempts: null }, 'maxAttempts must be an integer between 1 and 10'],
      [{ language: 'english please' }, 'language must be a language tag such as en-US'],
      [{ transcribeVoicemail: 'yes' }, 'transcribeVoicemail must be true or false'],
      [{ transcribeVoicemail: null }, 'transcribeVoicemail must be true or false'],
      [{ unknown: true }, 'property unknown should not exist'],
    ])('answers 400 for %j', async (body, message) => {
      const response = await adminClient(ctx.app).patch('/admin/settings', body, '*').expect(400);
      expect(response.body.message).toContain(message);
    });

    it('answers 412 for a stale If-Match and writes no audit entry', async () => {
      const before = await latestAudit();
      await adminClient(ctx.app).patch('/admin/settings', { maxAttempts: 4 }, '"999"').expect(412);
      expect(await latestAudit()).toEqual(before);
    });

    it('turns voicemail transcription on and audits it', async () => {
      const response = await adminClient(ctx.app)
        .patch('/admin/settings', { transcribeVoicemail: true }, '*')
        .expect(200);

      expect(response.body.transcribeVoicemail).toBe(true);
      expect((await viewerClient(ctx.app).get('/admin/settings').expect(200)).body.transcribeVoicemail).toBe(true);
      const [entry] = await latestAudit();
      expect(entry).toMatchObject({
        action: 'update',
        entity: 'settings',
        before: { transcribeVoicemail: false },
        after: { transcribeVoicemail: true },
      });
    });

    it('clears the operator number with null', async () => {
      const response = await adminClient(ctx.app).patch('/admin/settings', { operatorNumber: null }, '*').expect(200);
      expect(response.body.operatorNumber).toBeNull();
    });
  });

  describe('audit entries', () => {
    it('records a create with the new values and no before', async () => {
      const created = await adminClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(201);
      const [entry] = await latestAudit();
      expect(entry).toMatchObject({
        action: 'create',
        entity: 'department',
        entityId: created.body.id,
        actor: 'alice',
        role: 'admin',
        before: null,
      });
      expect(entry.after).toMatchObject({ ...NEW_DEPARTMENT, version: 1, active: true });
      expect(entry.requestId).toBe(created.headers['x-request-id']);
    });

    it('records an update with the values before and after', async () => {
      await adminClient(ctx.app)
        .patch(`/admin/departments/${ctx.menu.sales.id}`, { phoneNumber: '+15555550111' }, '*')
        .expect(200);
      const [entry] = await latestAudit();
      expect(entry).toMatchObject({ action: 'update', entityId: ctx.menu.sales.id });
      expect(entry.before).toMatchObject({ phoneNumber: '+15555550101', version: 1 });
      expect(entry.after).toMatchObject({ phoneNumber: '+15555550111', version: 2 });
    });

    it('records a deactivation', async () => {
      await adminClient(ctx.app).delete(`/admin/departments/${ctx.menu.billing.id}`, '*').expect(200);
      const [entry] = await latestAudit();
      expect(entry).toMatchObject({
        action: 'deactivate',
        entityId: ctx.menu.billing.id,
        before: { active: true },
        after: { active: false },
      });
    });

    it('writes nothing, audit included, when a change fails', async () => {
      const before = await latestAudit();
      await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, digit: '1' })
        .expect(409);
      await adminClient(ctx.app)
        .post('/admin/departments', { ...NEW_DEPARTMENT, phoneNumber: 'nope' })
        .expect(400);
      expect(await latestAudit()).toEqual(before);
      expect(
        await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ivr.departments WHERE name = 'Returns'`),
      ).toEqual([{ n: 0 }]);
    });

    it('records nothing for a change that changes nothing', async () => {
      const before = await latestAudit();
      await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { name: 'Sales' }, '*').expect(200);
      expect(await latestAudit()).toEqual(before);
    });

    it('filters by entity, entity id, actor and time, newest first, with cursor pages without gaps or repeats', async () => {
      const start = new Date().toISOString();
      for (let position = 10; position < 17; position++) {
        await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { position }, '*').expect(200);
      }
      await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.support.id}`, { position: 99 }, '*').expect(200);

      const ids: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const response = await viewerClient(ctx.app)
          .get(
            `/admin/audit-log?entity=department&entityId=${ctx.menu.sales.id}&actor=alice&from=${encodeURIComponent(start)}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          )
          .expect(200);
        const items = response.body.items as AuditItem[];
        ids.push(...items.map((item) => item.id));
        expect(items.every((item) => item.entityId === ctx.menu.sales.id)).toBe(true);
        cursor = response.body.nextCursor as string | null;
      }
      expect(ids).toHaveLength(7);
      expect(new Set(ids).size).toBe(7);
      expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(ids);

      expect(await latestAudit('?actor=nobody')).toEqual([]);
      expect(
        await latestAudit(`?to=${encodeURIComponent(start)}&entity=department&entityId=${ctx.menu.sales.id}`),
      ).toEqual([]);
    });

    it.each([
      ['?from=yesterday', 'from must be an ISO 8601 date-time'],
      ['?limit=501', 'limit must be an integer between 1 and 500'],
      [
        '?entity=robots',
        'entity must be one of department, settings, department_schedule, holiday, menu, call_session, webhook_endpoint',
      ],
      ['?cursor=abc', 'cursor must be the nextCursor of a previous page'],
      ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from must not be after to'],
    ])('answers 400 for the filter %s', async (query, message) => {
      const response = await adminClient(ctx.app).get(`/admin/audit-log${query}`).expect(400);
      expect(JSON.stringify(response.body)).toContain(message);
    });
  });

  describe('tamper evidence', () => {
    it('refuses an UPDATE, a DELETE or a TRUNCATE issued straight in SQL', async () => {
      await adminClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(201);
      await expect(ctx.dataSource.query(`UPDATE ivr.audit_log SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
      await expect(ctx.dataSource.query(`DELETE FROM ivr.audit_log`)).rejects.toThrow(/append-only/);
      await expect(ctx.dataSource.query(`TRUNCATE ivr.audit_log`)).rejects.toThrow(/append-only/);
    });

    it('verifies the chain, and finds the entry altered with the trigger disabled', async () => {
      await adminClient(ctx.app).post('/admin/departments', NEW_DEPARTMENT).expect(201);
      await adminClient(ctx.app).patch(`/admin/departments/${ctx.menu.sales.id}`, { position: 5 }, '*').expect(200);
      await adminClient(ctx.app).patch('/admin/settings', { maxAttempts: 4 }, '*').expect(200);
      const healthy = await viewerClient(ctx.app).get('/admin/audit-log/verify').expect(200);
      expect(healthy.body.ok).toBe(true);
      const total = healthy.body.entries as number;
      expect(total).toBeGreaterThanOrEqual(3);

      const [target] = await latestAudit('?entity=department&limit=1');
      await ctx.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE ivr.audit_log DISABLE TRIGGER audit_log_no_update_delete');
        await manager.query(`UPDATE ivr.audit_log SET after = jsonb_set(after, '{position}', '1') WHERE id = $1`, [
          target.id,
        ]);
        await manager.query('ALTER TABLE ivr.audit_log ENABLE TRIGGER audit_log_no_update_delete');
      });

      const broken = await viewerClient(ctx.app).get('/admin/audit-log/verify').expect(200);
      expect(broken.body).toMatchObject({ ok: false, brokenAt: { id: target.id, reason: 'hash_mismatch' } });
    });
  });
});
