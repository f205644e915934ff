import { Type } from 'typebox';
import type { Principal } from '../auth/principal.ts';
import type { Context } from '../context.ts';
import type { App } from '../http/typed-app.ts';
import type { Sql } from '../db/db.ts';
import { appendAudit } from '../audit/log.ts';
import { AppError } from '../errors.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { principalOf } from '../http/access.ts';
import { ProcedureCode, Uuid } from '../http/identifiers.ts';
import { cursorKey, PageQuery, keyedPage } from '../http/pagination.ts';
import { Problem } from '../http/schemas.ts';
import { signedRoute } from '../http/signed-route.ts';
import { ApplicationStepTaken } from '../http/signed-action/results.ts';
import { renderAcknowledgementPdf } from './acknowledgement-pdf.ts';
import { createOperation, listOperations, operationFor, operationView, updateOperation } from './operations.ts';
import { getApplication, inbox, listApplications, viewerOf } from './queries.ts';
import {
  Application,
  ApplicationPage,
  CommentCreated,
  InboxPage,
  Operation,
  OperationPage,
  OperationPreview,
} from './responses.ts';
import { NewOperation, OperationUpdate } from './schemas.ts';
import { previewSubmission } from './submit.ts';
import { submitAction } from './submit-action.ts';
import { guardFacts, loadApplication, procedureOf, transition, type Actor } from './transition.ts';
import { ACTIONS, refusal, STATUSES, type Action } from './workflow.ts';

const Id = Type.Object({ id: Uuid });
const read = { access: { scope: 'read' as const } };
const write = { access: { scope: 'write' as const } };

/** Resolves the caller into a workflow actor for an application, or refuses. */
async function actorFor(
  ctx: Context,
  db: Sql,
  principal: Principal,
  applicationId: string,
  action: Action,
  signed?: { signer: VerifiedSigner; signatureId: string },
): Promise<Actor> {
  const app = await loadApplication(db, applicationId);
  const procedure = await procedureOf(ctx, db, app);
  const viewer = await viewerOf(db, principal, app, procedure);
  // An officer on the applicant side sees the application as the applicant, and takes no officer action on it.
  if (viewer.kind === 'applicant' && viewer.officerRefused && ACTIONS[action].actor === 'officer')
    throw viewer.officerRefused;
  const actor: Actor =
    viewer.kind === 'officer' ? { kind: 'officer', principal, ...signed } : { kind: 'applicant', principal, ...signed };
  const denied = refusal(
    action,
    guardFacts(app, procedure, actor.kind, viewer.kind === 'officer' ? viewer.membership : undefined),
  );
  if (denied)
    throw new AppError(denied.code, denied.message, denied.code === 'workflow.action_not_allowed' ? 409 : 403);
  return actor;
}

export function applicationRoutes(app: App, ctx: Context) {
  const { db } = ctx;

  // Operations: declared once as a draft, then signed and submitted once.
  app.post(
    '/api/v1/operations',
    {
      config: write,
      schema: {
        tags: ['operations'],
        operationId: 'createOperation',
        summary: 'Create an operation draft',
        description:
          'Declares the goods of one import or export once, for a trader the caller files ' +
          'for (itself, as legal representative, ' +
          'or as its delegated broker). The window works out which agency procedures it ' +
          'needs (see the preview) and files them all in one signed submit.',
        body: NewOperation,
        response: { 201: Operation, '4xx': Problem },
      },
    },
    async (req, reply) => reply.code(201).send(await createOperation(db, principalOf(req), req.body)),
  );
  app.get(
    '/api/v1/operations',
    {
      config: read,
      schema: {
        tags: ['operations'],
        operationId: 'listOperations',
        summary: 'My operations, newest first',
        description:
          'The operations of the traders the caller files for, drafts and submitted, one ' +
          'page at a time (follow `next`).',
        querystring: Type.Object(
          { status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted')])), ...PageQuery },
          { additionalProperties: false },
        ),
        response: { 200: OperationPage, '4xx': Problem },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const rows = await listOperations(db, principalOf(req), {
        limit,
        status: req.query.status,
        after: cursorKey(req.query.cursor, ['timestamp', 'uuid']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );
  app.get(
    '/api/v1/operations/:id',
    {
      config: read,
      schema: {
        tags: ['operations'],
        operationId: 'getOperation',
        summary: 'An operation',
        params: Id,
        response: { 200: Operation, '4xx': Problem },
      },
    },
    async (req) => operationView(await operationFor(db, principalOf(req), req.params.id)),
  );
  app.put(
    '/api/v1/operations/:id',
    {
      config: write,
      schema: {
        tags: ['operations'],
        operationId: 'updateOperation',
        summary: 'Change a draft',
        description:
          'Replaces the data of a draft; `expectedVersion` names the version it replaces, ' +
          'so a stale edit is refused (409 operation.version_conflict).',
        params: Id,
        body: OperationUpdate,
        response: { 200: Operation, '4xx': Problem },
      },
    },
    async (req) => updateOperation(db, principalOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/operations/:id/preview',
    {
      config: read,
      schema: {
        tags: ['operations'],
        operationId: 'previewOperation',
        summary: 'Which procedures the operation needs, each form prefilled, and what is missing',
        params: Id,
        response: { 200: OperationPreview, '4xx': Problem },
      },
    },
    async (req) => ({ applications: await previewSubmission(ctx, principalOf(req), req.params.id) }),
  );

  signedRoute(app, ctx, submitAction(ctx));

  app.get(
    '/api/v1/operations/:id/acknowledgement.pdf',
    {
      config: read,
      schema: {
        tags: ['operations'],
        operationId: 'getOperationAcknowledgementPdf',
        summary: 'The acknowledgement (acuse) as PDF',
        params: Id,
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Uint8Array>({
            description: 'The acknowledgement, printable (application/pdf)',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          }),
          '4xx': Problem,
        },
      },
    },
    async (req, reply) => {
      const op = await operationFor(db, principalOf(req), req.params.id);
      if (!op.acknowledgement || !op.acknowledgement_seal)
        throw new AppError('operation.not_submitted', 'A draft has no acknowledgement yet.', 409);
      const ack = op.acknowledgement;
      const pdf = await renderAcknowledgementPdf({
        folio: ack.folio,
        receivedAt: ack.receivedAt,
        trader: ack.trader,
        signedBy: ack.signedBy,
        seal: op.acknowledgement_seal,
        applications: ack.applications.map((a) => ({
          id: a.id,
          procedureCode: a.procedureCode,
          procedureName: a.procedureName,
          agency: a.agency,
          dueDate: a.dueDate,
        })),
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${ack.folio}.pdf"`)
        .send(Buffer.from(pdf));
    },
  );

  // Applications: what agencies review.
  const AgencyFilter = Type.Optional(
    Type.String({ pattern: '^[A-Z]{2,12}$', description: 'Only this agency (its code)' }),
  );
  app.get(
    '/api/v1/applications',
    {
      config: read,
      schema: {
        tags: ['applications'],
        operationId: 'listApplications',
        summary: 'Applications I filed (or may see by delegation), or of my agency',
        description:
          'Newest first. The applicant side sees its own applications (a proposed one ' +
          'reads as in review); officers see their ' +
          "agency's (their office's, for office-bound procedures), never their own cases as officers.",
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(STATUSES)),
            agency: AgencyFilter,
            from: Type.Optional(Type.String({ format: 'date', description: 'Submitted on or after this day' })),
            to: Type.Optional(Type.String({ format: 'date', description: 'Submitted on or before this day' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: ApplicationPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { cursor, limit = 50, ...filters } = req.query;
      const rows = await listApplications(ctx, principalOf(req), {
        ...filters,
        limit,
        after: cursorKey(cursor, ['timestamp', 'uuid']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );
  app.get(
    '/api/v1/applications/:id',
    {
      config: read,
      schema: {
        tags: ['applications'],
        operationId: 'getApplication',
        summary: 'An application with its timeline and the actions open to me',
        params: Id,
        response: { 200: Application, '4xx': Problem },
      },
    },
    async (req) => getApplication(ctx, principalOf(req), req.params.id),
  );
  app.get(
    '/api/v1/inbox',
    {
      config: read,
      schema: {
        tags: ['applications'],
        operationId: 'listInbox',
        summary: "An officer's inbox: open applications of my agency and office, soonest due first",
        description: 'Anyone signed in may ask; a caller who is no officer gets an empty inbox.',
        querystring: Type.Object(
          {
            agency: AgencyFilter,
            procedure: Type.Optional(ProcedureCode),
            status: Type.Optional(Type.Enum(STATUSES)),
            assigned: Type.Optional(
              Type.Union([Type.Literal('me'), Type.Literal('unassigned'), Type.Literal('any')], {
                description: "Whose: mine, nobody's, or any (default)",
              }),
            ),
            overdue: Type.Optional(Type.Boolean({ description: 'Only those past their due date' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: InboxPage, '4xx': Problem },
      },
    },
    async (req) => {
      const { cursor, limit = 50, ...filters } = req.query;
      const rows = await inbox(ctx, principalOf(req), {
        ...filters,
        limit,
        after: cursorKey(cursor, ['date', 'timestamp', 'uuid']),
      });
      return keyedPage(rows, limit, req.url);
    },
  );

  // Unsigned internal steps of the review.
  const internalSteps = [
    {
      path: 'assignment',
      action: 'assign',
      operationId: 'assignApplication',
      summary: 'Assign the application (to me, or a supervisor names a colleague)',
    },
    {
      path: 'review',
      action: 'start_review',
      operationId: 'startApplicationReview',
      summary: 'Start the review (the assignee)',
    },
    {
      path: 'review-resumption',
      action: 'resume_review',
      operationId: 'resumeApplicationReview',
      summary: 'Resume the review after an answer',
    },
    {
      path: 'proposal-return',
      action: 'return_proposal',
      operationId: 'returnApplicationProposal',
      summary: 'Return a proposal to the reviewer (four eyes)',
    },
  ] as const;
  for (const step of internalSteps) {
    app.post(
      `/api/v1/applications/:id/${step.path}`,
      {
        config: write,
        schema: {
          tags: ['applications'],
          operationId: step.operationId,
          summary: step.summary,
          params: Id,
          body: Type.Object(
            {
              officerId: Type.Optional(
                Type.String({ format: 'uuid', description: 'assignment: the colleague to assign (supervisors)' }),
              ),
            },
            { additionalProperties: false },
          ),
          response: { 200: Application, '4xx': Problem },
        },
      },
      async (req) => {
        const { id } = req.params;
        const actor = await actorFor(ctx, db, principalOf(req), id, step.action);
        const row = await db.transaction((tx) =>
          transition(tx, ctx, { applicationId: id, action: step.action, actor, officerId: req.body.officerId }),
        );
        return getApplication(ctx, principalOf(req), row.id);
      },
    );
  }

  // Signed steps: information requests and answers, proposals, resolutions, withdrawal.
  const Message = (required: boolean) =>
    Type.Object(
      {
        message: required
          ? Type.String({ minLength: 1, maxLength: 5000 })
          : Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
        conditions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 })),
      },
      { additionalProperties: false },
    );
  const Decision = Type.Object(
    {
      decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
      message: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
      conditions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 20 })),
    },
    { additionalProperties: false },
  );
  const signedSteps = [
    {
      path: 'information-request',
      action: () => 'request_information' as const,
      data: Message(true),
      summary: 'Ask the applicant for information (stops the clock)',
      names: { prepare: 'prepareInformationRequest', act: 'requestInformation' },
    },
    {
      path: 'answer',
      action: () => 'answer' as const,
      data: Message(true),
      summary: 'Answer an information request (the clock resumes)',
      names: { prepare: 'prepareInformationAnswer', act: 'answerInformationRequest' },
    },
    {
      path: 'withdrawal',
      action: () => 'withdraw' as const,
      data: Message(false),
      summary: 'Withdraw the application',
      names: { prepare: 'prepareApplicationWithdrawal', act: 'withdrawApplication' },
    },
    {
      path: 'proposal',
      action: (d: object) =>
        ('decision' in d && d.decision === 'approve' ? 'propose_approval' : 'propose_rejection') as Action,
      data: Decision,
      summary: 'Propose a resolution (four eyes)',
      names: { prepare: 'prepareResolutionProposal', act: 'proposeResolution' },
    },
    {
      path: 'resolution',
      action: (d: object) => ('decision' in d && d.decision === 'approve' ? 'approve' : 'reject') as Action,
      data: Decision,
      summary: 'Resolve with a signed decision',
      names: { prepare: 'prepareApplicationResolution', act: 'resolveApplication' },
    },
  ];
  for (const step of signedSteps) {
    signedRoute(app, ctx, {
      method: 'POST',
      url: `/api/v1/applications/:id/${step.path}`,
      action: `application.${step.path}`,
      tags: ['applications'],
      names: step.names,
      summary: step.summary,
      params: Id,
      body: step.data,
      result: ApplicationStepTaken,
      check: async (db, { principal, data, params }) => {
        await actorFor(ctx, db, principal, params.id, step.action(data));
      },
      act: async (tx, { principal, data, params, signer, signatureId }) => {
        const actor = await actorFor(ctx, tx, principal, params.id, step.action(data), { signer, signatureId });
        const row = await transition(tx, ctx, {
          applicationId: params.id,
          action: step.action(data),
          actor,
          message: data.message,
          conditions: data.conditions,
        });
        return { object: { type: 'application', id: row.id }, result: { id: row.id, status: row.status } };
      },
    });
  }

  // Comments: internal between officers, or a message to the applicant; no status change.
  app.post(
    '/api/v1/applications/:id/comments',
    {
      config: write,
      schema: {
        tags: ['applications'],
        operationId: 'commentOnApplication',
        summary: 'Comment (officers: internal or to the applicant; applicants: a message)',
        params: Id,
        body: Type.Object(
          { body: Type.String({ minLength: 1, maxLength: 5000 }), internal: Type.Boolean({ default: false }) },
          {
            additionalProperties: false,
            examples: [
              { body: 'The invoice in eDocument 0123456789ABC is illegible; please upload it again.', internal: false },
            ],
          },
        ),
        response: { 201: CommentCreated, '4xx': Problem },
      },
    },
    async (req, reply) => {
      const principal = principalOf(req);
      const { id } = req.params;
      const { body, internal = false } = req.body;
      const application = await loadApplication(db, id);
      const viewer = await viewerOf(db, principal, application, await procedureOf(ctx, db, application));
      if (internal && viewer.kind === 'applicant' && viewer.officerRefused) throw viewer.officerRefused;
      if (internal && viewer.kind !== 'officer')
        throw new AppError('workflow.internal_comment_officers_only', 'Only officers write internal comments.', 403);
      await db.transaction(async (tx) => {
        await tx.query(
          `insert into application_messages (id, application_id, kind, author_rfc, ` +
            `author_role, body, created_at) values (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
          [id, internal ? 'internal_comment' : 'message', principal.rfc, viewer.kind, body, ctx.clock.now()],
        );
        await appendAudit(tx, {
          type: 'application.comment',
          actorRfc: principal.rfc,
          objectType: 'application',
          objectId: id,
          data: { internal, role: viewer.kind },
        });
      });
      return reply.code(201).send({ ok: true as const });
    },
  );
}
