import crypto from 'node:crypto';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { canonicalJson, sha256Hex } from '../pki/canonical.ts';
import { verifySignature, type SignatureEnvelope, type VerifiedSigner } from '../pki/signature.ts';
import type { TrustStore } from '../pki/trust-store.ts';

/**
 * The exact object a client signs. The window issues it, so the client never has to guess
 * what to sign, and the single-use nonce makes every signature good for one action only.
 */
export interface SigningPayload {
  window: 'ventanilla';
  /**
   * The public URL of the window that issued it (PUBLIC_URL). A signer checks it names the site it is using:
   * a site that hands out another window's payload is relaying it to act in the signer's name there.
   */
  audience: string;
  action: string;
  challengeId: string;
  nonce: string;
  issuedAt: string;
  expiresAt: string;
  /** RFC of the session that asked for it (null for login). */
  requestedBy: string | null;
  /** The object the action applies to, e.g. { rfc } for a profile update. */
  target: Record<string, string>;
  data: Record<string, unknown>;
}

export async function issueChallenge(
  db: Sql,
  opts: {
    action: string;
    /** ctx.config.publicUrl */
    audience: string;
    ttlSeconds: number;
    /** The window's clock (ctx.clock.now()): tests move it instead of sleeping. */
    now: Date;
    sessionId?: string | null;
    requestedBy?: string | null;
    target?: Record<string, string>;
    data?: Record<string, unknown>;
  },
): Promise<{ challengeId: string; payload: SigningPayload; expiresAt: string }> {
  const challengeId = crypto.randomUUID();
  const now = opts.now;
  const expiresAt = new Date(now.getTime() + opts.ttlSeconds * 1000);
  const payload: SigningPayload = {
    window: 'ventanilla',
    audience: opts.audience,
    action: opts.action,
    challengeId,
    nonce: crypto.randomBytes(24).toString('base64url'),
    issuedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    requestedBy: opts.requestedBy ?? null,
    target: opts.target ?? {},
    data: JSON.parse(json(opts.data ?? {})),
  };
  await db.query(
    `insert into challenges (id, action, payload, payload_sha256, session_id, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      challengeId,
      opts.action,
      json(payload),
      sha256Hex(canonicalJson(payload)),
      opts.sessionId ?? null,
      now,
      expiresAt,
    ],
  );
  return { challengeId, payload, expiresAt: payload.expiresAt };
}

export interface SignedChallengeInput extends SignatureEnvelope {
  challengeId: string;
  /** Optional: the payload the client signed, to tell an altered payload from a wrong key. */
  payload?: unknown;
}

export interface AcceptedSignature {
  payload: SigningPayload;
  signer: VerifiedSigner;
  envelope: SignatureEnvelope;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a signature over an issued challenge without consuming it: the caller consumes it
 * in the same transaction as the action, so a failed action leaves nothing written.
 */
export async function checkSignedChallenge(
  db: Sql,
  trust: TrustStore,
  input: SignedChallengeInput,
  expect: {
    action: string;
    sessionId: string | null;
    /** The window's clock (ctx.clock.now()), against which the challenge's expiry is judged. */
    now: Date;
    target?: Record<string, string>;
    /**
     * The RFC of the session's holder, who must be the signer (absent at login, where the signer becomes the holder).
     */
    holderRfc?: string;
  },
): Promise<AcceptedSignature> {
  if (!UUID.test(input.challengeId))
    throw new AppError('challenge.not_found', `No challenge ${input.challengeId}.`, 404);
  const row = await db.maybe<{
    action: string;
    payload: SigningPayload;
    session_id: string | null;
    expires_at: Date;
    used_at: Date | null;
  }>('select action, payload, session_id, expires_at, used_at from challenges where id = $1', [input.challengeId]);
  if (!row) throw new AppError('challenge.not_found', `No challenge ${input.challengeId}.`, 404);
  if (row.used_at)
    throw new AppError('challenge.used', 'This challenge was already used: ask for a new payload to sign.', 409);
  if (row.expires_at.getTime() <= expect.now.getTime()) {
    throw new AppError(
      'challenge.expired',
      `This challenge expired at ${row.expires_at.toISOString()}: ask for a new payload to sign.`,
      422,
    );
  }
  if (row.action !== expect.action) {
    throw new AppError(
      'challenge.wrong_action',
      `This challenge was issued for ${row.action}, not ${expect.action}.`,
      422,
    );
  }
  if (row.session_id !== expect.sessionId) {
    throw new AppError('challenge.wrong_session', 'This challenge was issued to another session.', 403);
  }
  if (expect.target && canonicalJson(row.payload.target) !== canonicalJson(expect.target)) {
    throw new AppError('challenge.wrong_target', 'This challenge was issued for another object.', 422);
  }
  if (input.payload !== undefined && canonicalJson(input.payload) !== canonicalJson(row.payload)) {
    throw new AppError(
      'signature.payload_altered',
      'The payload you signed is not the one the window issued for this challenge: sign the issued payload unchanged.',
      422,
    );
  }
  const envelope: SignatureEnvelope = {
    certificate: input.certificate,
    algorithm: input.algorithm,
    signature: input.signature,
  };
  const signer = verifySignature({ payload: row.payload, envelope, trust });
  if (expect.holderRfc !== undefined && signer.rfc !== expect.holderRfc) {
    throw new AppError(
      'signature.not_acting_party',
      `The payload was signed by RFC ${signer.rfc}, but this session belongs to ${expect.holderRfc}.`,
      403,
    );
  }
  return { payload: row.payload, signer, envelope };
}

/** Marks the challenge used and keeps the signature as evidence; returns the signature id. */
export async function consumeChallenge(tx: Sql, accepted: AcceptedSignature, now: Date): Promise<string> {
  const used = await tx.query('update challenges set used_at = $2 where id = $1 and used_at is null returning id', [
    accepted.payload.challengeId,
    now,
  ]);
  if (used.length === 0)
    throw new AppError('challenge.used', 'This challenge was already used: ask for a new payload to sign.', 409);
  const signatureId = crypto.randomUUID();
  const { signer, envelope, payload } = accepted;
  await tx.query(
    `insert into signatures (id, action, payload, payload_sha256, signer_rfc, signer_curp, certificate_serial,
       certificate_fingerprint, certificate_der, algorithm, signature, signed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      signatureId,
      payload.action,
      json(payload),
      sha256Hex(canonicalJson(payload)),
      signer.rfc,
      signer.curp,
      signer.serialNumber,
      signer.fingerprint,
      signer.certificateDer,
      envelope.algorithm,
      envelope.signature,
      now,
    ],
  );
  return signatureId;
}
