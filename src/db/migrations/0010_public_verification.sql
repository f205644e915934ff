-- Public verification without an enumeration oracle or an on-demand full walk.

-- A random code printed on each permit: the sequential number alone shows only that it exists; the number with
-- this code (or the QR token) shows the permit's status. 12 Crockford base32 characters (60 bits).
alter table permits add column verification_code text;
-- Existing permits draw theirs here, from gen_random_uuid() (a strong random source, built in): 12 of its bytes
-- that carry no version or variant bits, 5 bits each. The reference to p.id makes the subquery run once per row.
update permits p set verification_code = (
  select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (get_byte(u.b, i) & 31) + 1, 1), '' order by n)
    from (select decode(replace(gen_random_uuid()::text, '-', ''), 'hex') as b where p.id is not null) u,
         unnest(array[0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13]) with ordinality as t(i, n));
alter table permits alter column verification_code set not null;
alter table permits add constraint permits_verification_code check (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{12}$');

-- The audit chain up to this event was verified (by a public call or the full walk): public calls check only
-- the events after it. full_check_* is the last full walk, which also rereads the events before it.
create table audit_checkpoint (
  id int primary key check (id = 1),
  seq bigint not null,
  hash text not null,
  verified_at timestamptz,
  full_check_at timestamptz,
  full_check_failure jsonb
);
insert into audit_checkpoint (id, seq, hash) values (1, 0, repeat('0', 64));
