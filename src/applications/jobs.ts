import type { Context } from '../context.ts';
import { autoApprove, sweepDeadlines } from './timers.ts';

export const AUTO_APPROVE = 'auto-approve';
export const SWEEP_DEADLINES = 'sweep-deadlines';
/** Legal deadlines are whole days: a sweep a minute is prompt enough, and cheap (an indexed range scan). */
const SWEEP_SECONDS = 60;

/** Background work of the workflow, on the shared job queue: each effect happens once however many processes run it. */
export async function registerApplicationJobs(ctx: Context): Promise<void> {
  ctx.jobs.handle<{ applicationId: string }>(AUTO_APPROVE, async ({ applicationId }) => { await autoApprove(ctx, applicationId); });
  ctx.jobs.handle(SWEEP_DEADLINES, async () => { await sweepDeadlines(ctx); });
  await ctx.jobs.every(SWEEP_DEADLINES, SWEEP_SECONDS);
}
