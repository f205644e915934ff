import { Type } from 'typebox';

/** A signature over a payload the window issued (login and every signed action). */
export const SignedBody = Type.Object(
  {
    challengeId: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'The challenge the payload was issued under',
    }),
    certificate: Type.String({
      minLength: 1,
      maxLength: 16384,
      description: 'The signer certificate, base64 DER (.cer)',
    }),
    algorithm: Type.Union([Type.Literal('RS256'), Type.Literal('ES256')]),
    signature: Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'base64 signature over the canonical (RFC 8785) payload',
    }),
    payload: Type.Optional(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description: 'Optional: the payload that was signed, so an altered payload is reported as such',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ChallengeResponse = Type.Object(
  {
    challengeId: Type.String(),
    payload: Type.Object(
      {},
      { additionalProperties: true, description: 'Sign the RFC 8785 canonical JSON of this object' },
    ),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { title: 'SigningPayload' },
);

export const Problem = Type.Object(
  {
    type: Type.String({ examples: ['urn:ventanilla:problem:registry.rfc_check_digit'] }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({
      description: 'Stable: every code is listed at GET /api/v1/error-codes',
      examples: ['registry.rfc_check_digit'],
    }),
    detail: Type.String({ description: 'For people: what was wrong and what to do' }),
    instance: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
        description: 'request.invalid: each field and why',
      }),
    ),
  },
  {
    additionalProperties: true,
    title: 'Problem',
    description:
      'RFC 9457 problem details with a stable `code`; every code, its status and ' +
      'meaning, is listed at GET /api/v1/error-codes.',
  },
);
