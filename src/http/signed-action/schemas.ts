import { Type, type TSchema } from 'typebox';

export const Acknowledgement = Type.Object(
  {
    action: Type.String({ description: 'The signed action, e.g. cove.file' }),
    challengeId: Type.String({ format: 'uuid' }),
    signatureId: Type.String({ format: 'uuid', description: 'The signature the window keeps as evidence' }),
    signedBy: Type.Object({ rfc: Type.String(), certificateSerial: Type.String() }),
    object: Type.Object(
      { type: Type.String(), id: Type.String() },
      { description: 'What the action created or changed' },
    ),
    receivedAt: Type.String({ format: 'date-time' }),
    dataSha256: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: "SHA-256 of the RFC 8785 canonical JSON of the answer's data",
    }),
  },
  {
    title: 'Acknowledgement',
    description: "The window's receipt of a signed action; the seal is its compact JWS (typ ventanilla-ack+jws)",
  },
);

/**
 * What every signed action answers: its data, the acknowledgement, the window's seal over it, and whether it is a
 * replay.
 */
export const SignedAnswer = (data: TSchema) =>
  Type.Object({
    data,
    acknowledgement: Acknowledgement,
    seal: Type.String({
      description:
        'Compact JWS (ES256, typ ventanilla-ack+jws) over the acknowledgement; keys at ' +
        '/.well-known/ventanilla-keys.json',
    }),
    replayed: Type.Boolean({
      description: 'true when this answers a retry of a request already acted on (nothing was done again)',
    }),
  });
