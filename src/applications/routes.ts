import { Type, type Static } from 'typebox';
import type { Principal } from '../auth/principal.ts';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import type { Sql } from '../db/db.ts';
import { appendAudit } from '../audit/log.ts';
import { AppError } from '../errors.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { principalOf } from '../http/access.ts';
import { signedRoute } from '../http/signed-route.ts';
import { ApplicationStepTaken } from '../http/signed-action/results.ts';
import { renderAcknowledgementPdf } from './acknowledgement-pdf.ts';
import { createOperation, listOperations, operationFor, operationView, updateOperation } from './operations.ts';
import { getApplication, inbox, listApplications, viewerOf } from './queries.ts';
import { NewOperation, OperationUpdate } from './schemas.ts';
import { previewSubmission } from './submit.ts';
import { submitAction } from './submit-action.ts';
import { guardFacts, loadApplication, procedureOf, transition, type Actor } from './transition.ts';
import { ACTIONS, refusal, STATUSES, type Action } from './workflow.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const read = { access: { scope: 'read' as const } };
const write = { access: { scope: 'write' as const } };

/** Resolves the caller into a workflow actor for an application, or refuses. */
async function actorFor(ctx: Context, db: Sql, principal: Principal, applicationId: string, action: Action, signed?: { signer: VerifiedSigner; signatureId: string }): Promise<Actor> {
  const app = await loadApplication(db, applicationId);
  const procedure = await procedureOf(ctx, db, app);
  const viewer = await viewerOf(db, principal, app, procedure);
  // An officer on the applicant side sees the application as the applicant, and takes no officer action on it.
  if (viewer.kind === 'applicant' && viewer.officerRefused && ACTIONS[action].actor === 'officer') throw viewer.officerRefused;
  const actor: Actor = viewer.kind === 'officer'
    ? { kind: 'officer', principal, ...signed }
    : { kind: 'applicant', principal, ...signed };
  const denied = refusal(action, guardFacts(app, procedure, actor.kind, viewer.kind === 'officer' ? viewer.membership : undefined));
  if (denied) throw new AppError(denied.code, denied.message, denied.code === 'workflow.action_not_allowed' ? 409 : 403);
  return actor;
}

export function applicationRoutes(app: App, ctx: Context) {
  const { db } = ctx;

  // Operations: declared once as a draft, then signed and submitted once.
  app.post('/api/v1/operations', { config: write, schema: { tags: ['operations'], summary: 'Create an operation draft', body: NewOperation } },
    async (req, reply) => reply.code(201).send(await createOperation(db, principalOf(req), req.body as Static<typeof NewOperation>)));
  app.get('/api/v1/operations', {
    config: read,
    schema: { tags: ['operations'], summary: 'My operations', querystring: Type.Object({
      status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted')])), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    }, { additionalProperties: false }) },
  }, async (req) => ({ items: await listOperations(db, principalOf(req), req.query as { limit: number; status?: 'draft' | 'submitted' }) }));
  app.get('/api/v1/operations/:id', { config: read, schema: { tags: ['operations'], summary: 'An operation', params: Id } },
    async (req) => operationView(await operationFor(db, principalOf(req), (req.params as { id: string }).id)));
  app.put('/api/v1/operations/:id', { config: write, schema: { tags: ['operations'], summary: 'Change a draft', params: Id, body: OperationUpdate } },
    async (req) => updateOperation(db, principalOf(req), (req.params as { id: string }).id, req.body as Static<typeof OperationUpdate>));
  app.get('/api/v1/operations/:id/preview', {
    config: read, schema: { tags: ['operations'], summary: 'Which procedures the operation needs, each form prefilled, and what is missing', params: Id },
  }, async (req) => ({ applications: await previewSubmission(ctx, principalOf(req), (req.params as { id: string }).id) }));

  signedRoute(app, ctx, submitAction(ctx));

  app.get('/api/v1/operations/:id/acknowledgement.pdf', {
    config: read, schema: { tags: ['operations'], summary: 'The acknowledgement (acuse) as PDF', params: Id },
  }, async (req, reply) => {
    const op = await operationFor(db, principalOf(req), (req.params as { id: string }).id);
    if (!op.acknowledgement || !op.acknowledgement_seal) throw new AppError('operation.not_submitted', 'A draft has no acknowledgement yet.', 409);
    const ack = op.acknowledgement as any;
    const pdf = await renderAcknowledgementPdf({
      folio: ack.folio, receivedAt: ack.receivedAt, trader: ack.trader, signedBy: ack.signedBy, seal: op.acknowledgement_seal,
      applications: ack.applications.map((a: any) => ({ id: a.id, procedureCode: a.procedureCode, procedureName: a.procedureName, agency: a.agency, dueDate: a.dueDate })),
    });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${ack.folio}.pdf"`).send(Buffer.from(pdf));
  });

  // Applications: what agencies review.
  app.get('/api/v1/applications', {
    config: read,
    schema: { tags: ['applications'], summary: 'Applications I filed (or may see by delegation), or of my agency', querystring: Type.Object({
      status: Type.Optional(Type.Enum(STATUSES)), agency: Type.Optional(Type.String({ pattern: '^[A-Z]+$' })),
      from: Type.Optional(Type.String({ format: 'date' })), to: Type.Optional(Type.String({ format: 'date' })),
      limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }),
    }, { additionalProperties: false }) },
  }, async (req) => ({ items: await listApplications(ctx, principalOf(req), req.query as any) }));
  app.get('/api/v1/applications/:id', { config: read, schema: { tags: ['applications'], summary: 'An application with its timeline and the actions open to me', params: Id } },
    async (req) => getApplication(ctx, principalOf(req), (req.params as { id: string }).id));
  app.get('/api/v1/inbox', {
    config: read,
    schema: { tags: ['applications'], summary: "An officer's inbox: open applications of my agency and office, soonest due first", querystring: Type.Object({
      agency: Type.Optional(Type.String({ pattern: '^[A-Z]+$' })), status: Type.Optional(Type.Enum(STATUSES)),
      assigned: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('unassigned'), Type.Literal('any')])),
      overdue: Type.Optional(Type.Boolean()), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    }, { additionalProperties: false }) },
  }, async (req) => ({ items: await inbox(ctx, principalOf(req), req.query as any) }));

  // Unsigned internal steps of the review.
  for (const [path, action] of [['assignment', 'assign'], ['review', 'start_review'], ['review-resumption', 'resume_review'], ['proposal-return', 'return_proposal']] as const) {
    app.post(`/api/v1/applications/:id/${path}`, {
      config: write,
      schema: { tags: ['applications'], summary: `${action.replace(/_/g, ' ')}`, params: Id,
        body: Type.Object({ officerId: Type.Optional(Type.String({ format: 'uuid' })) }, { additionalProperties: false }) },
    }, async (req) => {
      const { id } = req.params as { id: string };
      const actor = await actorFor(ctx, db, principalOf(req), id, action);
      const row = await db.transaction((tx) => transition(tx, ctx, { applicationId: id, action, actor, officerId: (req.body as { officerId?: string }).officerId }));
      return getApplication(ctx, principalOf(req), row.id);
    });
  }

  // Signed steps: information requests and answers, proposals, resolutions, withdrawal.
  const Message = (required: boolean) => Type.Object({
    message: required ? Type.String({ minLength: 1, maxLength: 5000 }) : Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    conditions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 })),
  }, { additionalProperties: false });
  const Decision = Type.Object({
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    conditions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 })),
  }, { additionalProperties: false });
  const signedSteps = [
    { path: 'information-request', action: () => 'request_information' as const, data: Message(true), summary: 'Ask the applicant for information (stops the clock)',
      names: { prepare: 'prepareInformationRequest', act: 'requestInformation' } },
    { path: 'answer', action: () => 'answer' as const, data: Message(true), summary: 'Answer an information request (the clock resumes)',
      names: { prepare: 'prepareInformationAnswer', act: 'answerInformationRequest' } },
    { path: 'withdrawal', action: () => 'withdraw' as const, data: Message(false), summary: 'Withdraw the application',
      names: { prepare: 'prepareApplicationWithdrawal', act: 'withdrawApplication' } },
    { path: 'proposal', action: (d: object) => ('decision' in d && d.decision === 'approve' ? 'propose_approval' : 'propose_rejection') as Action, data: Decision,
      summary: 'Propose a resolution (four eyes)', names: { prepare: 'prepareResolutionProposal', act: 'proposeResolution' } },
    { path: 'resolution', action: (d: object) => ('decision' in d && d.decision === 'approve' ? 'approve' : 'reject') as Action, data: Decision,
      summary: 'Resolve with a signed decision', names: { prepare: 'prepareApplicationResolution', act: 'resolveApplication' } },
  ];
  for (const step of signedSteps) {
    signedRoute(app, ctx, {
      method: 'POST', url: `/api/v1/applications/:id/${step.path}`, action: `application.${step.path}`, tags: ['applications'],
      names: step.names, summary: step.summary, params: Id, body: step.data, result: ApplicationStepTaken,
      check: async (db, { principal, data, params }) => { await actorFor(ctx, db, principal, params.id, step.action(data)); },
      act: async (tx, { principal, data, params, signer, signatureId }) => {
        const actor = await actorFor(ctx, tx, principal, params.id, step.action(data), { signer, signatureId });
        const row = await transition(tx, ctx, { applicationId: params.id, action: step.action(data), actor, message: data.message, conditions: data.conditions });
        return { object: { type: 'application', id: row.id }, result: { id: row.id, status: row.status } };
      },
    });
  }

  // Comments: internal between officers, or a message to the applicant; no status change.
  app.post('/api/v1/applications/:id/comments', {
    config: write,
    schema: { tags: ['applications'], summary: 'Comment (officers: internal or to the applicant; applicants: a message)', params: Id,
      body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }), internal: Type.Boolean({ default: false }) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    const principal = principalOf(req);
    const { id } = req.params as { id: string };
    const { body, internal } = req.body as { body: string; internal: boolean };
    const application = await loadApplication(db, id);
    const viewer = await viewerOf(db, principal, application, await procedureOf(ctx, db, application));
    if (internal && viewer.kind === 'applicant' && viewer.officerRefused) throw viewer.officerRefused;
    if (internal && viewer.kind !== 'officer') throw new AppError('workflow.internal_comment_officers_only', 'Only officers write internal comments.', 403);
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into application_messages (id, application_id, kind, author_rfc, author_role, body, created_at) values (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
        [id, internal ? 'internal_comment' : 'message', principal.rfc, viewer.kind, body, ctx.clock.now()]);
      await appendAudit(tx, { type: 'application.comment', actorRfc: principal.rfc, objectType: 'application', objectId: id, data: { internal, role: viewer.kind } });
    });
    return reply.code(201).send({ ok: true });
  });
}
