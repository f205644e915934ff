-- Customs broker patents (patentes de agente aduanal) as ANAM grants them. A broker registers in the window only
-- with a patent recorded here, active, and held by the broker's own RFC and CURP. ANAM administrators keep this
-- table with signed, audited actions (registry/patents.ts).
create table broker_patents (
  patent text primary key,
  holder_rfc text not null,
  holder_curp text not null,
  holder_name text not null,
  status text not null check (status in ('active', 'suspended', 'cancelled')),
  granted_on date not null,
  recorded_at timestamptz not null,
  status_changed_at timestamptz not null
);
create index broker_patents_holder on broker_patents (holder_rfc);
