import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError } from '../errors.ts';

export type PartyKind = 'trader' | 'broker';

/** Keeps every signed version of a profile; the current one also lives on the party's row. */
export async function recordProfileVersion(
  tx: Sql,
  opts: {
    kind: PartyKind;
    partyId: string;
    version: number;
    profile: object;
    signatureId: string;
    at: Date;
  },
) {
  await tx.query(
    `insert into profile_versions (party_kind, party_id, version, profile, signature_id, created_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [opts.kind, opts.partyId, opts.version, json(opts.profile), opts.signatureId, opts.at],
  );
}

export interface ProfileVersion<P = object> {
  version: number;
  profile: P;
  createdAt: string;
  signature: { id: string; signerRfc: string; certificateSerial: string };
}

/**
 * Signed versions of a profile, newest first; `page` reads `limit` of them (plus one, to tell a next page) below
 * `before`.
 */
export async function profileHistory<P = object>(
  db: Sql,
  kind: PartyKind,
  partyId: string,
  page?: { before?: number; limit: number },
) {
  const rows = await db.query<{
    version: number;
    profile: P;
    created_at: Date;
    signature_id: string;
    signer_rfc: string;
    certificate_serial: string;
  }>(
    `select v.version, v.profile, v.created_at, v.signature_id, s.signer_rfc, s.certificate_serial
       from profile_versions v join signatures s on s.id = v.signature_id
      where v.party_kind = $1 and v.party_id = $2 and ($3::int is null or v.version < $3)
      order by v.version desc${page ? ' limit $4' : ''}`,
    [kind, partyId, page?.before ?? null, ...(page ? [page.limit + 1] : [])],
  );
  return rows.map(
    (r): ProfileVersion<P> => ({
      version: r.version,
      profile: r.profile,
      createdAt: r.created_at.toISOString(),
      signature: { id: r.signature_id, signerRfc: r.signer_rfc, certificateSerial: r.certificate_serial },
    }),
  );
}

/** Optimistic concurrency: a signed update names the version it replaces, so a replayed or stale one fails. */
export function checkExpectedVersion(current: number, expected: number) {
  if (current !== expected) {
    throw new AppError(
      'registry.version_conflict',
      `The profile is at version ${current}, not ${expected}: reload it and sign the update again.`,
      409,
      { currentVersion: current },
    );
  }
}

export function notActingParty(signerRfc: string, party: string): AppError {
  return new AppError(
    'signature.not_acting_party',
    `RFC ${signerRfc} is neither ${party} nor its registered legal representative.`,
    403,
  );
}
