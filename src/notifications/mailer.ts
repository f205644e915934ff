import nodemailer, { type Transporter } from 'nodemailer';
import type { Sql } from '../db/db.ts';

export const DEFAULT_MAIL_FROM = 'Ventanilla <no-reply@ventanilla.local>';

/** What delivery needs from a transport; nodemailer's transporter is one. */
export interface MailTransport {
  sendMail(message: { to: string; subject: string; text: string; messageId: string }): Promise<unknown>;
}

/**
 * An SMTP transport for SMTP_URL (smtp://user:pass@host:587 with STARTTLS when offered, or
 * smtps://user:pass@host:465). Timeouts are short so that a stuck server fails the attempt instead
 * of holding a worker; query parameters in the URL (e.g. ?pool=true) override these settings.
 */
export function createMailTransport(smtpUrl: string, opts: { from?: string } = {}): Transporter {
  if (!/^smtps?:\/\//i.test(smtpUrl)) throw new Error('the SMTP URL must start with smtp:// or smtps://');
  return nodemailer.createTransport(
    { url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: opts.from ?? DEFAULT_MAIL_FROM },
  );
}

export interface DeliveryOptions {
  /** Most e-mails sent in one call (default 20). */
  batch?: number;
  /** After this many failed attempts an e-mail is marked failed (default 10). */
  maxAttempts?: number;
  /** Wait before the first retry, doubled at each further one up to an hour (default 60). */
  retryDelaySeconds?: number;
  /** How long a claimed e-mail stays invisible to other workers while it is being sent (default 300). */
  leaseSeconds?: number;
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends pending e-mails from the outbox, one at a time. Each is claimed with a conditional update
 * (`for update skip locked`, so concurrent workers on PostgreSQL take different rows) that counts the
 * attempt and leases the row; the SMTP conversation then happens outside any transaction (on PGlite a
 * transaction would stall every other query meanwhile). A worker that dies mid-send leaves the row to be
 * retried when the lease ends: delivery is at least once, and the Message-ID is the outbox id, stable
 * across retries, so receivers can recognise a repeat.
 * `failed` counts the attempts that failed in this call, whether the e-mail will be retried or not.
 */
export async function deliverPendingEmails(
  db: Sql,
  transport: MailTransport,
  opts: DeliveryOptions = {},
): Promise<{ sent: number; failed: number }> {
  const batch = opts.batch ?? 20;
  const maxAttempts = opts.maxAttempts ?? 10;
  const retryDelaySeconds = opts.retryDelaySeconds ?? 60;
  const leaseSeconds = opts.leaseSeconds ?? 300;

  // Claimed as many times as allowed but never resolved (the worker died each time): give up.
  await db.query(
    `update email_outbox
        set status = 'failed',
            last_error = coalesce(last_error, 'Delivery was interrupted before the server answered.')
     where status = 'pending' and attempts >= $1 and next_attempt_at <= $2`,
    [maxAttempts, db.now()],
  );

  const tried: string[] = [];
  let sent = 0;
  let failed = 0;
  while (tried.length < batch) {
    const row = await db.maybe<OutboxRow>(
      `with next as (
         select id from email_outbox
         where status = 'pending' and next_attempt_at <= $4::timestamptz and attempts < $1 and id <> all($2::uuid[])
         order by next_attempt_at, created_at limit 1
         for update skip locked)
       update email_outbox o
          set attempts = o.attempts + 1, next_attempt_at = $4::timestamptz + make_interval(secs => $3)
       from next where o.id = next.id
       returning o.id, o.to_address, o.subject, o.body, o.attempts`,
      [maxAttempts, tried, leaseSeconds, db.now()],
    );
    if (!row) break;
    tried.push(row.id);
    try {
      await transport.sendMail({
        to: row.to_address,
        subject: row.subject,
        text: row.body,
        messageId: `<${row.id}@ventanilla.notifications>`,
      });
      await db.query(
        `update email_outbox set status = 'sent', sent_at = $2, last_error = null
          where id = $1 and status = 'pending'`,
        [row.id, db.now()],
      );
      sent++;
    } catch (err) {
      failed++;
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
      const delay = Math.min(retryDelaySeconds * 2 ** (row.attempts - 1), 3600);
      await db.query(
        `update email_outbox set last_error = $2,
           status = case when attempts >= $3 then 'failed' else 'pending' end,
           next_attempt_at = $5::timestamptz + make_interval(secs => $4)
         where id = $1 and status = 'pending'`,
        [row.id, error, maxAttempts, delay, db.now()],
      );
    }
  }
  return { sent, failed };
}
