import type { Principal } from '../auth/principal.ts';
import type { ProcedureDefinition } from '../catalog/procedure.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { type AppError, notFound } from '../errors.ts';
import { officerMemberships, type OfficerMembership } from '../registry/identity.ts';
import { APPLICANT_SIDE_SQL } from './applicant-side.ts';
import { businessDaysBetween, mexicoDate } from '../calendar/calendar.ts';
import {
  applicantMayAct,
  guardFacts,
  loadApplication,
  officerRefusal,
  procedureOf,
  type ApplicationRow,
} from './transition.ts';
import { ACTIONS, availableActions, type Action } from './workflow.ts';
import { applicantSideSql } from '../registry/need-to-know.ts';
import { traderNames } from '../registry/traders.ts';
import { timestampKeySql } from '../http/pagination.ts';

/** Officers of the application's agency (and office) see everything; the applicant side sees no internal work. */
export type Audience = 'officer' | 'applicant';

/**
 * The applicant side sees no pending proposal (a proposed application is still in review to them), no assignee and
 * no officer's RFC: the resolution names the agency that decided.
 */
export function applicationView(a: ApplicationRow, today: string, audience: Audience) {
  const officer = audience === 'officer';
  const { officerRfc: _officerRfc, ...resolution } = a.resolution ?? {};
  return {
    id: a.id,
    operationId: a.operation_id,
    procedure: { code: a.procedure_code, version: a.procedure_version },
    agency: a.agency_code,
    office: a.office_code,
    status: !officer && a.status === 'proposed' ? ('in_review' as const) : a.status,
    form: a.form,
    prefilledFields: a.prefilled_fields,
    typedFields: a.typed_fields,
    matchedRules: a.matched_rules,
    submittedAt: a.submitted_at.toISOString(),
    dueDate: a.due_date,
    remainingBusinessDays:
      a.due_date && !a.clock_stopped_on && !a.resolved_at
        ? a.due_date >= today
          ? businessDaysBetween(today, a.due_date)
          : -businessDaysBetween(a.due_date, today)
        : null,
    clockStoppedOn: a.clock_stopped_on,
    ...(officer ? { assignedOfficerId: a.assigned_officer_id, proposal: a.proposal } : {}),
    resolution: officer || !a.resolution ? a.resolution : { ...resolution, agency: a.agency_code },
    resolvedAt: a.resolved_at?.toISOString() ?? null,
  };
}

export type Viewer =
  | { kind: 'officer'; membership: OfficerMembership }
  | { kind: 'applicant'; officerRefused: AppError | null };

/**
 * Who may see an application: its agency's officers (of its office when office-bound, or supervisors) who are not on
 * its applicant side, or the applicant side (trader, legal representative, delegated broker). An officer on the
 * applicant side sees it as the applicant, and `officerRefused` says why they may take no officer action.
 */
export async function viewerOf(
  db: Sql,
  principal: Principal,
  app: ApplicationRow,
  procedure: ProcedureDefinition,
): Promise<Viewer> {
  const membership = (await officerMemberships(db, principal)).find((m) => m.agency === app.agency_code);
  const officerRefused = membership
    ? await officerRefusal(db, { rfc: principal.rfc, ...membership }, app, procedure)
    : null;
  if (membership && !officerRefused) return { kind: 'officer', membership };
  if (await applicantMayAct(db, principal, app)) return { kind: 'applicant', officerRefused };
  throw notFound('application', app.id);
}

/** The kinds of `application_messages` (its CHECK constraint). */
export const MESSAGE_KINDS = ['information_request', 'answer', 'message', 'internal_comment'] as const;

/** Steps of the four-eyes review that stay inside the agency until the resolution. */
const INTERNAL_EVENTS = [
  'application.propose_approval',
  'application.propose_rejection',
  'application.return_proposal',
];

/** Whether a timeline event was the applicant side's own doing (its actor may be shown to it). */
function applicantEvent(type: string, data: Record<string, unknown>) {
  const action = type.replace(/^application\./, '');
  if (action === 'submitted') return true;
  if (action === 'comment') return data.role === 'applicant';
  return action in ACTIONS && ACTIONS[action as Action].actor === 'applicant';
}

export async function getApplication(ctx: Context, principal: Principal, id: string) {
  const app = await loadApplication(ctx.db, id);
  const procedure = await procedureOf(ctx, ctx.db, app);
  const viewer = await viewerOf(ctx.db, principal, app, procedure);
  const officer = viewer.kind === 'officer';
  const events = await ctx.db.query<{
    seq: number;
    occurred_at: Date;
    type: string;
    actor_rfc: string | null;
    signature_id: string | null;
    data: Record<string, unknown>;
  }>(
    `select seq, occurred_at, type, actor_rfc, signature_id, data from audit_events
      where object_type = 'application' and object_id = $1
        and ($2 or (type <> all($3::text[]) and not (type = 'application.comment' and
          coalesce(data->>'internal', 'false') = 'true')))
      order by seq`,
    [id, officer, INTERNAL_EVENTS],
  );
  const messages = await ctx.db.query<{
    id: string;
    kind: (typeof MESSAGE_KINDS)[number];
    author_rfc: string;
    author_role: string;
    body: string;
    signature_id: string | null;
    created_at: Date;
  }>(
    `select id, kind, author_rfc, author_role, body, signature_id, created_at from application_messages
      where application_id = $1 and ($2 or kind <> 'internal_comment') order by created_at`,
    [id, officer],
  );
  const permit = await ctx.db.maybe<{ number: string; status: string }>(
    'select number, status from permits where application_id = $1',
    [id],
  );
  const cited = await ctx.db.one<{ edocuments: string[] }>(
    `select coalesce(array(select jsonb_array_elements_text(coalesce(data->'edocuments', '[]'::jsonb))), '{}')
       as edocuments from operations where id = $1`,
    [app.operation_id],
  );
  const trader = (await traderNames(ctx.db, [app.trader_id])).get(app.trader_id)!;
  const facts = guardFacts(app, procedure, viewer.kind, officer ? viewer.membership : undefined);
  // To the applicant side an officer is the agency, not a person: no RFC of who reviewed or decided.
  const eventActor = (e: (typeof events)[number]) =>
    officer || !e.actor_rfc || applicantEvent(e.type, e.data)
      ? { actor: e.actor_rfc }
      : { actor: app.agency_code, role: 'officer' };
  return {
    ...applicationView(app, mexicoDate(ctx.clock.now()), viewer.kind),
    procedureName: procedure.name,
    trader: { rfc: trader.rfc, legalName: trader.legalName },
    prefilled: Object.keys(procedure.prefill).filter((field) => field in (app.form ?? {})),
    edocuments: cited.edocuments,
    fourEyes: procedure.fourEyes,
    silence: procedure.silence,
    permit,
    availableActions: availableActions(facts),
    timeline: [
      ...events.map((e) => ({
        at: e.occurred_at.toISOString(),
        kind: 'event' as const,
        type: e.type,
        ...eventActor(e),
        signatureId: e.signature_id,
        data: e.data,
      })),
      ...messages.map((m) => ({
        at: m.created_at.toISOString(),
        kind: m.kind,
        actor: officer || m.author_role !== 'officer' ? m.author_rfc : app.agency_code,
        role: m.author_role,
        body: m.body,
        signatureId: m.signature_id,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at)),
  };
}

/** Officer memberships as SQL rows `m`, for the office and own-case rules in lists. */
const membershipRows = (memberships: OfficerMembership[]) =>
  JSON.stringify(
    memberships.map((m) => ({
      agency: m.agency,
      office: m.office,
      officer: m.officerId,
      supervisor: m.roles.includes('supervisor'),
    })),
  );

/**
 * An officer membership `m` covers an application `a` (of procedure version `pv`): same agency, same office when
 * office-bound (or a supervisor), and not the officer's own case. An unknown procedure version counts as office-bound.
 */
const OFFICER_COVERS = (rfc: string) => `m.agency = a.agency_code
  and (not coalesce((pv.definition->>'officeBound')::boolean, true) or m.supervisor or m.office = a.office_code)
  and not ${APPLICANT_SIDE_SQL(rfc)}`;

const FROM = `from applications a join operations o on o.id = a.operation_id
  left join procedure_versions pv on pv.code = a.procedure_code and pv.version = a.procedure_version`;

/**
 * The applications a caller may see: its own (and delegated) as applicant, its agency's (and office's) as officer.
 * Newest first; one keyset page of `limit + 1` after the (submittedAt, id) key `after`.
 */
export async function listApplications(
  ctx: Context,
  principal: Principal,
  q: { status?: string; agency?: string; from?: string; to?: string; limit: number; after?: string[] },
) {
  const memberships = await officerMemberships(ctx.db, principal);
  const [afterAt, afterId] = q.after ?? [null, null];
  const rows = await ctx.db.query<ApplicationRow & { as_officer: boolean; sort_at: string }>(
    `select a.*, m.agency is not null as as_officer, ${timestampKeySql('a.submitted_at')} as sort_at ${FROM}
      left join jsonb_to_recordset($1::jsonb) as m(agency text, office text, officer uuid, supervisor boolean)
        on ${OFFICER_COVERS('$2')}
      where (m.agency is not null or ${applicantSideSql('a.trader_id', '$2')})
        and ($3::text is null or (case when m.agency is null and a.status = 'proposed' then 'in_review' else
          a.status end) = $3)
        and ($4::text is null or a.agency_code = $4)
        and ($5::date is null or a.submitted_at >= $5::date) and ($6::date is null or a.submitted_at < $6::date + 1)
        and ($7::timestamptz is null or a.submitted_at < $7::timestamptz or (a.submitted_at = $7::timestamptz
          and a.id > $8::uuid))
      order by a.submitted_at desc, a.id limit $9`,
    [
      membershipRows(memberships),
      principal.rfc,
      q.status ?? null,
      q.agency ?? null,
      q.from ?? null,
      q.to ?? null,
      afterAt,
      afterId,
      q.limit + 1,
    ],
  );
  const today = mexicoDate(ctx.clock.now());
  return rows.map((r) => ({
    key: [r.sort_at, r.id],
    item: applicationView(r, today, r.as_officer ? 'officer' : 'applicant'),
  }));
}

/** Sorts last among due dates: an application without one (no legal clock) comes after every dated one. */
const NO_DUE_DATE = '9999-12-31';

/**
 * An officer's inbox: open applications of their agency (and office), not their own cases, soonest due first.
 * One keyset page of `limit + 1` after the (dueDate, submittedAt, id) key `after`.
 */
export async function inbox(
  ctx: Context,
  principal: Principal,
  q: {
    agency?: string;
    procedure?: string;
    assigned?: 'me' | 'unassigned' | 'any';
    status?: string;
    overdue?: boolean;
    limit: number;
    after?: string[];
  },
) {
  const memberships = (await officerMemberships(ctx.db, principal)).filter((m) => !q.agency || m.agency === q.agency);
  if (memberships.length === 0) return [];
  const today = mexicoDate(ctx.clock.now());
  const [afterDue, afterAt, afterId] = q.after ?? [null, null, null];
  const rows = await ctx.db.query<ApplicationRow & { sort_due: string; sort_at: string }>(
    `select a.*, to_char(coalesce(a.due_date, $8::date), 'YYYY-MM-DD') as sort_due,
              ${timestampKeySql('a.submitted_at')} as sort_at ${FROM}
      join jsonb_to_recordset($1::jsonb) as m(agency text, office text, officer uuid, supervisor boolean) on
        ${OFFICER_COVERS('$7')}
      where a.status in ('submitted', 'assigned', 'in_review', 'information_requested', 'answered', 'proposed')
        and ($2::text is null or a.status = $2)
        and ($3 = 'any' or ($3 = 'me' and a.assigned_officer_id = m.officer) or ($3 = 'unassigned' and
          a.assigned_officer_id is null))
        and (not $4 or a.due_date < $5::date)
        and ($9::date is null or (coalesce(a.due_date, $8::date), a.submitted_at, a.id) > ($9::date,
          $10::timestamptz, $11::uuid))
        and ($12::text is null or a.procedure_code = $12)
      order by coalesce(a.due_date, $8::date), a.submitted_at, a.id limit $6`,
    [
      membershipRows(memberships),
      q.status ?? null,
      q.assigned ?? 'any',
      q.overdue ?? false,
      today,
      q.limit + 1,
      principal.rfc,
      NO_DUE_DATE,
      afterDue,
      afterAt,
      afterId,
      q.procedure ?? null,
    ],
  );
  const traders = await traderNames(
    ctx.db,
    rows.map((r) => r.trader_id),
  );
  return rows.map((r) => {
    const { rfc, legalName } = traders.get(r.trader_id)!;
    return {
      key: [r.sort_due, r.sort_at, r.id],
      item: { ...applicationView(r, today, 'officer'), trader: { rfc, legalName } },
    };
  });
}
