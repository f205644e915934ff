-- Single submission, agency workflow and permits.

-- Every version of every procedure the window has served: an application keeps the one it was filed under,
-- even after the definition file changes or is removed.
create table procedure_versions (
  code text not null,
  version int not null,
  effective_from date not null,
  agency_code text not null references agencies (code),
  definition jsonb not null,
  sha256 text not null,
  first_seen_at timestamptz not null default now(),
  primary key (code, version)
);

-- An operation is declared once (draft), signed once (submit), and fans out to one application per procedure.
create table operations (
  id uuid primary key,
  trader_id uuid not null references traders (id),
  flow text not null check (flow in ('import', 'export')),
  status text not null check (status in ('draft', 'submitted')),
  created_by_rfc text not null,
  broker_id uuid references brokers (id),
  data jsonb not null,
  version int not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  folio text unique,
  submitted_at timestamptz,
  submit_signature_id uuid references signatures (id),
  submit_challenge_id uuid,
  acknowledgement jsonb,
  acknowledgement_seal text
);
create index operations_trader on operations (trader_id, created_at desc);

-- Gapless counters: a row per (scope, year), incremented under its row lock inside the issuing transaction.
create table sequences (
  scope text not null,
  year int not null,
  last bigint not null,
  primary key (scope, year)
);

create table applications (
  id uuid primary key,
  operation_id uuid not null references operations (id),
  procedure_code text not null,
  procedure_version int not null,
  agency_code text not null references agencies (code),
  office_code text references offices (code),
  trader_id uuid not null references traders (id),
  status text not null,
  form jsonb not null,
  prefilled_fields int not null,
  typed_fields int not null,
  matched_rules jsonb not null,
  submitted_at timestamptz not null,
  due_date date,
  clock_stopped_on date,
  assigned_officer_id uuid references officers (id),
  proposed_by_officer_id uuid references officers (id),
  proposal jsonb,
  resolution jsonb,
  resolved_at timestamptz,
  updated_at timestamptz not null,
  foreign key (procedure_code, procedure_version) references procedure_versions (code, version)
);
create index applications_operation on applications (operation_id);
create index applications_inbox on applications (agency_code, status, due_date);
create index applications_trader on applications (trader_id, submitted_at desc);
create index applications_open_due on applications (due_date)
  where status in ('submitted', 'assigned', 'in_review', 'answered', 'proposed');

-- The conversation around an application: internal comments (officers only), messages, information requests, answers.
create table application_messages (
  id uuid primary key,
  application_id uuid not null references applications (id),
  kind text not null check (kind in ('internal_comment', 'message', 'information_request', 'answer')),
  author_rfc text not null,
  author_role text not null check (author_role in ('officer', 'applicant', 'system')),
  body text not null,
  signature_id uuid references signatures (id),
  created_at timestamptz not null
);
create index application_messages_app on application_messages (application_id, created_at);

create table permits (
  id uuid primary key,
  number text not null unique,
  application_id uuid not null unique references applications (id),
  agency_code text not null references agencies (code),
  procedure_code text not null,
  kind text not null,
  trader_id uuid not null references traders (id),
  holder_rfc text not null,
  valid_from date not null,
  valid_to date not null,
  status text not null check (status in ('active', 'revoked')),
  approved_by text not null check (approved_by in ('officer', 'automatic', 'silence')),
  resolution_signature_id uuid references signatures (id),
  document jsonb not null,
  token text not null,
  issued_at timestamptz not null,
  revoked_at timestamptz,
  revoke_reason text,
  revoke_signature_id uuid references signatures (id)
);
create index permits_holder on permits (holder_rfc);

-- Authorised quantity and value per goods line: what customs declarations draw down.
create table permit_lines (
  permit_id uuid not null references permits (id),
  line int not null,
  hs_code text not null,
  unit text not null,
  currency text not null,
  authorised_quantity numeric not null,
  authorised_value numeric not null,
  remaining_quantity numeric not null,
  remaining_value numeric not null,
  primary key (permit_id, line),
  check (remaining_quantity >= 0 and remaining_value >= 0)
);
