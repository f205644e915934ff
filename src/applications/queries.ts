import type { Principal } from '../auth/principal.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { notFound } from '../errors.ts';
import { officerMemberships } from '../registry/identity.ts';
import { businessDaysBetween, mexicoDate } from './calendar.ts';
import { applicantMayAct, dateOnly, guardFacts, loadApplication, procedureOf, type ApplicationRow } from './transition.ts';
import { availableActions } from './workflow.ts';

export function applicationView(a: ApplicationRow, today: string) {
  return {
    id: a.id, operationId: a.operation_id, procedure: { code: a.procedure_code, version: a.procedure_version },
    agency: a.agency_code, office: a.office_code, status: a.status, form: a.form,
    prefilledFields: a.prefilled_fields, typedFields: a.typed_fields, matchedRules: a.matched_rules,
    submittedAt: a.submitted_at.toISOString(), dueDate: a.due_date,
    remainingBusinessDays: a.due_date && !a.clock_stopped_on && !a.resolved_at
      ? (a.due_date >= today ? businessDaysBetween(today, a.due_date) : -businessDaysBetween(a.due_date, today)) : null,
    clockStoppedOn: a.clock_stopped_on, assignedOfficerId: a.assigned_officer_id, proposal: a.proposal,
    resolution: a.resolution, resolvedAt: a.resolved_at?.toISOString() ?? null,
  };
}

/** Who may see an application: the applicant side (trader, legal representative, delegated broker) or its agency's officers. */
export async function viewerOf(ctx: Context, db: Sql, principal: Principal, app: ApplicationRow) {
  const membership = (await officerMemberships(db, principal)).find((m) => m.agency === app.agency_code);
  if (membership) return { kind: 'officer' as const, membership };
  if (await applicantMayAct(db, principal, app)) return { kind: 'applicant' as const };
  throw notFound('application', app.id);
}

export async function getApplication(ctx: Context, principal: Principal, id: string) {
  const app = await loadApplication(ctx.db, id);
  const viewer = await viewerOf(ctx, ctx.db, principal, app);
  const procedure = await procedureOf(ctx, ctx.db, app);
  const events = await ctx.db.query<{ seq: number; occurred_at: Date; type: string; actor_rfc: string | null; signature_id: string | null; data: Record<string, unknown> }>(
    "select seq, occurred_at, type, actor_rfc, signature_id, data from audit_events where object_type = 'application' and object_id = $1 order by seq", [id]);
  const messages = await ctx.db.query<{ id: string; kind: string; author_rfc: string; author_role: string; body: string; signature_id: string | null; created_at: Date }>(
    `select id, kind, author_rfc, author_role, body, signature_id, created_at from application_messages
      where application_id = $1 and ($2 or kind <> 'internal_comment') order by created_at`, [id, viewer.kind === 'officer']);
  const permit = await ctx.db.maybe<{ number: string; status: string }>('select number, status from permits where application_id = $1', [id]);
  const facts = guardFacts(app, procedure, viewer.kind, viewer.kind === 'officer' ? viewer.membership : undefined);
  return {
    ...applicationView(app, mexicoDate(ctx.clock.now())),
    procedureName: procedure.name, fourEyes: procedure.fourEyes, silence: procedure.silence,
    permit,
    availableActions: availableActions(facts),
    timeline: [
      ...events.map((e) => ({ at: e.occurred_at.toISOString(), kind: 'event', type: e.type, actor: e.actor_rfc, signatureId: e.signature_id, data: e.data })),
      ...messages.map((m) => ({ at: m.created_at.toISOString(), kind: m.kind, actor: m.author_rfc, role: m.author_role, body: m.body, signatureId: m.signature_id })),
    ].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

/** The applications a caller may see: its own (and delegated) as applicant, its agency's as officer. */
export async function listApplications(ctx: Context, principal: Principal, q: { status?: string; agency?: string; from?: string; to?: string; limit: number; offset: number }) {
  const agencies = (await officerMemberships(ctx.db, principal)).map((m) => m.agency);
  const rows = await ctx.db.query<ApplicationRow>(
    `select a.* from applications a join traders t on t.id = a.trader_id
      where (a.agency_code = any($1::text[]) or t.rfc = $2 or t.legal_rep_rfc = $2 or exists (
        select 1 from delegations d join brokers b on b.id = d.broker_id where d.trader_id = t.id and d.status = 'active' and b.rfc = $2))
        and ($3::text is null or a.status = $3) and ($4::text is null or a.agency_code = $4)
        and ($5::date is null or a.submitted_at >= $5::date) and ($6::date is null or a.submitted_at < $6::date + 1)
      order by a.submitted_at desc, a.id limit $7 offset $8`,
    [agencies, principal.rfc, q.status ?? null, q.agency ?? null, q.from ?? null, q.to ?? null, q.limit, q.offset]);
  const today = mexicoDate(ctx.clock.now());
  return rows.map((r) => applicationView({ ...r, due_date: dateOnly(r.due_date), clock_stopped_on: dateOnly(r.clock_stopped_on) }, today));
}

/** An officer's inbox: open applications of their agency (and office), soonest due first. */
export async function inbox(ctx: Context, principal: Principal, q: { agency?: string; assigned?: 'me' | 'unassigned' | 'any'; status?: string; overdue?: boolean; limit: number }) {
  const memberships = (await officerMemberships(ctx.db, principal)).filter((m) => !q.agency || m.agency === q.agency);
  if (memberships.length === 0) return [];
  const today = mexicoDate(ctx.clock.now());
  const rows = await ctx.db.query<ApplicationRow & { trader_rfc: string; trader_name: string }>(
    `select a.*, t.rfc as trader_rfc, t.legal_name as trader_name from applications a join traders t on t.id = a.trader_id
      join jsonb_to_recordset($1::jsonb) as m(agency text, office text, officer uuid) on m.agency = a.agency_code
       and (m.office is null or a.office_code is null or m.office = a.office_code)
      where a.status in ('submitted', 'assigned', 'in_review', 'information_requested', 'answered', 'proposed')
        and ($2::text is null or a.status = $2)
        and ($3 = 'any' or ($3 = 'me' and a.assigned_officer_id = m.officer) or ($3 = 'unassigned' and a.assigned_officer_id is null))
        and (not $4 or a.due_date < $5::date)
      order by a.due_date nulls last, a.submitted_at limit $6`,
    [JSON.stringify(memberships.map((m) => ({ agency: m.agency, office: m.office, officer: m.officerId }))), q.status ?? null, q.assigned ?? 'any',
      q.overdue ?? false, today, q.limit]);
  return rows.map((r) => ({
    ...applicationView({ ...r, due_date: dateOnly(r.due_date), clock_stopped_on: dateOnly(r.clock_stopped_on) }, today),
    trader: { rfc: r.trader_rfc, legalName: r.trader_name },
  }));
}
