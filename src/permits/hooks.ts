import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import type { IssuedKind } from '../catalog/procedure.ts';
import type { PermitGoodsLine } from './document.ts';

/** A permit just written, as the flows after it (customs quotas) need it. */
export interface IssuedPermit {
  id: string;
  number: string;
  kind: IssuedKind;
  procedureCode: string;
  traderId: string;
  goods: PermitGoodsLine[];
  /** the issue date, YYYY-MM-DD (Mexico City) */
  date: string;
}

/** Runs inside the issuing transaction: throwing rolls back the permit and the approval with it. */
export type PermitIssuedHook = (tx: Sql, permit: IssuedPermit) => Promise<void>;

// permits/ sits below customs/, so customs registers what it does on issue (app.ts wireFlows) rather than being
// imported.
const hooks = new WeakMap<Context, Map<string, PermitIssuedHook>>();

/** Registers a hook under a name (registering the same name again replaces it, so wiring twice charges once). */
export function onPermitIssued(ctx: Context, name: string, hook: PermitIssuedHook): void {
  const byName = hooks.get(ctx) ?? new Map<string, PermitIssuedHook>();
  byName.set(name, hook);
  hooks.set(ctx, byName);
}

/** Runs every registered hook, in registration order, in the caller's transaction. */
export async function permitIssued(tx: Sql, ctx: Context, permit: IssuedPermit): Promise<void> {
  for (const hook of hooks.get(ctx)?.values() ?? []) await hook(tx, permit);
}
