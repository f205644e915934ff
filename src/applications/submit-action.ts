import { Type } from 'typebox';
import type { Context } from '../context.ts';
import type { SignedActionDefinition } from '../http/signed-route.ts';
import { AUTO_APPROVE } from './jobs.ts';
import { keepSeal, submissionContent, submitOperation, type SubmissionContent } from './submit.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
// The payload needs no input: the window computes it from the draft (any body sent is ignored, as before).
const NoInput = Type.Object({});

export const OperationSubmitted = Type.Object(
  {
    folio: Type.String({ description: 'e.g. VU-2026-00000001' }),
    receivedAt: Type.String({ format: 'date-time' }),
    operationId: Type.String({ format: 'uuid' }),
    trader: Type.Object({ rfc: Type.String(), legalName: Type.String() }),
    signedBy: Type.Object({
      rfc: Type.String(),
      certificateSerial: Type.String(),
      signatureId: Type.String({ format: 'uuid' }),
    }),
    applications: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        procedureCode: Type.String(),
        procedureVersion: Type.Integer(),
        procedureName: Type.String(),
        agency: Type.String(),
        office: Type.Union([Type.String(), Type.Null()]),
        dueDate: Type.String({ format: 'date' }),
        lines: Type.Array(Type.Integer()),
        prefilledFields: Type.Integer(),
        typedFields: Type.Integer(),
      }),
    ),
  },
  {
    title: 'OperationSubmitted',
    description: 'The acknowledgement of receipt (acuse): one folio, one application per procedure',
  },
);

/**
 * The single submission as a signed action: the window prepares the payload (the operation and exactly the
 * applications it will file), and files it only if, prepared again at the signed step, it is still the same.
 */
export function submitAction(
  ctx: Context,
  opts: {
    /**
     * 'queue' (the server): an auto-approve job per automatic notice; 'caller': the caller approves them (demo
     * seeding, no job queue).
     */
    autoApproval: 'queue' | 'caller';
  } = { autoApproval: 'queue' },
): SignedActionDefinition<typeof NoInput, typeof Id, typeof OperationSubmitted, SubmissionContent> {
  return {
    method: 'POST',
    url: '/api/v1/operations/:id/submit',
    action: 'operation.submit',
    tags: ['operations'],
    params: Id,
    names: { prepare: 'prepareOperationSubmission', act: 'submitOperation' },
    result: OperationSubmitted,
    summary: 'Submit an operation: one acknowledgement, one application per procedure',
    description:
      'The payload to sign is the operation and exactly the applications it will file, each form prefilled. ' +
      'If the draft or the catalogue changes before the signed payload arrives, the ' +
      'submit is refused (operation.changed_since_signed).',
    prepare: (db, { principal, params }) => submissionContent(ctx, db, principal, params.id),
    stale: {
      code: 'operation.changed_since_signed',
      message: 'The draft or the catalogue changed after you got the payload: get a new one and sign again.',
    },
    act: async (tx, { principal, params, signer, signatureId, challengeId, receivedAt }) => {
      const submitted = await submitOperation(tx, ctx, {
        principal,
        operationId: params.id,
        signer,
        signatureId,
        challengeId,
        now: receivedAt,
      });
      // In the same transaction: a committed submission always has its auto-approval job.
      if (opts.autoApproval === 'queue')
        for (const applicationId of submitted.autoApprove)
          await ctx.jobs.sendInTransaction(tx, AUTO_APPROVE, { applicationId });
      return { status: 201, object: { type: 'operation', id: params.id }, result: submitted.acknowledgement };
    },
    sealed: (tx, { params, seal }) => keepSeal(tx, params.id, seal),
  };
}
