import { Type } from 'typebox';
import type { Context } from '../context.ts';
import { principalOf } from '../http/access.ts';
import { Uuid } from '../http/identifiers.ts';
import { cursorKey, PageQuery, keyedPage } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import type { App } from '../http/typed-app.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './feed.ts';
import { Notification, NotificationPage, NotificationsMarked } from './responses.ts';

const tags = ['notifications'];
const IdParams = Type.Object({ id: Uuid });

export function notificationRoutes(app: App, ctx: Context) {
  const { db } = ctx;

  app.get(
    '/api/v1/notifications',
    {
      config: { access: { scope: 'read' } },
      schema: {
        tags,
        operationId: 'listNotifications',
        summary: 'My notifications, newest first (with the number unread)',
        description:
          'Only what the caller may still see: a broker whose delegation ended no longer reads what it was ' +
          'told about that trader.',
        querystring: Type.Object(
          {
            unread: Type.Optional(Type.Boolean({ description: 'Only the ones not yet read' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: NotificationPage, '4xx': Problem },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const { rows, unread } = await listNotifications(db, principalOf(req), {
        unread: req.query.unread,
        limit,
        after: cursorKey(req.query.cursor, ['timestamp', 'uuid']),
      });
      return {
        ...keyedPage(rows, limit, req.url),
        unread,
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: { scope: 'write' } },
      schema: {
        tags,
        operationId: 'markNotificationRead',
        summary: 'Mark one of my notifications read',
        description: 'Reading it again keeps the first time.',
        params: IdParams,
        response: { 200: Notification, '4xx': Problem },
      },
    },
    async (req) => markNotificationRead(db, principalOf(req), req.params.id),
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: { scope: 'write' } },
      schema: {
        tags,
        operationId: 'markAllNotificationsRead',
        summary: 'Mark all my notifications read',
        response: { 200: NotificationsMarked, '4xx': Problem },
      },
    },
    async (req) => markAllNotificationsRead(db, principalOf(req)),
  );
}
