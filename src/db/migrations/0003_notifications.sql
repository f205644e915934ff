-- Notifications: an in-window feed per RFC, and an outbox of e-mails delivered after the commit.

-- Written in the same transaction as the state change it reports, so it exists iff the change committed.
create table notifications (
  id uuid primary key,
  recipient_rfc text not null,
  kind text not null,
  title jsonb not null,          -- { es, en }
  body jsonb not null,           -- { es, en }
  link text,                     -- an API path, e.g. /api/v1/applications/ID
  object_type text not null,
  object_id text not null,
  created_at timestamptz not null,
  read_at timestamptz
);
-- The feed, newest first; (created_at, id) is the pagination cursor.
create index notifications_feed on notifications (recipient_rfc, created_at desc, id desc);
create index notifications_unread on notifications (recipient_rfc) where read_at is null;

-- E-mails to send, written with the notification; a worker claims and sends them after the commit.
-- A claim bumps attempts and moves next_attempt_at forward (a lease), so no transaction is held while
-- talking to the SMTP server and a worker that dies mid-send releases the row when the lease ends.
create table email_outbox (
  id uuid primary key,
  notification_id uuid not null references notifications (id) on delete cascade,
  to_address text not null,
  subject text not null,
  body text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index email_outbox_pending on email_outbox (next_attempt_at) where status = 'pending';
