import type { Principal } from '../auth/principal.ts';
import { appendAudit } from '../audit/log.ts';
import type { AuditEventType } from '../audit/catalogue.ts';
import type { ProcedureDefinition } from '../catalog/procedure.ts';
import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { json } from '../db/db.ts';
import { AppError, notFound } from '../errors.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { officerMemberships, traderRelation, type OfficerMembership } from '../registry/identity.ts';
import { activeOfficer } from '../registry/officers.ts';
import { extendDueDate, mexicoDate } from '../calendar/calendar.ts';
import { onApplicantSide } from './applicant-side.ts';
import type { ApplicationRow } from './application-row.ts';
import { grantApproval } from './approval.ts';
import { noticeOfTransition } from './notices.ts';
import { ACTIONS, FINAL, refusal, type Action, type ActorKind, type GuardFacts } from './workflow.ts';

export type { ApplicationRow } from './application-row.ts';

/**
 * Who acts: an officer (transition() finds their membership and checks it on the locked row), the applicant, or the
 * window itself (timers).
 */
export type Actor =
  | { kind: 'officer'; principal: Principal; signer?: VerifiedSigner; signatureId?: string }
  | { kind: 'applicant'; principal: Principal; signer?: VerifiedSigner; signatureId?: string }
  | { kind: 'system' };

export interface TransitionInput {
  applicationId: string;
  action: Action;
  actor: Actor;
  message?: string;
  conditions?: string[];
  /** assign: the colleague to assign (a supervisor's choice); default the acting officer. */
  officerId?: string;
}

export async function loadApplication(db: Sql, id: string, lock = false): Promise<ApplicationRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('application', id);
  const row = await db.maybe<ApplicationRow>(`select * from applications where id = $1${lock ? ' for update' : ''}`, [
    id,
  ]);
  if (!row) throw notFound('application', id);
  return row;
}

/**
 * The definition an application was filed under, from this build or from what the window recorded when it served it.
 */
export async function procedureOf(
  ctx: Context,
  db: Sql,
  app: Pick<ApplicationRow, 'procedure_code' | 'procedure_version'>,
): Promise<ProcedureDefinition> {
  const shipped = ctx.catalogue.version(app.procedure_code, app.procedure_version);
  if (shipped) return shipped;
  const row = await db.one<{ definition: ProcedureDefinition }>(
    'select definition from procedure_versions where code = $1 and version = $2',
    [app.procedure_code, app.procedure_version],
  );
  return row.definition;
}

/**
 * Office-bound procedures stay in the office they were routed to: only its officers and the agency's supervisors
 * (agency-wide officers are no office).
 */
export const officeAllows = (
  m: Pick<OfficerMembership, 'office' | 'roles'>,
  app: Pick<ApplicationRow, 'office_code'>,
  procedure: Pick<ProcedureDefinition, 'officeBound'>,
) => !procedure.officeBound || m.roles.includes('supervisor') || (m.office !== null && m.office === app.office_code);

/** Why this officer may not act on (nor read as an officer) this application, or null: own case first, then office. */
export async function officerRefusal(
  db: Sql,
  officer: { rfc: string } & Pick<OfficerMembership, 'office' | 'roles'>,
  app: ApplicationRow,
  procedure: ProcedureDefinition,
): Promise<AppError | null> {
  if (await onApplicantSide(db, officer.rfc, app)) {
    return new AppError(
      'workflow.own_case',
      'You are on the applicant side of this application (trader, legal representative, broker or filer): ' +
        'another officer must handle it.',
      403,
    );
  }
  if (!officeAllows(officer, app, procedure)) {
    return new AppError(
      'workflow.other_office',
      `This application is handled by office ${app.office_code ?? '(none)'}: only its officers and the ` +
        `agency's supervisors act on it.`,
      403,
    );
  }
  return null;
}

/**
 * An officer acts on an application only within its agency, in its office
 * when office-bound, and never on their own case.
 */
export async function officerFor(
  db: Sql,
  principal: Principal,
  app: ApplicationRow,
  procedure: ProcedureDefinition,
): Promise<OfficerMembership> {
  const membership = (await officerMemberships(db, principal)).find((m) => m.agency === app.agency_code);
  if (!membership)
    throw new AppError(
      'workflow.other_agency',
      `This application belongs to ${app.agency_code}; you are not one of its officers.`,
      403,
    );
  const refused = await officerRefusal(db, { rfc: principal.rfc, ...membership }, app, procedure);
  if (refused) throw refused;
  return membership;
}

/**
 * The applicant side may act: trader, legal representative or delegated broker (an officer is not the applicant by
 * being one).
 */
export async function applicantMayAct(db: Sql, principal: Principal, app: ApplicationRow): Promise<boolean> {
  return (await traderRelation(db, principal, { id: app.trader_id })) !== null;
}

export function guardFacts(
  app: ApplicationRow,
  procedure: ProcedureDefinition,
  actor: ActorKind,
  membership?: OfficerMembership,
): GuardFacts {
  return {
    status: app.status,
    fourEyes: procedure.fourEyes,
    actor,
    roles: membership?.roles ?? [],
    isAssignee: !!membership && app.assigned_officer_id === membership.officerId,
    isProposer: !!membership && app.proposed_by_officer_id === membership.officerId,
    proposedDecision: app.proposal?.decision ?? null,
  };
}

/**
 * The one way an application changes status: checks the workflow table and its guards, writes the
 * new state, the timeline message, the audit event and (on approval) the permit, in the caller's transaction.
 */
export async function transition(tx: Sql, ctx: Context, input: TransitionInput): Promise<ApplicationRow> {
  const app = await loadApplication(tx, input.applicationId, true);
  const procedure = await procedureOf(ctx, tx, app);
  const rule = ACTIONS[input.action];
  // Every officer action passes here: agency, office and own case are checked against the locked row.
  const membership =
    input.actor.kind === 'officer' ? await officerFor(tx, input.actor.principal, app, procedure) : undefined;
  const denied = refusal(input.action, guardFacts(app, procedure, input.actor.kind, membership));
  if (denied)
    throw new AppError(denied.code, denied.message, denied.code === 'workflow.action_not_allowed' ? 409 : 403);
  if (rule.signed && (input.actor.kind === 'system' || !input.actor.signatureId)) {
    throw new AppError(
      'workflow.signature_required',
      `${input.action.replace(/_/g, ' ')} must be signed with your e.firma.`,
      422,
    );
  }
  const now = ctx.clock.now();
  const today = mexicoDate(now);
  const actorRfc = input.actor.kind === 'system' ? null : input.actor.principal.rfc;
  const signatureId = input.actor.kind === 'system' ? null : (input.actor.signatureId ?? null);
  const set: Record<string, unknown> = { status: rule.to, updated_at: now };

  switch (input.action) {
    case 'assign': {
      const officerId = input.officerId ?? membership!.officerId;
      if (officerId !== membership!.officerId && !membership!.roles.includes('supervisor')) {
        throw new AppError('workflow.role_missing', 'Only a supervisor assigns applications to colleagues.', 403);
      }
      const found = await activeOfficer(tx, app.agency_code, officerId);
      const colleague = found && { rfc: found.rfc, office: found.office_code, roles: found.roles };
      if (!colleague)
        throw new AppError(
          'workflow.officer_unknown',
          `Officer ${officerId} is not an active officer of ${app.agency_code}.`,
          400,
        );
      const refused = await officerRefusal(tx, colleague, app, procedure);
      if (refused) throw refused;
      set.assigned_officer_id = officerId;
      break;
    }
    case 'request_information':
      set.clock_stopped_on = today;
      break;
    case 'answer':
      set.due_date =
        app.due_date && app.clock_stopped_on ? extendDueDate(app.due_date, app.clock_stopped_on, today) : app.due_date;
      set.clock_stopped_on = null;
      break;
    case 'propose_approval':
    case 'propose_rejection':
      set.proposed_by_officer_id = membership!.officerId;
      set.proposal = json({
        decision: input.action === 'propose_approval' ? 'approve' : 'reject',
        reason: input.message ?? null,
        conditions: input.conditions ?? [],
        signatureId,
      });
      break;
    case 'return_proposal':
      set.proposed_by_officer_id = null;
      set.proposal = null;
      break;
    default:
      break;
  }
  const approved = rule.to === 'approved' || rule.to === 'approved_by_silence';
  if (FINAL.includes(rule.to)) {
    set.resolved_at = now;
    set.resolution = json({
      decision: approved ? 'approve' : rule.to === 'withdrawn' ? 'withdrawn' : 'reject',
      by: input.actor.kind,
      action: input.action,
      officerRfc: input.actor.kind === 'officer' ? actorRfc : null,
      signatureId,
      reason: input.message ?? null,
      conditions: input.conditions ?? app.proposal?.conditions ?? [],
    });
  }
  const columns = Object.keys(set);
  await tx.query(`update applications set ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} where id = $1`, [
    app.id,
    ...columns.map((c) => set[c]),
  ]);

  if (input.message && ['request_information', 'answer', 'withdraw', 'reject', 'approve'].includes(input.action)) {
    const kind =
      input.action === 'request_information' ? 'information_request' : input.action === 'answer' ? 'answer' : 'message';
    await tx.query(
      `insert into application_messages
         (id, application_id, kind, author_rfc, author_role, body, signature_id, created_at)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`,
      [app.id, kind, actorRfc, input.actor.kind, input.message, signatureId, now],
    );
  }
  let permit: { id: string; number: string } | null = null;
  if (approved) {
    const signer = input.actor.kind === 'officer' ? input.actor.signer : undefined;
    permit = await grantApproval(tx, ctx, {
      application: app,
      procedure,
      approvedBy:
        input.actor.kind === 'officer' ? 'officer' : input.action === 'auto_approve' ? 'automatic' : 'silence',
      resolution:
        input.actor.kind === 'officer' && signer
          ? {
              officerName: signer.name ?? input.actor.principal.name ?? signer.rfc,
              officerRfc: signer.rfc,
              certificateSerial: signer.serialNumber,
              signatureId: signatureId!,
            }
          : null,
      conditions: input.conditions ?? app.proposal?.conditions ?? [],
    });
  }
  const updated = await loadApplication(tx, app.id);
  await noticeOfTransition(tx, ctx, updated, procedure, input.action, permit?.number ?? null);
  await appendAudit(tx, {
    type: `application.${input.action}` as AuditEventType,
    actorRfc,
    objectType: 'application',
    objectId: app.id,
    signatureId,
    at: now,
    data: {
      from: app.status,
      to: rule.to,
      ...(permit ? { permit: permit.number } : {}),
      ...(set.due_date !== undefined ? { dueDate: set.due_date } : {}),
    },
  });
  return updated;
}
