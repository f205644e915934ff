/**
 * The authorisation matrix (issue 7): every route of the OpenAPI document, called by every kind of caller
 * against trader A's objects, must allow exactly the callers its row in EXPECTED names. A route without a
 * row fails the test, and so does a row whose route is gone: a new route is given its row here.
 *
 * A call is "allowed" when the answer is 2xx, or a 4xx about the input or the state (a duplicate, a stale
 * version, a workflow step this procedure does not have), and "denied" when it is 401, 404 (need to know:
 * the same answer as for an object that does not exist) or a 403 about who the caller is.
 * Signed actions are decided at their `…/signing-payload` step, which writes only a challenge; the signed
 * step itself is called with a forged signature, which must never succeed and must keep the gates
 * (anonymous 401, read-scope token 403 `auth.scope_missing`, revoked certificate 401).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import { signPayload } from '../src/pki/index.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';
import {
  coveJson,
  CUSTOMS_OFFICE,
  PROCEDURE,
  ROLES,
  setUpCast,
  tyres,
  TYRES_FORM,
  uploadPdf,
  type Cast,
  type Role,
} from './support/roles.ts';

type Status = 'submitted' | 'assigned' | 'in_review' | 'information_requested' | 'answered' | 'proposed';

interface Row {
  /** The roles allowed; 'public' for routes anyone may call; 'signed' for the second step of a signed action. */
  allow: readonly Role[] | 'public' | 'signed';
  body?: (c: Cast) => unknown;
  query?: (c: Cast) => string;
  /** The status A's open application is put in before each call (the workflow's preconditions). */
  stage?: Status;
  /** Path parameters other than A's usual objects. */
  params?: (c: Cast) => Promise<Record<string, string>> | Record<string, string>;
  /** Changes state: called after the reads and the signing payloads, denied roles first. */
  mutates?: boolean;
  multipart?: boolean;
}

const SIGNED_IN: readonly Role[] = ROLES.filter((r) => r !== 'anonymous' && r !== 'revokedCert');
const SIGNED_IN_WRITE = SIGNED_IN.filter((r) => r !== 'readToken');
/**
 * A's side: the company, its legal representative (also as an officer: still its representative), its delegated broker.
 */
const A_SIDE: readonly Role[] = ['traderA', 'repA', 'brokerA', 'officerApplicant'];
const A_READERS: readonly Role[] = [...A_SIDE, 'readToken'];
/** The case file: A's side and the officers of the office the application was routed to. */
const CASE_READERS: readonly Role[] = [...A_READERS, 'officerOwner'];
/** What a declaration needs (COVE, eDocument, permit): the case readers and ANAM's customs officers. */
const DECLARATION_READERS: readonly Role[] = [...CASE_READERS, 'customs'];
const OWNER_OFFICE: readonly Role[] = ['officerOwner'];

const EXPECTED: Record<string, Row> = {
  'GET /health': { allow: 'public' },
  'GET /ready': { allow: 'public' },
  'GET /.well-known/ventanilla-keys.json': { allow: 'public' },
  'GET /api/v1/error-codes': { allow: 'public' },
  'POST /api/v1/auth/challenge': { allow: 'public' },
  'POST /api/v1/auth/login': { allow: 'public', body: () => ({}) },
  // Choice: any token may end itself, a read-scope one too (it is how a client gives up its credential).
  'POST /api/v1/auth/logout': { allow: SIGNED_IN },
  'GET /api/v1/me': { allow: SIGNED_IN },

  'POST /api/v1/api-tokens/signing-payload': {
    allow: SIGNED_IN_WRITE,
    body: () => ({ label: 'x', scopes: ['read'], expiresInDays: 1 }),
  },
  'POST /api/v1/api-tokens': { allow: 'signed' },
  'GET /api/v1/api-tokens': { allow: SIGNED_IN },
  // A fresh token of A's representative per call. Choice: a token belongs to the person (RFC), in any of his sessions.
  'DELETE /api/v1/api-tokens/{id}': {
    allow: ['repA', 'officerApplicant'],
    mutates: true,
    params: async (c) => ({ id: await c.newApiToken() }),
  },

  // Registering A again. Rule 9: a company registers only with its own e.firma, so only A itself gets as far as being
  // told it exists (409); anyone else is refused before that (no existence oracle).
  'POST /api/v1/traders/signing-payload': { allow: ['traderA'], body: (c) => traderProfile(c.a.rfc, c.people.repA) },
  'POST /api/v1/traders': { allow: 'signed' },
  'POST /api/v1/traders/{rfc}/profile/signing-payload': {
    allow: ['traderA', 'repA', 'officerApplicant'],
    body: (c) => ({ expectedVersion: 1, profile: traderProfile(c.a.rfc, c.people.repA) }),
  },
  'PUT /api/v1/traders/{rfc}/profile': { allow: 'signed' },
  // Rule 1: the profile is trade data; customs reads what a declaration needs, which is not the profile.
  'GET /api/v1/traders/{rfc}': { allow: CASE_READERS },
  'GET /api/v1/traders/{rfc}/versions': { allow: CASE_READERS },

  'POST /api/v1/brokers/signing-payload': { allow: ['brokerA'], body: (c) => brokerProfile(c.people.brokerA) },
  'POST /api/v1/brokers': { allow: 'signed' },
  'POST /api/v1/brokers/{patent}/profile/signing-payload': {
    allow: ['brokerA'],
    body: (c) => ({ expectedVersion: 1, profile: brokerProfile(c.people.brokerA) }),
  },
  'PUT /api/v1/brokers/{patent}/profile': { allow: 'signed' },
  // Choice: a broker's registry entry is seen by anyone signed in (traders choose their broker by it).
  'GET /api/v1/brokers/{patent}': { allow: SIGNED_IN },
  // Rule 9: ANAM's registry of broker patents (the identity branch's routes): ANAM's officers read it, its
  // administrators (none in the cast) keep it.
  'GET /api/v1/broker-patents/{patent}': { allow: ['customs'] },
  'POST /api/v1/broker-patents/signing-payload': {
    allow: [],
    body: (c) => ({ ...patentRecord(c.newOfficer), patent: '9990' }),
  },
  'POST /api/v1/broker-patents': { allow: 'signed' },
  'POST /api/v1/broker-patents/{patent}/status/signing-payload': {
    allow: [],
    body: () => ({ status: 'suspended', reason: 'Prueba' }),
  },
  'POST /api/v1/broker-patents/{patent}/status': { allow: 'signed' },

  'POST /api/v1/traders/{rfc}/delegations/signing-payload': {
    allow: ['traderA', 'repA', 'officerApplicant'],
    body: (c) => ({ brokerPatent: c.people.brokerNone.patent }),
  },
  'POST /api/v1/traders/{rfc}/delegations': { allow: 'signed' },
  'POST /api/v1/delegations/{id}/revocation/signing-payload': {
    allow: ['traderA', 'repA', 'officerApplicant'],
    body: () => ({ reason: 'Prueba' }),
  },
  'POST /api/v1/delegations/{id}/revocation': { allow: 'signed' },
  'GET /api/v1/delegations': { allow: SIGNED_IN },

  'GET /api/v1/agencies': { allow: 'public' },
  'GET /api/v1/agencies/{agency}': { allow: 'public' },
  // SE's own administrators and supervisors: none in the cast (an administrator of another agency is not one).
  'GET /api/v1/agencies/{agency}/officers': { allow: [] },
  'POST /api/v1/agencies/{agency}/officers/signing-payload': { allow: [], body: (c) => c.newOfficer },
  'POST /api/v1/agencies/{agency}/officers': { allow: 'signed' },
  'POST /api/v1/agencies/{agency}/officers/{id}/deactivation/signing-payload': {
    allow: [],
    body: () => ({ reason: 'Prueba' }),
  },
  'POST /api/v1/agencies/{agency}/officers/{id}/deactivation': { allow: 'signed' },

  'GET /api/v1/procedures': { allow: 'public' },
  'GET /api/v1/procedures/{code}': { allow: 'public' },
  'GET /api/v1/hs': { allow: 'public', query: () => '?q=4012' },
  'GET /api/v1/requirements': { allow: 'public', query: () => '?hs=401220&flow=import' },

  'POST /api/v1/operations': {
    allow: A_SIDE,
    body: (c) => ({ traderRfc: c.a.rfc, flow: 'import', data: { goods: tyres() } }),
  },
  'GET /api/v1/operations': { allow: SIGNED_IN },
  // Choice: an operation (the trader's envelope of applications) is the applicant side's; officers read the
  // applications.
  'GET /api/v1/operations/{id}': { allow: A_READERS },
  'PUT /api/v1/operations/{id}': {
    allow: A_SIDE,
    mutates: true,
    params: (c) => ({ id: c.a.draft }),
    body: (c) => ({ expectedVersion: 1, data: draftData(c) }),
  },
  'GET /api/v1/operations/{id}/preview': { allow: A_READERS, params: (c) => ({ id: c.a.draft }) },
  'POST /api/v1/operations/{id}/submit/signing-payload': {
    allow: A_SIDE,
    params: (c) => ({ id: c.a.draft }),
    body: () => ({}),
  },
  'POST /api/v1/operations/{id}/submit': { allow: 'signed', params: (c) => ({ id: c.a.draft }) },
  'GET /api/v1/operations/{id}/acknowledgement.pdf': { allow: A_READERS },

  // Lists are filtered to what the caller may see; the matrix checks only that the caller may ask.
  'GET /api/v1/applications': { allow: SIGNED_IN },
  // Rules 1 and 4: the owning agency's officers of the office it was routed to (an office-bound procedure).
  'GET /api/v1/applications/{id}': { allow: CASE_READERS },
  // Choice: anyone signed in may ask; a caller who is no officer gets an empty inbox (nothing to hide, nothing shown).
  'GET /api/v1/inbox': { allow: SIGNED_IN },
  // Rules 3 and 4: only the routed office acts; the officer who is A's representative never does.
  'POST /api/v1/applications/{id}/assignment': {
    allow: OWNER_OFFICE,
    stage: 'submitted',
    mutates: true,
    body: () => ({}),
  },
  'POST /api/v1/applications/{id}/review': { allow: OWNER_OFFICE, stage: 'assigned', mutates: true, body: () => ({}) },
  'POST /api/v1/applications/{id}/review-resumption': {
    allow: OWNER_OFFICE,
    stage: 'answered',
    mutates: true,
    body: () => ({}),
  },
  'POST /api/v1/applications/{id}/proposal-return': {
    allow: OWNER_OFFICE,
    stage: 'proposed',
    mutates: true,
    body: () => ({}),
  },
  'POST /api/v1/applications/{id}/information-request/signing-payload': {
    allow: OWNER_OFFICE,
    stage: 'in_review',
    body: () => ({ message: 'Adjunte el plan de manejo.' }),
  },
  'POST /api/v1/applications/{id}/information-request': { allow: 'signed' },
  'POST /api/v1/applications/{id}/answer/signing-payload': {
    allow: A_SIDE,
    stage: 'information_requested',
    body: () => ({ message: 'Se adjunta el plan.' }),
  },
  'POST /api/v1/applications/{id}/answer': { allow: 'signed' },
  'POST /api/v1/applications/{id}/withdrawal/signing-payload': {
    allow: A_SIDE,
    stage: 'in_review',
    body: () => ({ message: 'Ya no se importa.' }),
  },
  'POST /api/v1/applications/{id}/withdrawal': { allow: 'signed' },
  // This procedure has no four eyes: the owning officer is told so (workflow.four_eyes), after who-you-are is checked.
  'POST /api/v1/applications/{id}/proposal/signing-payload': {
    allow: OWNER_OFFICE,
    stage: 'in_review',
    body: () => ({ decision: 'approve' }),
  },
  'POST /api/v1/applications/{id}/proposal': { allow: 'signed' },
  'POST /api/v1/applications/{id}/resolution/signing-payload': {
    allow: OWNER_OFFICE,
    stage: 'in_review',
    body: () => ({ decision: 'approve' }),
  },
  'POST /api/v1/applications/{id}/resolution': { allow: 'signed' },
  'POST /api/v1/applications/{id}/comments': {
    allow: [...A_SIDE, 'officerOwner'],
    stage: 'in_review',
    mutates: true,
    body: () => ({ body: 'Comentario de prueba.', internal: false }),
  },

  // The permit: its holder's side, the office that issued it, customs (rule 2: by number, for a declaration).
  // Choice: anyone signed in may ask; each sees only what it could open by number (customs: by number only).
  'GET /api/v1/permits': { allow: SIGNED_IN },
  'GET /api/v1/permits/{number}': { allow: DECLARATION_READERS },
  'GET /api/v1/permits/{number}/pdf': { allow: DECLARATION_READERS },
  'GET /api/v1/verify/{number}': { allow: 'public' },
  'GET /api/v1/verify': { allow: 'public' },
  'POST /api/v1/verify/{number}': { allow: 'public', body: () => ({ code: '0000AAAA0000' }) },
  // A token that does not verify: 422 permit.token_invalid, to anyone alike.
  'POST /api/v1/verify': { allow: 'public', body: () => ({ token: 'a'.repeat(40) }) },
  'POST /api/v1/permits/{number}/revocation/signing-payload': {
    allow: OWNER_OFFICE,
    body: () => ({ reason: 'Revocación de prueba.' }),
  },
  'POST /api/v1/permits/{number}/revocation': { allow: 'signed' },
  'GET /api/v1/customs/permits/{number}/draws': { allow: DECLARATION_READERS },

  'GET /api/v1/notifications': { allow: SIGNED_IN },
  // A notification addressed to A's representative: his, in any of his sessions (not the company's, not the broker's).
  'POST /api/v1/notifications/{id}/read': { allow: ['repA', 'officerApplicant'], mutates: true },
  'POST /api/v1/notifications/read-all': { allow: SIGNED_IN_WRITE, mutates: true },

  'GET /api/v1/audit/verify': { allow: 'public' },

  'GET /api/v1/edocuments/document-types': { allow: 'public' },
  'POST /api/v1/edocuments/uploads': { allow: A_SIDE, multipart: true },
  'POST /api/v1/edocuments': { allow: 'signed' },
  // Rule 1. Choice: a trader's list of eDocuments is its own side's; officers and customs read the ones an application
  // or a declaration cites, by number.
  'GET /api/v1/edocuments': { allow: A_READERS, query: (c) => `?traderRfc=${c.a.rfc}` },
  'GET /api/v1/edocuments/{number}': { allow: DECLARATION_READERS },
  'GET /api/v1/edocuments/{number}/content': { allow: DECLARATION_READERS },

  'POST /api/v1/coves/signing-payload': { allow: A_SIDE, body: (c) => coveJson(c.a.rfc) },
  'POST /api/v1/coves': { allow: 'signed' },
  'GET /api/v1/coves': { allow: SIGNED_IN },
  // Rule 7: the broker that filed it reads and amends nothing once its delegation is revoked.
  'POST /api/v1/coves/{number}/amendments/signing-payload': {
    allow: A_SIDE,
    body: (c) => ({ ...coveJson(c.a.rfc), reason: 'Corrección de la factura.' }),
  },
  'POST /api/v1/coves/{number}/amendments': { allow: 'signed' },
  'GET /api/v1/coves/{number}': { allow: DECLARATION_READERS },

  // Reference data: the customs office keys a pedimento number carries.
  'GET /api/v1/customs-offices': { allow: 'public' },

  // Quotas are SE's: their definition and assignments are set by SE administrators and supervisors (none in the cast).
  'GET /api/v1/quotas': { allow: 'public' },
  'GET /api/v1/quotas/{id}': { allow: 'public' },
  'GET /api/v1/statistics': { allow: 'public' },
  'POST /api/v1/quotas/signing-payload': { allow: [], body: () => quotaBody() },
  'POST /api/v1/quotas': { allow: 'signed' },
  'POST /api/v1/quotas/{id}/assignments/{rfc}/signing-payload': { allow: [], body: () => ({ amount: 50 }) },
  'PUT /api/v1/quotas/{id}/assignments/{rfc}': { allow: 'signed' },
  // Choice: everyone signed in may ask; the list holds what they may see (SE officers all, a trader's side its own).
  'GET /api/v1/quotas/{id}/assignments': { allow: SIGNED_IN },

  // Rule 2: customs powers are ANAM customs officers'. The same declaration again is answered from the record, drawing
  // nothing.
  'POST /api/v1/customs/declarations': { allow: ['customs'], body: (c) => c.a.declaration },
  'GET /api/v1/customs/declarations/{number}': { allow: ['customs'] },
  'POST /api/v1/customs/declarations/{number}/cancellation/signing-payload': {
    allow: ['customs'],
    body: () => ({ reason: 'Error de captura.' }),
  },
  'POST /api/v1/customs/declarations/{number}/cancellation': { allow: 'signed' },
};

/** 403 codes that speak of the state or the procedure, not of the caller. */
const STATE_403 = new Set(['workflow.four_eyes']);

function brokerProfile(p: Person & { patent: string }) {
  return {
    rfc: p.rfc,
    curp: p.curp,
    patent: p.patent,
    name: p.name,
    customsOffices: [CUSTOMS_OFFICE],
    contacts: [{ name: p.name, email: 'broker@example.com', phone: '+52 867 555 0000' }],
  };
}
function patentRecord(p: Record<string, unknown>) {
  return { holderRfc: p.rfc, holderCurp: p.curp, holderName: p.name, grantedOn: '2010-01-15' };
}
function draftData(c: Cast) {
  return { goods: tyres(), coves: [c.a.cove], edocuments: [c.a.edocument], procedureData: TYRES_FORM };
}
function quotaBody() {
  const year = new Date().getUTCFullYear();
  return {
    name: 'Cupo de prueba',
    hsCodes: ['401220'],
    originCountries: ['US'],
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    total: 10,
    unit: 'C62',
    allocationMethod: 'first_come',
  };
}

type Verdict = 'allowed' | 'denied' | 'error';
function verdict(res: { status: number; body: any }): Verdict {
  if (res.status >= 500) return 'error';
  if (res.status === 401 || res.status === 404) return 'denied';
  if (res.status === 403) return STATE_403.has(res.body?.code) ? 'allowed' : 'denied';
  return 'allowed';
}

let w: TestWindow;
let c: Cast;
before(async () => {
  w = await startTestWindow();
  c = await setUpCast(w);
});
after(() => w.close());

// Rule 2, the cell the matrix cannot hold (it is about the body, not the caller): an administrator of another
// agency cannot give anyone the customs officer's role. (Before the matrix, which ends every session.)
test('only ANAM registers customs officers', async () => {
  const res = await w.call('POST', '/api/v1/agencies/COFEPRIS/officers/signing-payload', {
    token: c.tokens.adminOtherAgency!,
    body: { ...c.newOfficer, roles: ['customs_officer'], officeCode: undefined },
  });
  assert.ok(
    [400, 403, 422].includes(res.status),
    `a COFEPRIS administrator registering a customs officer: ${res.status} ${JSON.stringify(res.body)}`,
  );
});

// Rule 7 where the matrix cannot see it (a feed is filtered, not refused): the broker filed A's first operation and
// was told of its approval; once its delegation is revoked its feed shows nothing of A.
test('a revoked broker is shown no notification of the trader', async () => {
  const feed = await w.call('GET', '/api/v1/notifications', { token: c.tokens.brokerRevoked! });
  assert.equal(feed.status, 200, JSON.stringify(feed.body));
  const ofA = (feed.body.items as unknown[]).filter((n) =>
    [c.a.operation, c.a.approvedApplication].some((id) => JSON.stringify(n).includes(id)),
  );
  assert.deepEqual(ofA, [], "notifications of A in the revoked broker's feed");
});

/** Fills a route's path parameters with A's objects (the segment before a parameter says which). */
function fill(route: string, overrides: Record<string, string>): string {
  return route.replace(/\{(\w+)\}/g, (_, name: string, offset: number) => {
    if (overrides[name]) return encodeURIComponent(overrides[name]);
    const owner = route.slice(0, offset).split('/').filter(Boolean).at(-1);
    const value = (
      {
        rfc: c.a.rfc,
        patent: c.people.brokerA.patent,
        agency: 'SE',
        code: PROCEDURE,
        id: (
          {
            'api-tokens': c.a.apiTokenId,
            delegations: c.a.delegation,
            officers: c.officers.owner.id,
            operations: c.a.operation,
            applications: c.a.application,
            notifications: c.a.notification,
            quotas: c.a.quota,
          } as Record<string, string>
        )[owner!],
        number: (
          {
            permits: c.a.permit,
            verify: c.a.permit,
            declarations: c.a.declaration.number,
            edocuments: c.a.edocument,
            coves: c.a.cove,
          } as Record<string, string>
        )[owner!],
      } as Record<string, string | undefined>
    )[name];
    if (!value) throw new Error(`no object of A for {${name}} in ${route}`);
    return encodeURIComponent(value);
  });
}

/**
 * Puts A's open application in `status`, assigned (past 'submitted') to the caller when the caller is an SE officer,
 * else to the owning office's officer: so only rules 3 and 4 (own case, other office) can stop an SE officer, not
 * "assigned to someone else".
 */
async function stage(status: Status, role: Role) {
  const assignee = status === 'submitted' ? null : (c.seOfficerIds[role] ?? c.officers.owner.id);
  await w.ctx.db.query(
    'update applications set status = $2, assigned_officer_id = $3, proposed_by_officer_id = null, proposal = ' +
      '$4::jsonb where id = $1',
    [
      c.a.application,
      status,
      assignee,
      status === 'proposed' ? JSON.stringify({ decision: 'approve', message: 'Procede.' }) : null,
    ],
  );
}

test('every route allows exactly the callers of its row', async () => {
  const paths = (await w.call('GET', '/openapi.json')).body.paths as Record<string, Record<string, unknown>>;
  const routes = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  const problems: string[] = [];
  for (const r of routes) if (!EXPECTED[r]) problems.push(`${r}: no row in EXPECTED (say who may call it)`);
  for (const r of Object.keys(EXPECTED))
    if (!routes.includes(r)) problems.push(`${r}: a row for a route the window no longer has`);

  const phase = (route: string, row: Row) =>
    route === 'POST /api/v1/auth/logout'
      ? 4
      : route.startsWith('DELETE ')
        ? 3
        : row.mutates || row.stage
          ? 2
          : route.startsWith('GET ')
            ? 0
            : 1;
  const ordered = routes.filter((r) => EXPECTED[r]).sort((x, y) => phase(x, EXPECTED[x]!) - phase(y, EXPECTED[y]!));
  const forged = () => ({ challengeId: crypto.randomUUID(), ...signPayload({ forged: true }, c.people.repA.signer) });
  const mismatches: string[] = [];
  let calls = 0;

  for (const route of ordered) {
    const row = EXPECTED[route]!;
    const [method, template] = route.split(' ') as [string, string];
    const allowed = (role: Role) => row.allow === 'public' || (Array.isArray(row.allow) && row.allow.includes(role));
    // Calls that change state go denied roles first, so a wrongly allowed one is seen before the allowed ones move the
    // state on.
    const roles = phase(route, row) >= 2 ? [...ROLES].sort((x, y) => Number(allowed(x)) - Number(allowed(y))) : ROLES;
    for (const role of roles) {
      if (row.stage) await stage(row.stage, role);
      const url = fill(template, (await row.params?.(c)) ?? {}) + (row.query?.(c) ?? '');
      const token = c.tokens[role] ?? undefined;
      const body = row.allow === 'signed' ? forged() : row.body?.(c);
      const res = row.multipart
        ? await uploadPdf(w, token ?? null, c.a.rfc, await c.pdf)
        : await w.call(method, url, { token, body });
      calls++;
      const got = verdict(res);
      const said = `${res.status}${res.body?.code ? ` ${res.body.code}` : ''}`;
      const miss = (expected: string) =>
        mismatches.push(`${route.padEnd(78)} ${role.padEnd(19)} expected ${expected.padEnd(28)} got ${said}`);
      if (got === 'error') {
        miss(allowed(role) ? 'allowed' : 'denied');
        continue;
      }
      if (row.allow === 'public') {
        if (got !== 'allowed') miss('allowed (public)');
        continue;
      }
      if (role === 'anonymous') {
        if (res.status !== 401) miss('401 (anonymous)');
        continue;
      }
      if (role === 'revokedCert') {
        if (res.status !== 401) miss('401 (revoked certificate)');
        continue;
      }
      if (role === 'readToken' && method !== 'GET' && !allowed(role)) {
        if (res.status !== 403 || res.body?.code !== 'auth.scope_missing') miss('403 auth.scope_missing');
        continue;
      }
      if (row.allow === 'signed') {
        if (res.status < 400) miss('refused (forged signature)');
        continue;
      }
      if (got !== (allowed(role) ? 'allowed' : 'denied')) miss(allowed(role) ? 'allowed' : 'denied');
    }
  }
  const report = [...problems, ...mismatches];
  if (report.length > 0) {
    assert.fail(
      `${report.length} of ${calls} cells differ from EXPECTED (route, role, expected, got):\n${report.join('\n')}`,
    );
  }
});
