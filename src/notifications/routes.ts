import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Context } from '../context.ts';
import { principalOf } from '../http/access.ts';
import { CURSOR_PATTERN, listNotifications, markAllNotificationsRead, markNotificationRead } from './feed.ts';

const tags = ['notifications'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export function notificationRoutes(app: FastifyInstance, ctx: Context) {
  const { db } = ctx;

  app.get('/api/v1/notifications', {
    config: { access: { scope: 'read' } },
    schema: {
      tags, summary: 'My notifications, newest first (with the number unread)',
      querystring: Type.Object({
        unread: Type.Optional(Type.Boolean({ description: 'Only the ones not yet read' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Page size, default 20' })),
        before: Type.Optional(Type.String({ pattern: CURSOR_PATTERN, description: 'The nextCursor of the previous page' })),
      }, { additionalProperties: false }),
    },
  }, async (req) => listNotifications(db, principalOf(req), req.query as { unread?: boolean; limit?: number; before?: string }));

  app.post('/api/v1/notifications/:id/read', {
    config: { access: { scope: 'write' } },
    schema: { tags, summary: 'Mark one of my notifications read', params: IdParams },
  }, async (req) => markNotificationRead(db, principalOf(req), (req.params as { id: string }).id));

  app.post('/api/v1/notifications/read-all', {
    config: { access: { scope: 'write' } },
    schema: { tags, summary: 'Mark all my notifications read' },
  }, async (req) => markAllNotificationsRead(db, principalOf(req)));
}
