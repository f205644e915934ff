import { checkSignedChallenge, consumeChallenge, issueChallenge } from '../auth/challenges.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { signPayload, type Signer } from '../pki/index.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { withRfcCheckDigit } from '../registry/identifiers.ts';

/** The demo company: its RFC names it in the demo data and in the demo operations. */
export const DEMO_TRADER_RFC = withRfcCheckDigit('IDN150101AB');

/** Signs and performs one action the way a client would: issued payload, real signature, checked and consumed. */
export async function actSigned<T>(
  ctx: Context,
  signer: Signer,
  action: string,
  target: Record<string, string>,
  data: Record<string, unknown>,
  act: (tx: Sql, signed: { signer: VerifiedSigner; signatureId: string; challengeId: string }) => Promise<T>,
): Promise<T> {
  const { challengeId, payload } = await issueChallenge(ctx.db, {
    action,
    audience: ctx.config.publicUrl,
    ttlSeconds: 60,
    now: ctx.clock.now(),
    requestedBy: signer.certificate.rfc,
    target,
    data,
  });
  const accepted = await checkSignedChallenge(
    ctx.db,
    ctx.trust,
    { challengeId, ...signPayload(payload, signer) },
    { action, sessionId: null, now: ctx.clock.now(), target },
  );
  return ctx.db.transaction(async (tx) =>
    act(tx, {
      signer: accepted.signer,
      signatureId: await consumeChallenge(tx, accepted, ctx.clock.now()),
      challengeId,
    }),
  );
}
