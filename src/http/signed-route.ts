import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { checkSignedChallenge, consumeChallenge, issueChallenge } from '../auth/challenges.ts';
import type { Principal } from '../auth/principal.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { sealJws } from '../pki/window-key.ts';
import { principalOf } from './access.ts';
import { SignedBody, ChallengeResponse } from './schemas.ts';

/** The JWS `typ` of the window's sealed acknowledgements (permits get their own). */
export const ACK_TYP = 'ventanilla-ack+jws';

export interface Acknowledgement {
  action: string;
  challengeId: string;
  signatureId: string;
  signedBy: { rfc: string; certificateSerial: string };
  object: { type: string; id: string };
  receivedAt?: string;
}

/** The window's receipt of a signed action, sealed with its key (verifiable with the published JWKS). */
export async function sealAcknowledgement(ctx: Context, ack: Acknowledgement) {
  const acknowledgement = { ...ack, receivedAt: ack.receivedAt ?? new Date().toISOString() };
  return { acknowledgement, seal: await sealJws(ctx.windowKey, acknowledgement, ACK_TYP) };
}

export interface SignedActionArgs<D, P> {
  principal: Principal;
  data: D;
  params: P;
}

export interface SignedRouteDefinition<D extends TSchema, P extends TSchema> {
  method: 'POST' | 'PUT';
  url: string;
  action: string;
  summary: string;
  tags: string[];
  params?: P;
  data: D;
  /** Authorisation and preconditions: run before the payload is issued and again before acting. */
  check: (db: Sql, args: SignedActionArgs<Static<D>, Static<P>>) => Promise<void>;
  /** The state change, inside the transaction that consumes the challenge; writes its own audit event. */
  act: (tx: Sql, args: SignedActionArgs<Static<D>, Static<P>> & { signer: VerifiedSigner; signatureId: string }) =>
    Promise<{ result: unknown; object: { type: string; id: string }; status?: number }>;
}

/**
 * Registers a signed action as two routes: `POST {url}/signing-payload` takes the data and
 * returns the exact payload to sign; `{method} {url}` takes the signature over it and acts.
 * The answer carries an acknowledgement sealed with the window's key.
 */
export function signedRoute<D extends TSchema, P extends TSchema>(app: FastifyInstance, ctx: Context, def: SignedRouteDefinition<D, P>) {
  const params = def.params ?? Type.Object({});
  app.post(`${def.url}/signing-payload`, {
    config: { access: { scope: 'write' } },
    schema: {
      summary: `${def.summary}: get the payload to sign`, tags: def.tags, params, body: def.data,
      response: { 201: ChallengeResponse },
    },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const args = { principal, data: req.body as Static<D>, params: req.params as Static<P> };
    await def.check(ctx.db, args);
    const issued = await issueChallenge(ctx.db, {
      action: def.action, audience: ctx.config.publicUrl, ttlSeconds: ctx.config.challengeTtlSeconds, sessionId: principal.sessionId,
      requestedBy: principal.rfc, target: req.params as Record<string, string>, data: args.data as Record<string, unknown>,
    });
    return reply.code(201).send(issued);
  });

  app.route({
    method: def.method,
    url: def.url,
    config: { access: { scope: 'write' } },
    schema: { summary: `${def.summary}: submit the signed payload`, tags: def.tags, params, body: SignedBody },
    handler: async (req, reply) => {
      const principal = principalOf(req);
      const accepted = await checkSignedChallenge(ctx.db, ctx.trust, req.body as Static<typeof SignedBody>, {
        action: def.action, sessionId: principal.sessionId, target: req.params as Record<string, string>, holderRfc: principal.rfc,
      });
      const args = { principal, data: accepted.payload.data as Static<D>, params: req.params as Static<P> };
      await def.check(ctx.db, args);
      const outcome = await ctx.db.transaction(async (tx) => {
        const signatureId = await consumeChallenge(tx, accepted);
        return { signatureId, ...(await def.act(tx, { ...args, signer: accepted.signer, signatureId })) };
      });
      const sealed = await sealAcknowledgement(ctx, {
        action: def.action, challengeId: accepted.payload.challengeId, signatureId: outcome.signatureId,
        signedBy: { rfc: accepted.signer.rfc, certificateSerial: accepted.signer.serialNumber }, object: outcome.object,
      });
      return reply.code(outcome.status ?? 200).send({ data: outcome.result, ...sealed });
    },
  });
}
