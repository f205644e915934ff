-- COVE (Comprobante de Valor Electrónico): the signed value record of an invoice. Rows never change: an
-- amendment (adenda) is a new row with its own number, linked to the version it amends and to the first
-- version of its chain (root_id; the first version is its own root).
create table coves (
  id uuid primary key,
  number text not null unique,
  root_id uuid not null references coves (id),
  amends_id uuid unique references coves (id),
  version int not null check (version >= 1),
  trader_id uuid not null references traders (id),
  operation_type text not null check (operation_type in ('import', 'export')),
  invoice_number text not null,
  invoice_date date not null,
  content jsonb not null,
  consult_rfcs text[] not null,
  broker_patents text[] not null,
  filed_by_rfc text not null,
  filed_as text not null check (filed_as in ('self', 'legal_representative', 'broker')),
  broker_id uuid references brokers (id),
  amendment_reason text,
  signature_id uuid not null references signatures (id),
  filed_at timestamptz not null,
  unique (root_id, version),
  check ((version = 1) = (amends_id is null) and (version = 1) = (root_id = id))
);
create index coves_trader on coves (trader_id, filed_at desc);
