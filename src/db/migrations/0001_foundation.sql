-- Foundation: signatures, signing challenges, sessions, rate limits, audit log, registry.

-- Every signature the window accepted, kept with the exact payload and certificate (evidence).
create table signatures (
  id uuid primary key,
  action text not null,
  payload jsonb not null,
  payload_sha256 text not null,
  signer_rfc text not null,
  signer_curp text,
  certificate_serial text not null,
  certificate_fingerprint text not null,
  certificate_der bytea not null,
  algorithm text not null,
  signature text not null,
  signed_at timestamptz not null
);
create index signatures_signer on signatures (signer_rfc);

-- A payload the window issued for a client to sign: login nonces and every signed action. Single use.
create table challenges (
  id uuid primary key,
  action text not null,
  payload jsonb not null,
  payload_sha256 text not null,
  session_id uuid,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index challenges_expiry on challenges (expires_at);

-- Login sessions and API tokens: only the SHA-256 of the bearer token is stored.
create table sessions (
  id uuid primary key,
  kind text not null check (kind in ('session', 'api_token')),
  token_hash text not null unique,
  rfc text not null,
  curp text,
  name text,
  certificate_fingerprint text not null,
  scopes text[] not null,
  label text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index sessions_rfc on sessions (rfc, kind);

-- Fixed-window counters shared by every server process.
create table rate_limits (
  bucket text not null,
  window_start timestamptz not null,
  hits int not null,
  primary key (bucket, window_start)
);

-- Hash-chained audit log: hash = sha256(canonical event including prev_hash).
create table audit_events (
  seq bigint primary key,
  id uuid not null unique,
  occurred_at timestamptz not null,
  type text not null,
  actor_rfc text,
  object_type text not null,
  object_id text not null,
  signature_id uuid references signatures (id),
  data jsonb not null,
  prev_hash text not null,
  hash text not null
);
create index audit_events_object on audit_events (object_type, object_id);
-- The chain's head, locked by each append so appends are serialised across processes.
create table audit_head (
  id int primary key check (id = 1),
  seq bigint not null,
  hash text not null
);
insert into audit_head values (1, 0, repeat('0', 64));

-- Registry: agencies and offices are reference data (seeded at start), officers are bound to a certificate.
create table agencies (
  code text primary key,
  acronym text not null,
  name jsonb not null,
  description jsonb not null,
  office_bound boolean not null
);
create table offices (
  code text primary key,
  agency_code text not null references agencies (code),
  name text not null,
  state text not null,
  city text not null
);
create index offices_agency on offices (agency_code);

create table officers (
  id uuid primary key,
  agency_code text not null references agencies (code),
  office_code text references offices (code),
  rfc text not null,
  curp text not null,
  name text not null,
  email text,
  roles text[] not null,
  certificate_fingerprint text not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (agency_code, rfc)
);
create index officers_rfc on officers (rfc);

-- Traders and brokers: the current profile plus every signed version of it.
create table traders (
  id uuid primary key,
  rfc text not null unique,
  kind text not null check (kind in ('company', 'person')),
  legal_name text not null,
  legal_rep_rfc text not null,
  version int not null,
  profile jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index traders_legal_rep on traders (legal_rep_rfc);

create table brokers (
  id uuid primary key,
  rfc text not null unique,
  patent text not null unique,
  name text not null,
  version int not null,
  profile jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table profile_versions (
  party_kind text not null check (party_kind in ('trader', 'broker')),
  party_id uuid not null,
  version int not null,
  profile jsonb not null,
  signature_id uuid not null references signatures (id),
  created_at timestamptz not null,
  primary key (party_kind, party_id, version)
);

-- Encargo conferido: a trader lets a broker file and read on its behalf.
create table delegations (
  id uuid primary key,
  trader_id uuid not null references traders (id),
  broker_id uuid not null references brokers (id),
  status text not null check (status in ('active', 'revoked')),
  granted_at timestamptz not null,
  grant_signature_id uuid not null references signatures (id),
  revoked_at timestamptz,
  revoke_signature_id uuid references signatures (id)
);
create unique index delegations_one_active on delegations (trader_id, broker_id) where status = 'active';
create index delegations_broker on delegations (broker_id) where status = 'active';
