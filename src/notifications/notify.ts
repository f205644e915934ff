import crypto from 'node:crypto';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';

export interface Bilingual {
  es: string;
  en: string;
}

export interface Notification {
  /** RFCs of the people or companies to tell; duplicates are sent once. */
  recipients: string[];
  /** What happened, e.g. `application.submitted`: clients may filter or choose an icon by it. */
  kind: string;
  title: Bilingual;
  body: Bilingual;
  /** An API path where the object can be read, e.g. /api/v1/applications/ID. */
  link?: string;
  object: { type: string; id: string };
}

/**
 * Records a notification for each distinct recipient, inside the caller's transaction: it exists
 * exactly when the state change it reports committed. With `email`, each recipient with a known
 * address also gets an e-mail in the outbox (one per address); `deliverPendingEmails` sends it after
 * the commit. Pass `email: false` when SMTP is not configured: nothing is queued that nobody would send.
 * `at` is the time shown and sorted on (pass `ctx.clock.now()`); the default is now.
 * Returns the notification ids, in recipient order.
 */
export async function notify(tx: Sql, n: Notification, opts: { email: boolean; at?: Date }): Promise<string[]> {
  // Links are paths inside the window, never addresses elsewhere (an e-mail must not point outside).
  if (n.link !== undefined && !/^\/[^/\\]/.test(n.link))
    throw new Error(`notification link must be a path of the window, got "${n.link}"`);
  const recipients = [...new Set(n.recipients.map((rfc) => rfc.trim().toUpperCase()).filter(Boolean))];
  if (recipients.length === 0) return [];
  const ids = recipients.map(() => crypto.randomUUID());
  await tx.query(
    `insert into notifications (id, recipient_rfc, kind, title, body, link, object_type, object_id, created_at)
     select r.id, r.rfc, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9::timestamptz
     from unnest($1::uuid[], $2::text[]) as r (id, rfc)`,
    [
      ids,
      recipients,
      n.kind,
      json(n.title),
      json(n.body),
      n.link ?? null,
      n.object.type,
      n.object.id,
      opts.at ?? tx.now(),
    ],
  );
  if (!opts.email) return ids;

  const addresses = await emailAddressesOf(tx, recipients);
  const seen = new Set<string>();
  const outbox: Array<{ notificationId: string; to: string; subject: string; body: string }> = [];
  recipients.forEach((rfc, i) => {
    const to = addresses.get(rfc);
    // A company and its representative often share the company's contact: one e-mail, not two.
    if (!to || seen.has(to.toLowerCase())) return;
    seen.add(to.toLowerCase());
    outbox.push({ notificationId: ids[i]!, to, ...composeEmail(n, rfc) });
  });
  if (outbox.length > 0) {
    await tx.query(
      `insert into email_outbox (id, notification_id, to_address, subject, body, created_at, next_attempt_at)
       select *, $6::timestamptz, $6::timestamptz
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[])`,
      [
        outbox.map(() => crypto.randomUUID()),
        outbox.map((o) => o.notificationId),
        outbox.map((o) => o.to),
        outbox.map((o) => o.subject),
        outbox.map((o) => o.body),
        opts.at ?? tx.now(),
      ],
    );
  }
  return ids;
}

/**
 * The e-mail address to write to for each RFC that has one, in one query. The person's own addresses
 * come first: the officer's (most recent registration), then the first contact of the broker or trader
 * registered under that RFC. Failing those, the first contact of the company the RFC legally represents;
 * when it represents several companies with different contacts none is chosen, because a notice about
 * one company must not reach another company's mailbox.
 */
export async function emailAddressesOf(tx: Sql, rfcs: string[]): Promise<Map<string, string>> {
  const rows = await tx.query<{ rfc: string; rank: number; email: string }>(
    `select rfc, rank, email from (
       select rfc, 1 as rank, email, created_at as at from officers where rfc = any($1::text[]) and active
       union all
       select rfc, 2, profile->'contacts'->0->>'email', updated_at from brokers where rfc = any($1::text[])
       union all
       select rfc, 3, profile->'contacts'->0->>'email', updated_at from traders where rfc = any($1::text[])
       union all
       select legal_rep_rfc, 4, profile->'contacts'->0->>'email', updated_at from traders
        where legal_rep_rfc = any($1::text[]) and legal_rep_rfc <> rfc
     ) candidates
     where email is not null and email <> ''
     order by rfc, rank, at desc`,
    [rfcs.map((rfc) => rfc.toUpperCase())],
  );
  const best = new Map<string, { rank: number; addresses: string[] }>();
  for (const row of rows) {
    const current = best.get(row.rfc);
    if (!current) best.set(row.rfc, { rank: row.rank, addresses: [row.email] });
    else if (current.rank === row.rank && !current.addresses.some((a) => a.toLowerCase() === row.email.toLowerCase())) {
      current.addresses.push(row.email);
    }
  }
  const result = new Map<string, string>();
  for (const [rfc, { rank, addresses }] of best) {
    if (rank === 4 && addresses.length > 1) continue;
    result.set(rfc, addresses[0]!);
  }
  return result;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Plain text, Spanish first then English, so no markup from a title or body is ever interpreted. */
export function composeEmail(
  n: Pick<Notification, 'title' | 'body' | 'link'>,
  recipientRfc: string,
): { subject: string; body: string } {
  const es = oneLine(n.title.es);
  const en = oneLine(n.title.en);
  const subject = es === en ? es : `${es} / ${en}`;
  const section = (title: string, body: string, recipient: string, see: string) => [
    title,
    '',
    body,
    '',
    `${recipient}: ${recipientRfc}`,
    ...(n.link ? [`${see}: ${n.link}`] : []),
  ];
  const body = [
    ...section(n.title.es, n.body.es, 'Destinatario (RFC)', 'Consulte'),
    '',
    '----------------------------------------',
    '',
    ...section(n.title.en, n.body.en, 'Recipient (RFC)', 'See'),
    '',
    '-- ',
    'Aviso automático de la Ventanilla; no responda a este correo.',
    'Automatic notice from the Ventanilla; please do not reply to this e-mail.',
  ].join('\n');
  return { subject, body };
}
