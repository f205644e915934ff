import type { Principal } from '../auth/principal.ts';
import type { Sql } from '../db/db.ts';
import { timestampKeySql } from '../http/pagination.ts';
import { notFound } from '../errors.ts';
import { applicantSideSql, handledBySql } from '../registry/need-to-know.ts';
import type { Bilingual } from './notify.ts';

interface NotificationRow {
  id: string;
  kind: string;
  title: Bilingual;
  body: Bilingual;
  link: string | null;
  object_type: string;
  object_id: string;
  created_at: Date;
  read_at: Date | null;
  sort_at: string;
}

const view = (n: NotificationRow) => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  object: { type: n.object_type, id: n.object_id },
  createdAt: n.created_at.toISOString(),
  readAt: n.read_at?.toISOString() ?? null,
});

const COLUMNS =
  `id, kind, title, body, link, object_type, object_id, created_at, read_at, ` +
  `${timestampKeySql('created_at')} as sort_at`;

/**
 * The caller's notifications that they may still see (SQL condition on \`notifications n\`; $1 the RFC,
 * $2 the certificate fingerprint). A notification about an application or an operation concerns its trader:
 * it stays visible while the recipient is on that trader's applicant side, or an officer handling the
 * application (for an operation, one of its applications). A broker whose delegation was revoked, or a
 * former legal representative, no longer sees what the window told them about that trader.
 */
const uuidIf = (type: string) =>
  `(case when n.object_type = '${type}' and n.object_id ~* ` +
  `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then n.object_id::uuid end)`;
const VISIBLE = `n.recipient_rfc = $1 and (
  n.object_type not in ('application', 'operation')
  or exists (select 1 from applications a where (a.id = ${uuidIf('application')} or a.operation_id =
    ${uuidIf('operation')})
              and ${handledBySql('$1', '$2')})
  or coalesce((select ${applicantSideSql('o.trader_id', '$1')} from operations o
                where o.id = coalesce(${uuidIf('operation')}, (select a.operation_id from applications a
                  where a.id = ${uuidIf('application')}))), true))`;

/**
 * The caller's own notifications they may still see, newest first, with the number still unread: one keyset
 * page of `limit + 1` rows after the (createdAt, id) key `after`, each with its key for the next cursor.
 */
export async function listNotifications(
  db: Sql,
  principal: Principal,
  opts: { unread?: boolean; limit: number; after?: string[] },
) {
  const [afterAt, afterId] = opts.after ?? [null, null];
  const rows = await db.query<NotificationRow>(
    `select ${COLUMNS} from notifications n
     where ${VISIBLE} and ($3::boolean is not true or read_at is null)
       and ($4::timestamptz is null or (created_at, id) < ($4::timestamptz, $5::uuid))
     order by created_at desc, id desc limit $6`,
    [principal.rfc, principal.certificateFingerprint, opts.unread ?? false, afterAt, afterId, opts.limit + 1],
  );
  const { unread } = await db.one<{ unread: number }>(
    `select count(*)::int as unread from notifications n where ${VISIBLE} and read_at is null`,
    [principal.rfc, principal.certificateFingerprint],
  );
  return { rows: rows.map((r) => ({ key: [r.sort_at, r.id], item: view(r) })), unread };
}

/** Marks one of the caller's notifications read; reading it again keeps the first time. */
export async function markNotificationRead(db: Sql, principal: Principal, id: string) {
  const row = await db.maybe<NotificationRow>(
    `update notifications n set read_at = coalesce(read_at, $4) where ${VISIBLE} and id = $3 returning ${COLUMNS}`,
    [principal.rfc, principal.certificateFingerprint, id, db.now()],
  );
  // Someone else's notification, or one about a trader the caller no longer acts for, is reported like a missing one.
  if (!row) throw notFound('notification', id);
  return view(row);
}

export async function markAllNotificationsRead(db: Sql, principal: Principal): Promise<{ marked: number }> {
  return db.one<{ marked: number }>(
    `with marked as (update notifications n set read_at = $3 where ${VISIBLE} and read_at is null returning 1)
     select count(*)::int as marked from marked`,
    [principal.rfc, principal.certificateFingerprint, db.now()],
  );
}
