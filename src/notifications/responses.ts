import { Type } from 'typebox';
import { Uuid } from '../http/identifiers.ts';

/** What the notification routes answer; Fastify serialises through these, so only declared fields go out. */

const Bilingual = Type.Object({ es: Type.String(), en: Type.String() });

export const Notification = Type.Object(
  {
    id: Uuid,
    kind: Type.String({
      description: 'What happened, e.g. application.submitted',
      examples: ['application.submitted'],
    }),
    title: Bilingual,
    body: Bilingual,
    link: Type.Union([Type.String({ description: 'The API path where the object can be read' }), Type.Null()]),
    object: Type.Object({ type: Type.String(), id: Type.String() }),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'Notification' },
);

/** A page of the feed (`http/pagination.ts` convention) with the number still unread. */
export const NotificationPage = Type.Object(
  {
    items: Type.Array(Notification),
    next: Type.Union([Type.String(), Type.Null()], {
      description: 'The URL of the next page, or null on the last one',
    }),
    unread: Type.Integer({ minimum: 0, description: 'How many of my notifications are unread (all pages)' }),
  },
  { title: 'NotificationPage' },
);

export const NotificationsMarked = Type.Object(
  { marked: Type.Integer({ minimum: 0 }) },
  { title: 'NotificationsMarked' },
);
