-- A credential lives no longer than its certificate: every session and API token remembers the certificate it came
-- from (issuer name and serial, as CRLs name it, and its notAfter), so authentication can refuse it once that
-- certificate is revoked or expired.
alter table sessions
  add column certificate_issuer text,
  add column certificate_serial text,
  add column certificate_not_after timestamptz;

-- Sessions and API tokens made before this migration do not say which certificate they came from, so a revocation
-- could not reach them: they end now. People log in again; API tokens are created again (listed as revoked).
update sessions set revoked_at = now() where revoked_at is null;

alter table sessions add constraint sessions_certificate_known
  check (revoked_at is not null or (certificate_issuer is not null and certificate_serial is not null and certificate_not_after is not null));
