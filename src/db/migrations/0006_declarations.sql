-- Customs declarations (pedimentos) validated against permits, and the permit balances they draw.

-- An accepted declaration binds its number to one content (the SHA-256 of its canonical JSON): the same
-- declaration sent again gets the stored, sealed result; other content under the number is refused.
create table customs_declarations (
  number text primary key check (number ~ '^[0-9]{15}$'),
  body_sha256 text not null check (body_sha256 ~ '^[0-9a-f]{64}$'),
  body jsonb not null,
  status text not null check (status in ('accepted', 'cancelled')),
  customs_office text not null references offices (code),
  broker_patent text not null,
  trader_rfc text not null,
  flow text not null check (flow in ('import', 'export')),
  declaration_date date not null,
  -- The validation result as the window sealed it (compact JWS, typ ventanilla-customs+jws).
  result jsonb not null,
  seal text not null,
  received_by_rfc text not null,
  received_at timestamptz not null,
  cancelled_at timestamptz,
  cancelled_by_rfc text,
  cancel_reason text,
  cancel_signature_id uuid references signatures (id),
  check ((status = 'cancelled') = (cancelled_at is not null))
);
create index customs_declarations_trader on customs_declarations (trader_rfc, declaration_date desc);

-- Every refused attempt, with its reasons and sealed result: evidence only. A refusal draws nothing and binds
-- no number (the customs system corrects the declaration and sends it again).
create table customs_declaration_refusals (
  id uuid primary key,
  number text not null check (number ~ '^[0-9]{15}$'),
  body_sha256 text not null,
  body jsonb not null,
  reasons jsonb not null,
  result jsonb not null,
  seal text not null,
  received_by_rfc text not null,
  received_at timestamptz not null
);
create index customs_declaration_refusals_number on customs_declaration_refusals (number, received_at);

-- What an accepted declaration took from each permit line; a cancellation gives it back (returned_at).
create table permit_draws (
  declaration_number text not null references customs_declarations (number),
  draw int not null,
  declaration_line int not null,
  permit_id uuid not null,
  permit_line int not null,
  quantity numeric not null check (quantity > 0),
  value numeric not null check (value > 0),
  drawn_at timestamptz not null,
  returned_at timestamptz,
  primary key (declaration_number, draw),
  foreign key (permit_id, permit_line) references permit_lines (permit_id, line)
);
create index permit_draws_permit on permit_draws (permit_id, permit_line);
