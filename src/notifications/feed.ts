import type { Principal } from '../auth/principal.ts';
import type { Sql } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { Bilingual } from './notify.ts';

interface NotificationRow {
  id: string; kind: string; title: Bilingual; body: Bilingual; link: string | null;
  object_type: string; object_id: string; created_at: Date; read_at: Date | null; cursor: string;
}

const view = (n: NotificationRow) => ({
  id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, object: { type: n.object_type, id: n.object_id },
  createdAt: n.created_at.toISOString(), readAt: n.read_at?.toISOString() ?? null,
});

const COLUMNS = `id, kind, title, body, link, object_type, object_id, created_at, read_at,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || id as cursor`;

/**
 * A page cursor is the (created_at, id) of the last item seen, as `nextCursor` returns it; a bare
 * timestamp also works and means "older than this". The id breaks ties between items created together.
 */
export const CURSOR_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?Z(_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$';
const NO_ID = '00000000-0000-0000-0000-000000000000';

function parseCursor(cursor: string): [string, string] {
  const [at, id] = cursor.split('_');
  if (!at || Number.isNaN(Date.parse(at)) || !new RegExp(CURSOR_PATTERN).test(cursor)) {
    throw new AppError('notification.cursor_invalid', `"${cursor}" is not a page cursor: pass the nextCursor of the previous page.`, 400);
  }
  // With a bare timestamp, the smallest id makes (created_at, id) < (at, id) mean created_at < at.
  return [at, id ?? NO_ID];
}

/** The caller's own notifications, newest first, with the number still unread. */
export async function listNotifications(db: Sql, principal: Principal, opts: { unread?: boolean; limit?: number; before?: string } = {}) {
  const limit = opts.limit ?? 20;
  const [beforeAt, beforeId] = opts.before ? parseCursor(opts.before) : [null, null];
  const rows = await db.query<NotificationRow>(
    `select ${COLUMNS} from notifications
     where recipient_rfc = $1 and ($2::boolean is not true or read_at is null)
       and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::uuid))
     order by created_at desc, id desc limit $5`,
    [principal.rfc, opts.unread ?? false, beforeAt, beforeId, limit + 1]);
  const page = rows.slice(0, limit);
  const { unread } = await db.one<{ unread: number }>(
    'select count(*)::int as unread from notifications where recipient_rfc = $1 and read_at is null', [principal.rfc]);
  return { items: page.map(view), nextCursor: rows.length > limit ? page[page.length - 1]!.cursor : null, unread };
}

/** Marks one of the caller's notifications read; reading it again keeps the first time. */
export async function markNotificationRead(db: Sql, principal: Principal, id: string) {
  const row = await db.maybe<NotificationRow>(
    `update notifications set read_at = coalesce(read_at, now()) where id = $1 and recipient_rfc = $2 returning ${COLUMNS}`,
    [id, principal.rfc]);
  // Someone else's notification is reported exactly like a missing one.
  if (!row) throw notFound('notification', id);
  return view(row);
}

export async function markAllNotificationsRead(db: Sql, principal: Principal): Promise<{ marked: number }> {
  return db.one<{ marked: number }>(
    `with marked as (update notifications set read_at = now() where recipient_rfc = $1 and read_at is null returning 1)
     select count(*)::int as marked from marked`, [principal.rfc]);
}
