import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ADMIN_SECRET, VIEWER_SECRET } from './test-app.js';

/** Admin API requests with a bearer token (the admin's unless another secret is given). */
export function adminClient(app: INestApplication, secret: string = ADMIN_SECRET) {
  const server = app.getHttpServer();
  const authorization = `Bearer ${secret}`;
  return {
    get: (path: string) => request(server).get(path).set('Authorization', authorization),
    post: (path: string, body: object) => request(server).post(path).set('Authorization', authorization).send(body),
    patch: (path: string, body: object, ifMatch?: string) => {
      const pending = request(server).patch(path).set('Authorization', authorization);
      return (ifMatch === undefined ? pending : pending.set('If-Match', ifMatch)).send(body);
    },
    delete: (path: string, ifMatch?: string) => {
      const pending = request(server).delete(path).set('Authorization', authorization);
      return ifMatch === undefined ? pending : pending.set('If-Match', ifMatch);
    },
  };
}

export const viewerClient = (app: INestApplication) => adminClient(app, VIEWER_SECRET);

export const NEW_DEPARTMENT = {
  name: 'Returns',
  digit: '4',
  keywords: ['returns', 'send back'],
  phoneNumber: '+15555550104',
};

/** One entry of GET /admin/audit-log. */
export interface AuditItem {
  id: string;
  actor: string;
  actorId: string | null;
  role: string;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  occurredAt: string;
}
