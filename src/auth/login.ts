import { appendAudit } from '../audit/log.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { checkSignedChallenge, consumeChallenge, issueChallenge, type SignedChallengeInput } from './challenges.ts';
import { SCOPES, type Principal, type Scope } from './principal.ts';
import { hitRateLimit } from '../rate-limit.ts';
import { createToken, revokeToken, type IssuedToken } from './sessions.ts';

export const LOGIN_ACTION = 'auth.login';

export async function startLogin(ctx: Context, opts: { clientAddress: string }) {
  await hitRateLimit(ctx.db, `login:${opts.clientAddress}`, ctx.config.loginRateLimit, ctx.clock.now());
  return issueChallenge(ctx.db, {
    action: LOGIN_ACTION,
    audience: ctx.config.publicUrl,
    ttlSeconds: ctx.config.challengeTtlSeconds,
    now: ctx.clock.now(),
  });
}

/** Any valid e.firma may log in: the session's identity is the certificate's RFC and CURP. */
export async function login(
  ctx: Context,
  opts: { input: SignedChallengeInput; clientAddress: string },
): Promise<IssuedToken> {
  await hitRateLimit(ctx.db, `login:${opts.clientAddress}`, ctx.config.loginRateLimit, ctx.clock.now());
  const accepted = await checkSignedChallenge(ctx.db, ctx.trust, opts.input, {
    action: LOGIN_ACTION,
    sessionId: null,
    now: ctx.clock.now(),
  });
  return ctx.db.transaction(async (tx) => {
    const signatureId = await consumeChallenge(tx, accepted, ctx.clock.now());
    const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.sessionTtlMinutes * 60_000);
    const issued = await createToken(tx, { kind: 'session', signer: accepted.signer, scopes: SCOPES, expiresAt });
    await appendAudit(tx, {
      type: 'auth.login',
      actorRfc: accepted.signer.rfc,
      objectType: 'session',
      objectId: issued.id,
      signatureId,
      data: { certificateSerial: accepted.signer.serialNumber, clientAddress: opts.clientAddress },
    });
    return issued;
  });
}

export async function logout(db: Sql, principal: Principal, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await revokeToken(tx, { id: principal.sessionId, rfc: principal.rfc, kind: principal.kind, at: now });
    await appendAudit(tx, {
      type: 'auth.logout',
      actorRfc: principal.rfc,
      objectType: principal.kind,
      objectId: principal.sessionId,
      at: now,
    });
  });
}

export const MAX_API_TOKEN_DAYS = 366;

export function checkApiTokenRequest(principal: Principal, data: { scopes: Scope[]; expiresInDays: number }) {
  if (principal.kind !== 'session') {
    throw new AppError(
      'auth.api_token_needs_session',
      'API tokens are created from a login session, not from another token.',
      403,
    );
  }
  if (new Set(data.scopes).size !== data.scopes.length)
    throw new AppError('auth.scopes_repeated', 'A scope is listed twice.', 400);
  if (data.expiresInDays > MAX_API_TOKEN_DAYS) {
    throw new AppError('auth.api_token_too_long', `An API token lives at most ${MAX_API_TOKEN_DAYS} days.`, 400);
  }
}
