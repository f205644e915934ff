import crypto from 'node:crypto';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { timestampKeySql, type KeysetPage } from '../http/pagination.ts';
import { sha256Hex } from '../pki/canonical.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import type { TrustStore } from '../pki/trust-store.ts';
import type { Principal, Scope } from './principal.ts';

// The prefix tells a log reader (and a secret scanner) what kind of credential leaked.
const PREFIX = { session: 'vts_', api_token: 'vta_' } as const;

export interface IssuedToken {
  id: string;
  token: string;
  expiresAt: string;
}

/**
 * Creates a session or API token for a verified signer; only the token's hash is stored. It remembers
 * the signer's certificate and never outlives it: the expiry asked for is capped at its notAfter.
 */
export async function createToken(
  tx: Sql,
  opts: {
    kind: Principal['kind'];
    signer: VerifiedSigner;
    scopes: readonly Scope[];
    expiresAt: Date;
    label?: string;
  },
): Promise<IssuedToken> {
  const id = crypto.randomUUID();
  const token = PREFIX[opts.kind] + crypto.randomBytes(32).toString('base64url');
  const { signer } = opts;
  const expiresAt = signer.notAfter < opts.expiresAt ? signer.notAfter : opts.expiresAt;
  await tx.query(
    `insert into sessions (id, kind, token_hash, rfc, curp, name, certificate_fingerprint, certificate_issuer,
       certificate_serial, certificate_not_after, scopes, label, expires_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      id,
      opts.kind,
      sha256Hex(token),
      signer.rfc,
      signer.curp,
      signer.name,
      signer.fingerprint,
      signer.issuer,
      signer.serialNumber,
      signer.notAfter,
      opts.scopes,
      opts.label ?? null,
      expiresAt,
      tx.now(),
    ],
  );
  return { id, token, expiresAt: expiresAt.toISOString() };
}

/**
 * Resolves a bearer token to its principal, or explains why it cannot be used. The certificate it
 * came from is judged on every call against the trust store's current CRLs (map lookups, no SQL),
 * so a revocation ends the session at once. `now` is the window's clock (expiry, certificate validity).
 */
export async function authenticate(db: Sql, trust: TrustStore, token: string, now: Date): Promise<Principal> {
  if (!/^vt[sa]_[A-Za-z0-9_-]{43}$/.test(token)) {
    throw new AppError('auth.token_invalid', 'The bearer token is not a Ventanilla session or API token.', 401);
  }
  const row = await db.maybe<{
    id: string;
    kind: Principal['kind'];
    rfc: string;
    curp: string | null;
    name: string | null;
    certificate_fingerprint: string;
    certificate_issuer: string | null;
    certificate_serial: string | null;
    certificate_not_after: Date | null;
    scopes: Scope[];
    expires_at: Date;
    revoked_at: Date | null;
  }>(
    `select id, kind, rfc, curp, name, certificate_fingerprint, certificate_issuer, certificate_serial,
       certificate_not_after, scopes, expires_at, revoked_at
       from sessions where token_hash = $1`,
    [sha256Hex(token)],
  );
  if (!row) throw new AppError('auth.token_invalid', 'Unknown token: log in again.', 401);
  if (row.revoked_at) throw new AppError('auth.token_revoked', 'This token was revoked: log in again.', 401);
  // The table's check keeps these set on every live row.
  if (!row.certificate_issuer || !row.certificate_serial || !row.certificate_not_after) {
    throw new AppError('auth.token_invalid', 'This token does not name its certificate: log in again.', 401);
  }
  // A token's expiry is capped at its certificate's end: when both have passed, say which came first.
  if (row.expires_at <= now && row.expires_at < row.certificate_not_after) {
    throw new AppError('auth.token_expired', 'This token expired: log in again.', 401);
  }
  if (row.certificate_not_after <= now) {
    throw new AppError(
      'auth.certificate_expired',
      `The e.firma certificate ${row.certificate_serial} this ${describeKind(row.kind)} came from ` +
        `expired on ${row.certificate_not_after.toISOString()}: renew it and log in again.`,
      401,
    );
  }
  const certificate = trust.current().certificateStatus(row.certificate_issuer, row.certificate_serial, now);
  if (certificate.status === 'revoked') {
    const what = certificate.authority
      ? `was issued by CA "${certificate.authority}", which was revoked`
      : 'was revoked';
    throw new AppError(
      'auth.certificate_revoked',
      `The e.firma certificate ${row.certificate_serial} this ${describeKind(row.kind)} came from ` +
        `${what} on ${certificate.revokedAt.toISOString()}: log in again with a valid e.firma.`,
      401,
    );
  }
  if (certificate.status === 'untrusted') {
    throw new AppError(
      'auth.certificate_untrusted',
      `The e.firma certificate ${row.certificate_serial} this ${describeKind(row.kind)} came from ` +
        `is no longer trusted: ${certificate.reason}. Log in again with a valid e.firma.`,
      401,
    );
  }
  return {
    sessionId: row.id,
    kind: row.kind,
    rfc: row.rfc,
    curp: row.curp,
    name: row.name,
    certificateFingerprint: row.certificate_fingerprint,
    scopes: row.scopes,
  };
}

const describeKind = (kind: Principal['kind']) => (kind === 'session' ? 'session' : 'API token');

/** Revokes a session or API token of the given holder; false when there was nothing to revoke. */
export async function revokeToken(
  tx: Sql,
  opts: { id: string; rfc: string; kind: Principal['kind']; at: Date },
): Promise<boolean> {
  const rows = await tx.query(
    'update sessions set revoked_at = $4 where id = $1 and rfc = $2 and kind = $3 and revoked_at is null returning id',
    [opts.id, opts.rfc, opts.kind, opts.at],
  );
  return rows.length > 0;
}

/** A person's API tokens (never their secrets), newest first, after the key `[createdAt, id]` of the last one seen. */
export async function listApiTokens(db: Sql, rfc: string, page: KeysetPage<[string, string]>) {
  const rows = await db.query<{
    id: string;
    label: string | null;
    scopes: Scope[];
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
    created_key: string;
  }>(
    `select id, label, scopes, created_at, expires_at, revoked_at,
      ${timestampKeySql('created_at')} as created_key from sessions
      where rfc = $1 and kind = 'api_token' and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz,
        $3::uuid))
      order by created_at desc, id desc limit $4`,
    [rfc, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit + 1],
  );
  return rows.map((t) => ({
    key: [t.created_key, t.id],
    item: {
      id: t.id,
      label: t.label,
      scopes: t.scopes,
      createdAt: t.created_at.toISOString(),
      expiresAt: t.expires_at.toISOString(),
      revokedAt: t.revoked_at?.toISOString() ?? null,
    },
  }));
}
