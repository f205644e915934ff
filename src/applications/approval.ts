import type { Approval, Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';

/**
 * Runs the window's issuer (ctx.flows, set by wireFlows) in the caller's transaction; the review flow sits below
 * permits/, so it calls the issuer rather than importing it. Without one, the approval must not commit either.
 */
export async function grantApproval(
  tx: Sql,
  ctx: Context,
  approval: Approval,
): Promise<{ id: string; number: string }> {
  const issue = ctx.flows.issueOnApproval;
  if (!issue) {
    throw new AppError(
      'workflow.issuer_missing',
      'This window has no permit issuer wired, so nothing can be approved; the operator must start it through ' +
        'openContext.',
      500,
    );
  }
  return issue(tx, approval);
}
