import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import { mexicoDate } from '../calendar/calendar.ts';
import { loadApplication, procedureOf, transition } from './transition.ts';
import { CLOCK_RUNNING, type Action } from './workflow.ts';

/**
 * Applies a system action once: a second run (another process, a retried job) finds the status
 * already moved on and does nothing. Returns whether this run took effect.
 */
async function once(ctx: Context, applicationId: string, action: Action): Promise<boolean> {
  try {
    await ctx.db.transaction((tx) => transition(tx, ctx, { applicationId, action, actor: { kind: 'system' } }));
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'workflow.action_not_allowed') return false;
    throw err;
  }
}

/** Automatic notices: complete (their form was validated at submission) and so approved without a human. */
export async function autoApprove(ctx: Context, applicationId: string): Promise<boolean> {
  const app = await loadApplication(ctx.db, applicationId);
  const procedure = await procedureOf(ctx, ctx.db, app);
  if (!procedure.autoApprove) return false;
  return once(ctx, applicationId, 'auto_approve');
}

/**
 * Legal silence: every application whose response time ran out (its due date has passed in Mexico
 * City, with the clock running) is approved or denied as its procedure's law says.
 */
export async function sweepDeadlines(ctx: Context): Promise<{ approved: number; denied: number }> {
  const today = mexicoDate(ctx.clock.now());
  const due = await ctx.db.query<{ id: string; procedure_code: string; procedure_version: number }>(
    `select id, procedure_code, procedure_version from applications
      where status = any($1::text[]) and due_date < $2::date order by due_date limit 500`,
    [CLOCK_RUNNING, today],
  );
  const result = { approved: 0, denied: 0 };
  for (const app of due) {
    const procedure = await procedureOf(ctx, ctx.db, app);
    const positive = procedure.silence === 'positive';
    if (await once(ctx, app.id, positive ? 'silence_approve' : 'silence_deny'))
      result[positive ? 'approved' : 'denied']++;
  }
  return result;
}
