import type { Efirma } from '../efirma/index';
import { api, call } from './client';

/** What the window issues for a signed action: the exact payload to sign, and the challenge it answers. */
export interface SigningPayload {
  challengeId: string;
  payload: unknown;
}

type Method = 'POST' | 'PUT';

// The signed routes all share one shape (`<action>/signing-payload`, then `<action>` with the envelope), so one
// untyped request serves them; each caller names the answer's type from the generated schema.
// biome-ignore lint/suspicious/noExplicitAny: the path is any signed action's, checked by the window.
const untyped = api as any;

/**
 * Step 1 of a signed action: the window computes the payload for `data` (the page may show it on a
 * check-your-answers page before the signature).
 */
export function signingPayload(path: string, data: unknown): Promise<SigningPayload> {
  return call<SigningPayload>(untyped.POST(`${path}/signing-payload`, { body: data }));
}

/** Step 1 from an XML document (a COVE <comprobante> as the broker's or trader's system exports it). */
export function signingPayloadFromXml(path: string, xml: string): Promise<SigningPayload> {
  return call<SigningPayload>(
    untyped.POST(`${path}/signing-payload`, {
      body: xml,
      bodySerializer: (body: string) => body,
      headers: { 'content-type': 'application/xml' },
    }),
  );
}

/** Step 2: signs that exact payload in the page with the open e.firma and sends the envelope. */
export async function sendSigned<T>(efirma: Efirma, method: Method, path: string, issued: SigningPayload): Promise<T> {
  const envelope = (await efirma.sign(issued.payload)) as object;
  return call<T>(untyped[method](path, { body: { challengeId: issued.challengeId, ...envelope } }));
}

/** Both steps, for actions whose page has nothing to show between them. */
export async function signedAction<T>(efirma: Efirma, method: Method, path: string, data: unknown): Promise<T> {
  return sendSigned<T>(efirma, method, path, await signingPayload(path, data));
}
