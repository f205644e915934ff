-- Quotas (cupos): amounts of goods that may be imported at the in-quota tariff, allocated to quota certificates.

-- A quota of the Ministry of Economy (SE). Certificates of `procedure_code` draw on it when their goods line matches
-- one of its HS prefixes, origin countries and its unit on a day within its period. Quotas whose scopes overlap are
-- refused when created, so a goods line matches at most one quota.
create table quotas (
  id uuid primary key,
  agency_code text not null references agencies (code),
  procedure_code text not null,
  name text not null,
  hs_prefixes text[] not null check (cardinality(hs_prefixes) > 0),
  origin_countries text[] not null check (cardinality(origin_countries) > 0),
  period_from date not null,
  period_to date not null,
  unit text not null,
  total numeric not null check (total > 0),
  -- The sum of the quantities of the certificates issued against it; only ever raised by a conditional update.
  allocated numeric not null default 0,
  allocation_method text not null check (allocation_method in ('first_come', 'assignment')),
  created_by_rfc text not null,
  signature_id uuid not null references signatures (id),
  created_at timestamptz not null,
  check (period_from <= period_to),
  check (allocated >= 0 and allocated <= total)
);
create index quotas_period on quotas (procedure_code, period_to);

-- For 'assignment' quotas: the amount the agency assigned to a trader (by RFC; it may register later).
create table quota_assignments (
  quota_id uuid not null references quotas (id),
  trader_rfc text not null,
  amount numeric not null check (amount >= 0),
  allocated numeric not null default 0,
  assigned_by_rfc text not null,
  signature_id uuid not null references signatures (id),
  updated_at timestamptz not null,
  primary key (quota_id, trader_rfc),
  check (allocated >= 0 and allocated <= amount)
);

-- Which certificate line was charged to which quota: a line is charged once, in the transaction that issues it.
create table quota_allocations (
  permit_id uuid not null,
  line int not null,
  quota_id uuid not null references quotas (id),
  trader_rfc text not null,
  quantity numeric not null check (quantity > 0),
  allocated_at timestamptz not null,
  primary key (permit_id, line),
  foreign key (permit_id, line) references permit_lines (permit_id, line)
);
create index quota_allocations_quota on quota_allocations (quota_id);
