import type { Static, TSchema } from 'typebox';
import {
  checkSignedChallenge,
  consumeChallenge,
  issueChallenge,
  type SignedChallengeInput,
} from '../../auth/challenges.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Context } from '../../context.ts';
import { json, type Sql } from '../../db/db.ts';
import { AppError } from '../../errors.ts';
import { canonicalJson } from '../../pki/canonical.ts';
import { sealAcknowledgement } from './acknowledgement.ts';
import { storeAnswer, storedAnswer, type SignedAnswer } from './answers.ts';
import type { IssuePayload, SignedActionDefinition } from './definition.ts';

/** The same signed request lost the race for its challenge to an identical one: answered once that one commits. */
class LostRace extends Error {}

const used = () =>
  new AppError('challenge.used', 'This challenge was already used: ask for a new payload to sign.', 409);
const DEFAULT_STALE = {
  code: 'challenge.payload_stale',
  message:
    'The window would now act on something different from the payload you signed: ask for a new payload to sign.',
};

/** The object a payload is bound to: the route's parameters. */
const targetOf = (params: unknown): Record<string, string> => (params ?? {}) as Record<string, string>;

/** Issues payloads for one action: every field but the data is the pipeline's. */
export function payloadIssuer(
  ctx: Context,
  def: { action: string },
  principal: Principal,
  params: unknown,
): IssuePayload {
  return (db, data) =>
    issueChallenge(db, {
      action: def.action,
      audience: ctx.config.publicUrl,
      ttlSeconds: ctx.config.challengeTtlSeconds,
      now: ctx.clock.now(),
      sessionId: principal.sessionId,
      requestedBy: principal.rfc,
      target: targetOf(params),
      data,
    });
}

/** The payload's data from the first step's input: prepared by the window, or the input as sent; checked either way. */
async function payloadData<B extends TSchema, P extends TSchema, D>(
  db: Sql,
  def: SignedActionDefinition<B, P, TSchema, D>,
  args: { principal: Principal; params: Static<P>; input: Static<B> },
): Promise<D> {
  const data = def.prepare ? await def.prepare(db, args) : (args.input as D);
  await def.check?.(db, { principal: args.principal, params: args.params, data });
  return data;
}

/** Step 1: the exact payload to sign. */
export async function issueSigningPayload<B extends TSchema, P extends TSchema, D>(
  ctx: Context,
  def: SignedActionDefinition<B, P, TSchema, D>,
  args: { principal: Principal; params: Static<P>; input: Static<B> },
) {
  const data = await payloadData(ctx.db, def, args);
  return payloadIssuer(ctx, def, args.principal, args.params)(ctx.db, JSON.parse(json(data ?? {})));
}

/**
 * Step 2: the signed request. A retry of one already acted on answers the stored answer (`replayed: true`);
 * otherwise the signature is checked, the preconditions and the prepared data again, and in one transaction the
 * challenge is consumed, the action applied, its answer sealed and stored.
 */
export async function performSignedAction<B extends TSchema, P extends TSchema, D>(
  ctx: Context,
  def: SignedActionDefinition<B, P, TSchema, D>,
  req: { principal: Principal; params: Static<P>; signed: SignedChallengeInput },
): Promise<{ status: number; answer: SignedAnswer }> {
  const { principal, params, signed } = req;
  const target = targetOf(params);
  const lookup = {
    challengeId: signed.challengeId,
    action: def.action,
    target,
    sessionId: principal.sessionId,
    signature: signed.signature,
  };
  const replay = await storedAnswer(ctx.db, lookup);
  if (replay) return { status: 200, answer: replay };
  // The challenge was taken by an identical request (a double click): its answer, committed by now, or 409.
  const twinsAnswer = async () => {
    const answer = await storedAnswer(ctx.db, lookup);
    if (answer) return { status: 200, answer };
    throw used();
  };

  const now = ctx.clock.now();
  let accepted: Awaited<ReturnType<typeof checkSignedChallenge>>;
  try {
    accepted = await checkSignedChallenge(ctx.db, ctx.trust, signed, {
      action: def.action,
      sessionId: principal.sessionId,
      now,
      target,
      holderRfc: principal.rfc,
    });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'challenge.used')) throw err;
    // The twin committed between our look for its answer and this check (seen on PostgreSQL: 201 and 409).
    return twinsAnswer();
  }
  const args = { principal, params, data: accepted.payload.data as D };
  await def.check?.(ctx.db, args);
  try {
    return await ctx.db.transaction(async (tx) => {
      const signatureId = await consumeChallenge(tx, accepted, now).catch((err) => {
        throw err instanceof AppError && err.code === 'challenge.used' ? new LostRace() : err;
      });
      if (def.prepare) {
        // What is stored is exactly what was signed: prepared again now, it must come out the same.
        const again = await def.prepare(tx, { principal, params, input: args.data as Static<B> });
        if (canonicalJson(again) !== canonicalJson(args.data)) {
          const stale = def.stale ?? DEFAULT_STALE;
          throw new AppError(stale.code, stale.message, 409);
        }
      }
      const actArgs = {
        ...args,
        signer: accepted.signer,
        signatureId,
        challengeId: accepted.payload.challengeId,
        receivedAt: now,
      };
      const outcome = await def.act(tx, actArgs);
      // The answer as it is stored and sent: plain JSON, so a replay and the seal's digest see the same bytes.
      const data: unknown = JSON.parse(json(outcome.result ?? null));
      const sealed = await sealAcknowledgement(
        ctx,
        {
          action: def.action,
          challengeId: accepted.payload.challengeId,
          signatureId,
          object: outcome.object,
          signedBy: { rfc: accepted.signer.rfc, certificateSerial: accepted.signer.serialNumber },
          receivedAt: now.toISOString(),
        },
        data,
      );
      await def.sealed?.(tx, { ...actArgs, answerData: data, seal: sealed.seal, object: outcome.object });
      const status = outcome.status ?? 200;
      await storeAnswer(tx, { ...lookup, signatureId, status, answer: { data, ...sealed }, now });
      return { status, answer: { data, ...sealed, replayed: false } };
    });
  } catch (err) {
    if (!(err instanceof LostRace)) throw err;
    // Our conditional update waited for the winner's transaction: its answer is committed now.
    return twinsAnswer();
  }
}
