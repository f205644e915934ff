import crypto from 'node:crypto';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { emailAddressesOf } from '../registry/contacts.ts';

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
