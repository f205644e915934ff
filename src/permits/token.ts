import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { decodeHeader } from '../pki/jws.ts';
import { AppError } from '../errors.ts';
import { type KeySet, openJws, sealJws, type WindowKey } from '../pki/window-key.ts';
import { goodsDigest, type PermitDocument } from './document.ts';
import { tokenOfScan } from './scan.ts';

/**
 * The permit token is what the QR code on a printed permit carries: a compact JWS (ES256, sealed
 * by the window key) with only what a border officer needs to match the permit to the goods and
 * the holder. It verifies offline with the published JWKS; revocation needs the online check.
 *
 * This module must stay free of database and server imports: `ventanilla verify-permit` runs on
 * a laptop at the border with nothing but a key file.
 */
export const PERMIT_TOKEN_TYP = 'ventanilla-permit+jws';

export interface PermitClaims {
  v: 1;
  /** permit number */
  num: string;
  kind: string;
  /** agency code */
  agency: string;
  /** holder RFC */
  rfc: string;
  /** valid from, YYYY-MM-DD inclusive */
  vf: string;
  /** valid to, YYYY-MM-DD inclusive */
  vt: string;
  /** base64url of the raw SHA-256 of the goods (see goodsDigest): 43 characters instead of 64 */
  gd: string;
  /** issued at, seconds since the epoch */
  iat: number;
}

export type PermitTokenStatus = 'valid' | 'expired' | 'not_yet_valid';

export interface PermitTokenVerification {
  claims: PermitClaims;
  status: PermitTokenStatus;
  offline: true;
  /** Always true: revocation, suspension and exhaustion are only known to the window. */
  onlineCheckAdvised: true;
  note: string;
  /** the window key that sealed the token */
  kid: string;
  /** the calendar day the dates were checked against, in `timeZone` */
  checkedDate: string;
  timeZone: string;
}

/** Validity dates are calendar days of the issuing administration: central Mexico time unless told otherwise. */
export const DEFAULT_PERMIT_TIME_ZONE = 'America/Mexico_City';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const B64URL_SHA256 = /^[A-Za-z0-9_-]{43}$/;

const invalid = (message: string, details?: Record<string, unknown>) =>
  new AppError('permit.token_invalid', message, 422, details);

/** The gd claim: the goods digest as base64url of the raw hash. */
export function goodsDigestClaim(goods: PermitDocument['goods']): string {
  return Buffer.from(goodsDigest(goods), 'hex').toString('base64url');
}

export function permitClaims(permit: PermitDocument): PermitClaims {
  const issuedMs = Date.parse(permit.issuedAt);
  if (Number.isNaN(issuedMs)) {
    throw new AppError(
      'permit.document_invalid',
      `Permit ${permit.number} has an issuedAt that is not an ISO instant: "${permit.issuedAt}"`,
      500,
    );
  }
  if (!DATE.test(permit.validFrom) || !DATE.test(permit.validTo)) {
    throw new AppError(
      'permit.document_invalid',
      `Permit ${permit.number} must have YYYY-MM-DD validity dates, got "${permit.validFrom}" to "${permit.validTo}"`,
      500,
    );
  }
  return {
    v: 1,
    num: permit.number,
    kind: permit.kind,
    agency: permit.agency.code,
    rfc: permit.holder.rfc,
    vf: permit.validFrom,
    vt: permit.validTo,
    gd: goodsDigestClaim(permit.goods),
    iat: Math.floor(issuedMs / 1000),
  };
}

export async function sealPermitToken(key: WindowKey, permit: PermitDocument): Promise<string> {
  return sealJws(key, permitClaims(permit), PERMIT_TOKEN_TYP);
}

/** YYYY-MM-DD of `at` as a calendar day in `timeZone`. */
export function calendarDate(at: Date, timeZone: string): string {
  if (Number.isNaN(at.getTime()))
    throw new AppError('permit.bad_date', 'The date to check the permit against is not a valid date', 400);
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(at);
  } catch {
    throw new AppError(
      'permit.bad_time_zone',
      `Unknown time zone "${timeZone}"; use an IANA name such as America/Mexico_City or America/Tijuana`,
      400,
    );
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function readClaims(payload: Record<string, unknown>): PermitClaims {
  const wrong: string[] = [];
  const str = (name: string, pattern?: RegExp) => {
    const v = payload[name];
    if (typeof v !== 'string' || v === '' || (pattern && !pattern.test(v))) wrong.push(name);
    return v as string;
  };
  if (payload.v !== 1) wrong.push('v');
  const claims: PermitClaims = {
    v: 1,
    num: str('num'),
    kind: str('kind'),
    agency: str('agency'),
    rfc: str('rfc'),
    vf: str('vf', DATE),
    vt: str('vt', DATE),
    gd: str('gd', B64URL_SHA256),
    iat: payload.iat as number,
  };
  if (!Number.isSafeInteger(payload.iat)) wrong.push('iat');
  if (wrong.length) {
    throw invalid(
      `The permit token is signed by the window but its claims are not a version 1 permit (bad or missing: ` +
        `${wrong.join(', ')}); update ventanilla and verify it online`,
    );
  }
  return claims;
}

/**
 * Offline: needs only the JWKS (e.g. the file downloaded from /.well-known/ventanilla-keys.json).
 * Checks the signature and typ, and computes the status from the validity dates at `now`
 * (calendar days in `opts.timeZone`, central Mexico by default). Revocation and exhaustion
 * cannot be known offline: the result says so.
 */
export async function verifyPermitToken(
  token: string,
  keySet: KeySet,
  now: Date = new Date(),
  opts: { timeZone?: string } = {},
): Promise<PermitTokenVerification> {
  const timeZone = opts.timeZone ?? DEFAULT_PERMIT_TIME_ZONE;
  const checkedDate = calendarDate(now, timeZone);
  const compact = token.trim();
  // Check the header ourselves first so the officer learns *why* a token fails: wrong kind of
  // seal, a key this key file does not know, or an altered token.
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(compact)) {
    throw invalid(
      'This is not a permit token: a permit token is a compact JWS, three base64url parts separated by dots (was ' +
        'the QR code read completely?)',
    );
  }
  let header: ReturnType<typeof decodeHeader>;
  try {
    header = decodeHeader(compact);
  } catch {
    throw invalid('This is not a permit token: its header is not base64url JSON (was the QR code read completely?)');
  }
  if (header.typ !== PERMIT_TOKEN_TYP) {
    throw invalid(
      `This token is not a permit token: its typ is ${JSON.stringify(header.typ ?? null)}, expected ` +
        `"${PERMIT_TOKEN_TYP}" (a receipt seal is checked elsewhere)`,
    );
  }
  if (header.alg !== 'ES256') {
    throw invalid(
      `The permit token uses algorithm ${JSON.stringify(header.alg)}; the window only signs permits with ES256`,
    );
  }
  const kid = typeof header.kid === 'string' ? header.kid : '';
  const keys = Array.isArray(keySet?.keys) ? keySet.keys : [];
  if (!keys.some((k) => k.kid === kid)) {
    throw invalid(
      `The permit token was signed by key ${kid || '(no kid)'}, which is not among the ${keys.length} key(s) of ` +
        'the key set: it was not issued by this window, or the key file is older than the key ' +
        '(download /.well-known/ventanilla-keys.json again)',
      { kid },
    );
  }
  let payload: Record<string, unknown>;
  try {
    payload = await openJws(compact, keySet, { typ: PERMIT_TOKEN_TYP });
  } catch (err) {
    throw invalid(
      `The permit token's signature does not verify with the window key ${kid}: the token was altered after it ` +
        `was issued, or is damaged. ` +
        `Do not rely on it; check the permit number online (${(err as Error).message})`,
      { kid },
    );
  }
  const claims = readClaims(payload);
  const status: PermitTokenStatus =
    checkedDate < claims.vf ? 'not_yet_valid' : checkedDate > claims.vt ? 'expired' : 'valid';
  const note =
    `Signature checked offline against the window's published keys (key ${kid}); validity dates checked for ` +
    `${checkedDate} (${timeZone}). ` +
    'Revocation, suspension and how much of the authorised quantity has already been used cannot be known offline: ' +
    `check permit ${claims.num} online when a connection is available.`;
  return { claims, status, offline: true, onlineCheckAdvised: true, note, kid, checkedDate, timeZone };
}

const CLI_USAGE = `Usage: ventanilla verify-permit TOKEN --keys FILE.json [options]
       ventanilla verify-permit --token-file F --keys FILE.json [options]

Checks a permit token (the content of the QR code on a printed permit) offline, with nothing
but the window's published keys (the JSON from /.well-known/ventanilla-keys.json).

  --keys FILE.json     the window's JWKS (required)
  --token-file F       read the token from F instead of the command line
  --at ISO             check the validity dates for this instant instead of now
  --time-zone TZ       calendar of the validity dates (default ${DEFAULT_PERMIT_TIME_ZONE})
  --json               print the result as JSON

Exit status: 0 valid, 1 invalid, expired or not yet valid, 2 usage error.`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

class UsageError extends Error {}

const CLI_OPTIONS = {
  keys: { type: 'string' },
  'token-file': { type: 'string' },
  at: { type: 'string' },
  'time-zone': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options: CLI_OPTIONS });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function readArgFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read the ${what} ${file}: ${(err as Error).message}`);
  }
}

function parseKeySet(text: string, file: string): KeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON; download the window's keys from /.well-known/ventanilla-keys.json`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'object' || k === null)) {
    throw new UsageError(
      `${file} is not a JSON Web Key Set (expected {"keys": [...]}); download it from ` +
        `/.well-known/ventanilla-keys.json`,
    );
  }
  return parsed as KeySet;
}

/** `ventanilla verify-permit TOKEN --keys FILE.json`: 0 valid, 1 invalid/expired/not yet valid, 2 usage error. */
export async function verifyPermitTokenCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let token: string;
  let keySet: KeySet;
  let at: Date;
  let timeZone: string;
  let json: boolean;
  try {
    const { values, positionals } = parseCli(argv);
    if (values.help) {
      io.out(`${CLI_USAGE}\n`);
      return 0;
    }
    if (!values.keys)
      throw new UsageError('--keys FILE.json is required (the JWKS from /.well-known/ventanilla-keys.json)');
    if (positionals.length > 1) throw new UsageError(`Expected one token, got ${positionals.length} arguments`);
    if (positionals.length === 1 && values['token-file'])
      throw new UsageError('Give the token either on the command line or with --token-file, not both');
    if (positionals.length === 0 && !values['token-file'])
      throw new UsageError('The token is missing: pass it as an argument or with --token-file F');
    token = tokenOfScan(positionals[0] ?? (await readArgFile(values['token-file']!, 'token file')));
    if (!token) throw new UsageError('The token is empty');
    keySet = parseKeySet(await readArgFile(values.keys, 'key file'), values.keys);
    at = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO date, got "${values.at}"`);
    timeZone = values['time-zone'] ?? DEFAULT_PERMIT_TIME_ZONE;
    json = values.json ?? false;
    calendarDate(at, timeZone);
  } catch (err) {
    if (!(err instanceof UsageError) && !(err instanceof AppError)) throw err;
    io.err(`verify-permit: ${err.message}\n\n${CLI_USAGE}\n`);
    return 2;
  }

  let result: PermitTokenVerification;
  try {
    result = await verifyPermitToken(token, keySet, at, { timeZone });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    io.out(
      json
        ? `${JSON.stringify({ valid: false, code: err.code, message: err.message }, null, 2)}\n`
        : `Permit token: INVALID\n  ${err.message}\n`,
    );
    return 1;
  }
  const { claims, status } = result;
  if (json) {
    io.out(`${JSON.stringify({ valid: status === 'valid', ...result }, null, 2)}\n`);
  } else {
    const verdict = { valid: 'VALID', expired: 'EXPIRED', not_yet_valid: 'NOT YET VALID' }[status];
    io.out(
      [
        `Permit token: ${verdict} (genuine signature; ${status.replace(/_/g, ' ')} on ${result.checkedDate})`,
        `  Number:      ${claims.num} (${claims.kind})`,
        `  Holder RFC:  ${claims.rfc}`,
        `  Agency:      ${claims.agency}`,
        `  Validity:    ${claims.vf} to ${claims.vt} inclusive (${result.timeZone})`,
        `  Status:      ${status}`,
        `  Issued at:   ${new Date(claims.iat * 1000).toISOString()}`,
        `  Goods:       digest ${claims.gd} (must match the goods lines of the permit)`,
        `  Signed by:   window key ${result.kid}`,
        '',
        `Offline check only. ${result.note}`,
        '',
      ].join('\n'),
    );
  }
  return status === 'valid' ? 0 : 1;
}
