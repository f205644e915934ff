import type { Context } from '../../context.ts';
import { canonicalJson, sha256Hex } from '../../pki/canonical.ts';
import { sealJws } from '../../pki/window-key.ts';

/** The JWS `typ` of every signed action's sealed acknowledgement (permits' offline tokens have their own). */
export const ACK_TYP = 'ventanilla-ack+jws';

/** The window's receipt of a signed action; `dataSha256` binds the answer's `data` to the seal. */
export interface Acknowledgement {
  action: string;
  challengeId: string;
  signatureId: string;
  signedBy: { rfc: string; certificateSerial: string };
  object: { type: string; id: string };
  receivedAt: string;
  /** SHA-256 (hex) of the RFC 8785 canonical JSON of the answer's `data`. */
  dataSha256: string;
}

/** Seals the acknowledgement with the window's key: verifiable with the published JWKS alone. */
export async function sealAcknowledgement(ctx: Context, ack: Omit<Acknowledgement, 'dataSha256'>, data: unknown) {
  const acknowledgement: Acknowledgement = { ...ack, dataSha256: sha256Hex(canonicalJson(data)) };
  return { acknowledgement, seal: await sealJws(ctx.windowKey, acknowledgement, ACK_TYP) };
}
