/**
 * A permit's QR token checked in the browser, with nothing but the window's published keys (JWKS) and WebCrypto:
 * the same checks as the window's `verifyPermitToken` (src/permits/token.ts) and `ventanilla verify-permit`. Used
 * when the window cannot be reached. Revocation, suspension and balances are only known to the window.
 */

export const PERMIT_TOKEN_TYP = 'ventanilla-permit+jws';
const PERMIT_TIME_ZONE = 'America/Mexico_City';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PermitClaims {
  num: string;
  kind: string;
  agency: string;
  rfc: string;
  vf: string;
  vt: string;
  gd: string;
  iat: number;
}

export type OfflineStatus = 'valid' | 'expired' | 'not_yet_valid';

export type OfflineCheck =
  | { ok: true; claims: PermitClaims; status: OfflineStatus; kid: string; checkedDate: string }
  | { ok: false; reason: 'malformed' | 'not_permit' | 'unknown_key' | 'bad_signature' };

interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  kid?: string;
}

function base64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const json = (part: string): Record<string, unknown> | null => {
  try {
    const value = JSON.parse(new TextDecoder().decode(base64url(part)));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
};

/** YYYY-MM-DD of `at` in Mexico City: the calendar of a permit's validity dates. */
export function mexicoDay(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: PERMIT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function readClaims(payload: Record<string, unknown>): PermitClaims | null {
  const s = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : '');
  const claims = {
    num: s('num'),
    kind: s('kind'),
    agency: s('agency'),
    rfc: s('rfc'),
    vf: s('vf'),
    vt: s('vt'),
    gd: s('gd'),
    iat: payload.iat as number,
  };
  const good =
    payload.v === 1 &&
    claims.num &&
    claims.kind &&
    claims.agency &&
    claims.rfc &&
    DATE.test(claims.vf) &&
    DATE.test(claims.vt) &&
    Number.isSafeInteger(claims.iat);
  return good ? claims : null;
}

/** Checks the token's ES256 seal against the key set and its validity dates against today in Mexico City. */
export async function verifyOffline(
  token: string,
  keySet: { keys?: unknown },
  now = new Date(),
): Promise<OfflineCheck> {
  const compact = token.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(compact)) return { ok: false, reason: 'malformed' };
  const [h, p, s] = compact.split('.') as [string, string, string];
  const header = json(h);
  if (!header) return { ok: false, reason: 'malformed' };
  if (header.typ !== PERMIT_TOKEN_TYP || header.alg !== 'ES256') return { ok: false, reason: 'not_permit' };
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const keys = (Array.isArray(keySet.keys) ? keySet.keys : []) as Jwk[];
  const jwk = keys.find((k) => k && k.kid === kid && k.kty === 'EC' && k.crv === 'P-256');
  if (!jwk?.x || !jwk.y) return { ok: false, reason: 'unknown_key' };
  let valid = false;
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const signature = base64url(s);
    // A JWS ES256 signature is r || s, 32 bytes each: WebCrypto's own format.
    valid =
      signature.length === 64 &&
      (await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key,
        signature,
        new TextEncoder().encode(`${h}.${p}`),
      ));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature' };
  const payload = json(p);
  const claims = payload && readClaims(payload);
  if (!claims) return { ok: false, reason: 'not_permit' };
  const checkedDate = mexicoDay(now);
  const status: OfflineStatus =
    checkedDate < claims.vf ? 'not_yet_valid' : checkedDate > claims.vt ? 'expired' : 'valid';
  return { ok: true, claims, status, kid, checkedDate };
}

/** The holder's RFC as the window shows it to the public: first four and last characters. */
export const maskRfc = (rfc: string) => `${rfc.slice(0, 4)}${'*'.repeat(Math.max(0, rfc.length - 5))}${rfc.slice(-1)}`;
