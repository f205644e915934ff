import type { ProcedureDefinition } from '../catalog/procedure.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { AppError } from '../errors.ts';

/** What an approval decided, as the issuer of the granted document needs it. */
export interface Approval {
  application: { id: string; trader_id: string; agency_code: string; form: Record<string, unknown> };
  procedure: ProcedureDefinition;
  approvedBy: 'officer' | 'automatic' | 'silence';
  /** The signed resolution of an officer's approval; null for automatic approval and legal silence. */
  resolution: { officerName: string; officerRfc: string; certificateSerial: string; signatureId: string } | null;
  conditions: string[];
}

/** Issues what an approval grants inside the approving transaction; throwing rolls the approval back. */
export type ApprovalHook = (tx: Sql, ctx: Context, approval: Approval) => Promise<{ id: string; number: string }>;

// The review flow sits below permits/, so the issuer is registered per window (app.ts wireFlows) rather than imported.
const issuers = new WeakMap<Context, ApprovalHook>();

/** Registers the one issuer of this window's approvals (registering again replaces it). */
export function onApproval(ctx: Context, hook: ApprovalHook): void {
  issuers.set(ctx, hook);
}

/** Runs the issuer in the caller's transaction; without one, the approval must not commit either. */
export async function grantApproval(
  tx: Sql,
  ctx: Context,
  approval: Approval,
): Promise<{ id: string; number: string }> {
  const issue = issuers.get(ctx);
  if (!issue) {
    throw new AppError(
      'workflow.issuer_missing',
      'This window has no permit issuer wired, so nothing can be approved; the operator must start it through ' +
        'openContext.',
      500,
    );
  }
  return issue(tx, ctx, approval);
}
