import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { SigningPayload } from '../../auth/challenges.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Sql } from '../../db/db.ts';
import type { VerifiedSigner } from '../../pki/signature.ts';
import type { App } from '../typed-app.ts';

export interface SignedActionArgs<D, P> {
  principal: Principal;
  /** The payload's data: what the signer signs, and at the act step what they signed. */
  data: D;
  params: P;
}

export interface ActArgs<D, P> extends SignedActionArgs<D, P> {
  signer: VerifiedSigner;
  signatureId: string;
  challengeId: string;
  /** The window's clock when the signed request arrived: the acknowledgement's receivedAt. */
  receivedAt: Date;
}

export interface IssuedPayload {
  challengeId: string;
  payload: SigningPayload;
  expiresAt: string;
}

/** Issues the payload to sign with the action's name, audience, lifetime, session, signer and target filled in. */
export type IssuePayload = (db: Sql, data: Record<string, unknown>) => Promise<IssuedPayload>;

/**
 * A first step that is not a JSON body (the eDocument upload's multipart form): it reads the request itself,
 * checks what it must and issues the payload through `issue`.
 */
export interface CustomFirstStep {
  url: string;
  /** Registers what the step needs in its own encapsulated context (e.g. the multipart parser). */
  plugin?: (scope: App) => Promise<void>;
  /** The request body as OpenAPI sees it; not validated by Fastify (the step validates as it reads). */
  consumes: string[];
  body: TSchema;
  handle: (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: { principal: Principal; issue: IssuePayload },
  ) => Promise<IssuedPayload>;
}

export interface SignedActionDefinition<B extends TSchema, P extends TSchema, R extends TSchema, D = Static<B>> {
  method: 'POST' | 'PUT';
  url: string;
  /** The action name in the payload, the signature and the acknowledgement, e.g. `cove.file`. */
  action: string;
  /**
   * operationIds: `prepare` for the signing-payload step (e.g. prepareCoveFiling), `act` for the signed one (fileCove).
   */
  names: { prepare: string; act: string };
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  /** The first step's JSON body; absent when the payload needs no input (e.g. an operation's submit). */
  body?: B;
  /** Media types the first step accepts (default JSON). */
  consumes?: string[];
  /** The answer's `data`, with a title (it is named in the OpenAPI document). */
  result: R;
  /**
   * Computes the payload's data from the request (default: the body as sent). Run again at the act step on
   * what was signed, in the acting transaction: if it no longer yields the same, the signer must sign again.
   * So it must accept its own output as input.
   */
  prepare?: (db: Sql, args: { principal: Principal; params: Static<P>; input: Static<B> }) => Promise<D>;
  /** The refusal when `prepare` no longer yields what was signed (kept per action: released codes never change). */
  stale?: { code: string; message: string };
  /** Authorisation and preconditions on the payload's data: before the payload is issued and again before acting. */
  check?: (db: Sql, args: SignedActionArgs<D, Static<P>>) => Promise<void>;
  /** The state change, inside the transaction that consumes the challenge; writes its own audit event. */
  act: (
    tx: Sql,
    args: ActArgs<D, Static<P>>,
  ) => Promise<{ result: unknown; object: { type: string; id: string }; status?: number }>;
  /** Runs in the same transaction once the answer is sealed (e.g. to keep the seal beside the object). */
  sealed?: (
    tx: Sql,
    args: ActArgs<D, Static<P>> & { answerData: unknown; seal: string; object: { type: string; id: string } },
  ) => Promise<void>;
  firstStep?: CustomFirstStep;
}
