import { Type } from 'typebox';

/** A signature over a payload the window issued (login and every signed action). */
export const SignedBody = Type.Object({
  challengeId: Type.String({ minLength: 1, maxLength: 64, description: 'The challenge the payload was issued under' }),
  certificate: Type.String({ minLength: 1, maxLength: 16384, description: 'The signer certificate, base64 DER (.cer)' }),
  algorithm: Type.Union([Type.Literal('RS256'), Type.Literal('ES256')]),
  signature: Type.String({ minLength: 1, maxLength: 2048, description: 'base64 signature over the canonical (RFC 8785) payload' }),
  payload: Type.Optional(Type.Object({}, {
    additionalProperties: true,
    description: 'Optional: the payload that was signed, so an altered payload is reported as such',
  })),
}, { additionalProperties: false });

export const ChallengeResponse = Type.Object({
  challengeId: Type.String(),
  payload: Type.Object({}, { additionalProperties: true, description: 'Sign the RFC 8785 canonical JSON of this object' }),
  expiresAt: Type.String({ format: 'date-time' }),
}, { title: 'SigningPayload' });

export const Problem = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String(), detail: Type.String(),
  instance: Type.String(),
}, { additionalProperties: true });
