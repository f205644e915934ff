import type { Context, IssuedPermit } from '../context.ts';
import type { Sql } from '../db/db.ts';

/**
 * Runs the window's permit-issued hooks (ctx.flows, set by wireFlows), in order, in the caller's transaction:
 * permits/ sits below customs/, so customs' quota charging is called here rather than imported.
 */
export async function permitIssued(tx: Sql, ctx: Context, permit: IssuedPermit): Promise<void> {
  for (const hook of ctx.flows.permitIssued) await hook(tx, permit);
}
