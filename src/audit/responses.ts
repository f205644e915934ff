import { Type } from 'typebox';

/** The public answer of the audit log check. */
export const AuditVerification = Type.Object(
  {
    ok: Type.Boolean({ description: 'The chain verifies (and the last full walk, if any, passed)' }),
    events: Type.Integer({ description: 'Events in the log' }),
    headSeq: Type.Integer(),
    headHash: Type.String({ description: 'SHA-256 (hex) of the last event' }),
    failure: Type.Optional(
      Type.Object(
        { seq: Type.Integer(), reason: Type.String() },
        { description: 'The first event that does not verify, and why' },
      ),
    ),
    checked: Type.Integer({ description: 'Events this call walked: those after the last verified one' }),
    fullCheck: Type.Union(
      [Type.Object({ at: Type.String({ format: 'date-time' }), ok: Type.Boolean() }), Type.Null()],
      {
        description: 'The last walk of the whole chain from its first event',
      },
    ),
  },
  { title: 'AuditVerification' },
);
