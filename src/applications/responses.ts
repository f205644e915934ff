import { Type, type TSchema } from 'typebox';
import { AgencyCode, ProcedureCode, Rfc, Uuid } from '../http/identifiers.ts';
import { Page } from '../http/pagination.ts';
import { MESSAGE_KINDS } from './queries.ts';
import { OperationData } from './schemas.ts';
import { ACTIONS, STATUSES } from './workflow.ts';

/**
 * What the operations and applications routes answer. Fastify serialises through these, so a field that is
 * not declared here does not leave the window: add it here when a view gains one.
 */

const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** JSON whose shape belongs to someone else (a procedure's form, a sealed acknowledgement): passed through whole. */
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Bilingual = Type.Object({ es: Type.String(), en: Type.String() });

export const Operation = Type.Object(
  {
    id: Uuid,
    trader: Rfc,
    flow: Type.Union([Type.Literal('import'), Type.Literal('export')]),
    status: Type.Union([Type.Literal('draft'), Type.Literal('submitted')]),
    version: Type.Integer({
      description: 'Bumped by every change of the draft; a change names the version it replaces',
    }),
    data: OperationData,
    createdBy: Rfc,
    createdAt: Instant,
    updatedAt: Instant,
    folio: Nullable(Type.String({ description: 'The folio of the acknowledgement, once submitted' })),
    submittedAt: Nullable(Instant),
    acknowledgement: Nullable(Open('The acknowledgement (acuse) the window sealed at submission')),
    seal: Nullable(Type.String({ description: 'The acknowledgement sealed by the window (compact JWS)' })),
  },
  { title: 'Operation' },
);

export const OperationPage = Page('Operation', Operation);

export const OperationPreview = Type.Object(
  {
    applications: Type.Array(
      Type.Object({
        procedure: Type.Object({ code: ProcedureCode, version: Type.Integer(), agency: AgencyCode, name: Bilingual }),
        lines: Type.Array(Type.Integer(), { description: 'The goods lines (1-based) this procedure covers' }),
        because: Type.Array(Type.Object({ id: Type.String(), hsPrefix: Type.String() }), {
          description: 'The regulation rules that require it',
        }),
        form: Open('The form as it will be filed: prefilled fields and the ones typed in procedureData'),
        prefilledFields: Type.Integer(),
        typedFields: Type.Integer(),
        problems: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
          description: 'What is still missing or wrong in the form',
        }),
      }),
    ),
  },
  { title: 'OperationPreview' },
);

const applicationFields = {
  id: Uuid,
  operationId: Uuid,
  procedure: Type.Object({ code: ProcedureCode, version: Type.Integer() }),
  agency: AgencyCode,
  office: Nullable(Type.String({ description: 'The agency office it was routed to' })),
  status: Type.Enum(STATUSES),
  form: Open('The filed form'),
  prefilledFields: Type.Integer(),
  typedFields: Type.Integer(),
  matchedRules: Type.Unknown({ description: 'The regulation rules that required it' }),
  submittedAt: Instant,
  dueDate: Nullable(Day),
  remainingBusinessDays: Nullable(
    Type.Integer({ description: 'Negative when overdue; null while the clock is stopped or once resolved' }),
  ),
  clockStoppedOn: Nullable(Day),
  assignedOfficerId: Type.Optional(Nullable(Uuid)),
  proposal: Type.Optional(Nullable(Open('The pending proposal (officers only)'))),
  resolution: Nullable(Open('The signed decision, once resolved')),
  resolvedAt: Nullable(Instant),
};

export const ApplicationSummary = Type.Object(applicationFields, {
  title: 'ApplicationSummary',
  description:
    'An application as lists show it. Officers also see the assignee and a pending ' +
    'proposal; the applicant side does not.',
});
export const ApplicationPage = Page('ApplicationSummary', ApplicationSummary);

export const InboxItem = Type.Object(
  {
    ...applicationFields,
    trader: Type.Object({ rfc: Rfc, legalName: Type.String() }),
  },
  { title: 'InboxItem' },
);
export const InboxPage = Page('InboxItem', InboxItem);

const TimelineEntry = Type.Object(
  {
    at: Instant,
    kind: Type.Enum(['event', ...MESSAGE_KINDS], {
      description: 'An audit event, or a message: information request, answer, message, internal comment',
    }),
    type: Type.Optional(Type.String({ description: 'events: the audit event type' })),
    actor: Nullable(Type.String({ description: 'An RFC, or to the applicant side the agency that acted' })),
    role: Type.Optional(Type.String()),
    signatureId: Nullable(Type.String()),
    data: Type.Optional(Open('events: what the audit event recorded')),
    body: Type.Optional(Type.String({ description: 'messages and comments: the text' })),
  },
  { title: 'TimelineEntry' },
);

export const Application = Type.Object(
  {
    ...applicationFields,
    procedureName: Bilingual,
    trader: Type.Object({ rfc: Rfc, legalName: Type.String() }),
    prefilled: Type.Array(Type.String(), {
      description: 'The form fields the window prefilled (registry and operation); the others were typed',
    }),
    edocuments: Type.Array(Type.String(), { description: 'The eDocuments its operation cites, by number' }),
    fourEyes: Type.Boolean(),
    silence: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
    permit: Nullable(Type.Object({ number: Type.String(), status: Type.String() })),
    availableActions: Type.Array(Type.Enum(Object.keys(ACTIONS) as Array<keyof typeof ACTIONS>), {
      description: 'The workflow actions open to the caller now',
    }),
    timeline: Type.Array(TimelineEntry),
  },
  { title: 'Application', description: 'An application with its timeline and the actions open to the caller' },
);

export const CommentCreated = Type.Object({ ok: Type.Literal(true) }, { title: 'CommentCreated' });
