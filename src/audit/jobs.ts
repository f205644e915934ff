import type { Context } from '../context.ts';
import { fullAuditCheck } from './checkpoint.ts';

export const AUDIT_FULL_CHECK = 'audit-full-check';
/** The public check rereads only new events; this bounds how long an edit to an old one goes unreported. */
const FULL_CHECK_SECONDS = 3600;

export async function registerAuditJobs(ctx: Context): Promise<void> {
  ctx.jobs.handle(AUDIT_FULL_CHECK, async () => {
    const result = await fullAuditCheck(ctx.db);
    // A failed job is logged with its error: tampering must reach the operators' logs, not only the public answer.
    if (!result.ok) throw new Error(`audit chain broken at event ${result.failure!.seq}: ${result.failure!.reason}`);
  });
  await ctx.jobs.every(AUDIT_FULL_CHECK, FULL_CHECK_SECONDS);
}
