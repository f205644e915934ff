import type { Context } from '../context.ts';
import type { Sql } from '../db/db.ts';
import { notify, type Bilingual } from '../notifications/notify.ts';
import type { ProcedureDefinition } from '../catalog/procedure.ts';
import { APPLICANT_SIDE_SQL } from './applicant-side.ts';
import type { ApplicationRow } from './application-row.ts';
import type { Action, Status } from './workflow.ts';
import { applicantSideSql } from '../registry/need-to-know.ts';
import { activeOfficersWith, officerById } from '../registry/officers.ts';
import type { OfficerRole } from '../registry/schemas.ts';
import { traderById } from '../registry/traders.ts';

export const DELIVER_EMAILS = 'deliver-emails';

/**
 * The applicant side of an application: the trader, its legal representative, and whoever filed it (e.g. a broker)
 * while still on the trader's side: a broker whose delegation was revoked is told nothing more of that trader.
 */
async function applicantSide(tx: Sql, app: Pick<ApplicationRow, 'trader_id' | 'operation_id'>): Promise<string[]> {
  const row = await tx.one<{ filer_rfc: string | null }>(
    `select case when ${applicantSideSql('o.trader_id', 'o.created_by_rfc')} then o.created_by_rfc end as filer_rfc
       from operations o where o.id = $1`,
    [app.operation_id],
  );
  const trader = await traderById(tx, app.trader_id);
  return [...new Set([trader.rfc, trader.legal_rep_rfc, ...(row.filer_rfc ? [row.filer_rfc] : [])])];
}

/**
 * Officers of the agency with one of the roles, of the given office (or supervisors) when it is office-bound, and never
 * anyone on the applicant side of the operation: they must not learn of internal steps of their own case.
 */
const officersWith = async (
  tx: Sql,
  agency: string,
  roles: OfficerRole[],
  operationId: string,
  office?: { code: string | null },
) =>
  (
    await tx.query<{ rfc: string }>(
      `select f.rfc from unnest($1::text[]) as f (rfc)
        where not exists (select 1 from operations o where o.id = $2 and ${APPLICANT_SIDE_SQL('f.rfc')})`,
      [(await activeOfficersWith(tx, agency, roles, office)).map((f) => f.rfc), operationId],
    )
  ).map((r) => r.rfc);

/** A status as the notice's reader says it (the portal's words, web/src/i18n common.json), never its code. */
const STATUS_NAMES: Record<Status, Bilingual> = {
  answered: { es: 'Información enviada', en: 'Information sent' },
  approved: { es: 'Aprobada', en: 'Approved' },
  approved_by_silence: { es: 'Aprobada por afirmativa ficta', en: 'Approved by positive silence' },
  assigned: { es: 'Asignada', en: 'Assigned' },
  denied_by_silence: { es: 'Negada por negativa ficta', en: 'Refused by negative silence' },
  in_review: { es: 'En revisión', en: 'In review' },
  information_requested: { es: 'Se le pide información', en: 'Information requested from you' },
  proposed: { es: 'Con propuesta de resolución', en: 'Resolution proposed' },
  rejected: { es: 'Rechazada', en: 'Rejected' },
  submitted: { es: 'Recibida', en: 'Received' },
  withdrawn: { es: 'Desistida', en: 'Withdrawn' },
};

/** What each step tells, and to whom: the applicant about decisions and questions, officers about work for them. */
const NOTICES: Partial<Record<Action, { to: 'applicant' | 'assignee' | 'resolvers'; title: Bilingual }>> = {
  assign: { to: 'assignee', title: { es: 'Solicitud asignada a usted', en: 'Application assigned to you' } },
  request_information: {
    to: 'applicant',
    title: { es: 'La autoridad solicita información', en: 'The agency asks for information' },
  },
  answer: { to: 'assignee', title: { es: 'El solicitante respondió', en: 'The applicant answered' } },
  propose_approval: {
    to: 'resolvers',
    title: { es: 'Propuesta de aprobación por firmar', en: 'Approval proposal to sign' },
  },
  propose_rejection: {
    to: 'resolvers',
    title: { es: 'Propuesta de rechazo por firmar', en: 'Rejection proposal to sign' },
  },
  approve: { to: 'applicant', title: { es: 'Solicitud aprobada', en: 'Application approved' } },
  reject: { to: 'applicant', title: { es: 'Solicitud rechazada', en: 'Application rejected' } },
  auto_approve: {
    to: 'applicant',
    title: { es: 'Aviso aprobado automáticamente', en: 'Notice approved automatically' },
  },
  silence_approve: { to: 'applicant', title: { es: 'Aprobada por afirmativa ficta', en: 'Approved by legal silence' } },
  silence_deny: { to: 'applicant', title: { es: 'Negada por negativa ficta', en: 'Denied by legal silence' } },
};

async function send(
  tx: Sql,
  ctx: Context,
  recipients: string[],
  kind: string,
  title: Bilingual,
  body: Bilingual,
  object: { type: string; id: string },
  link: string,
) {
  const email = ctx.config.mail !== null;
  await notify(tx, { recipients, kind, title, body, link, object }, { email, at: ctx.clock.now() });
  if (email) await ctx.jobs.sendInTransaction(tx, DELIVER_EMAILS, {}, { singletonKey: DELIVER_EMAILS });
}

export async function noticeOfTransition(
  tx: Sql,
  ctx: Context,
  app: ApplicationRow,
  procedure: Pick<ProcedureDefinition, 'officeBound'>,
  action: Action,
  permit: string | null,
) {
  const notice = NOTICES[action];
  if (!notice) return;
  const recipients =
    notice.to === 'applicant'
      ? await applicantSide(tx, app)
      : notice.to === 'resolvers'
        ? await officersWith(
            tx,
            app.agency_code,
            ['resolver'],
            app.operation_id,
            procedure.officeBound ? { code: app.office_code } : undefined,
          )
        : app.assigned_officer_id
          ? [(await officerById(tx, app.assigned_officer_id)).rfc]
          : [];
  const about = `${app.procedure_code} (${app.agency_code})`;
  const body = permit
    ? { es: `${about}: se emitió el documento ${permit}.`, en: `${about}: document ${permit} was issued.` }
    : {
        es: `${about}: estado de la solicitud: ${STATUS_NAMES[app.status].es}.`,
        en: `${about}: application status: ${STATUS_NAMES[app.status].en}.`,
      };
  await send(
    tx,
    ctx,
    recipients,
    `application.${action}`,
    notice.title,
    body,
    { type: 'application', id: app.id },
    `/api/v1/applications/${app.id}`,
  );
}

export async function noticeOfSubmission(
  tx: Sql,
  ctx: Context,
  opts: { operationId: string; traderId: string; folio: string; agencies: string[] },
) {
  await send(
    tx,
    ctx,
    await applicantSide(tx, { trader_id: opts.traderId, operation_id: opts.operationId }),
    'operation.submitted',
    { es: `Acuse de recibo ${opts.folio}`, en: `Acknowledgement ${opts.folio}` },
    {
      es: `Su operación se presentó ante: ${opts.agencies.join(', ')}.`,
      en: `Your operation was filed with: ${opts.agencies.join(', ')}.`,
    },
    { type: 'operation', id: opts.operationId },
    `/api/v1/operations/${opts.operationId}`,
  );
  for (const agency of new Set(opts.agencies)) {
    await send(
      tx,
      ctx,
      await officersWith(tx, agency, ['supervisor'], opts.operationId),
      'application.submitted',
      { es: 'Nueva solicitud en la bandeja', en: 'New application in the inbox' },
      { es: `Folio ${opts.folio}.`, en: `Folio ${opts.folio}.` },
      { type: 'operation', id: opts.operationId },
      '/api/v1/inbox',
    );
  }
}
