import type { Context } from '../context.ts';
import { createMailTransport, deliverPendingEmails } from '../notifications/mailer.ts';
import { DELIVER_EMAILS } from './notices.ts';
import { autoApprove, sweepDeadlines } from './timers.ts';

export const AUTO_APPROVE = 'auto-approve';
export const SWEEP_DEADLINES = 'sweep-deadlines';
/** Legal deadlines are whole days: a sweep a minute is prompt enough, and cheap (an indexed range scan). */
const SWEEP_SECONDS = 60;

/** Background work of the workflow, on the shared job queue: each effect happens once however many processes run it. */
export async function registerApplicationJobs(ctx: Context): Promise<void> {
  ctx.jobs.handle<{ applicationId: string }>(AUTO_APPROVE, async ({ applicationId }) => {
    await autoApprove(ctx, applicationId);
  });
  ctx.jobs.handle(SWEEP_DEADLINES, async () => {
    await sweepDeadlines(ctx);
  });
  await ctx.jobs.every(SWEEP_DEADLINES, SWEEP_SECONDS);
  if (ctx.config.mail) {
    const transport = createMailTransport(ctx.config.mail.smtpUrl, { from: ctx.config.mail.from });
    ctx.jobs.handle(DELIVER_EMAILS, async () => {
      await deliverPendingEmails(ctx.db, transport);
    });
    // Sent after each notifying commit; the periodic run retries what failed.
    await ctx.jobs.every(DELIVER_EMAILS, 60);
  }
}
