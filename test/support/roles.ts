/**
 * The cast of the authorisation matrix (test/authorization-matrix.test.ts): every kind of caller the
 * issue names, and trader A's objects, built once in one window through the same routes a client uses.
 * Only what no route can do here is done directly: registering officers (the CLI's job) and revoking a
 * certificate at the dev CA.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { mexicoDate } from '../../src/calendar/calendar.ts';
import { revokeCertificate, signPayload } from '../../src/pki/index.ts';
import { registerOfficer } from '../../src/registry/officers.ts';
import type { OfficerRole } from '../../src/registry/schemas.ts';
import { traderProfile, type Person, type TestWindow } from './window.ts';

export const ROLES = [
  'anonymous',
  'traderA',
  'traderB',
  'repA',
  'brokerA',
  'brokerRevoked',
  'brokerNone',
  'officerOwner',
  'officerOtherOffice',
  'officerOtherAgency',
  'officerApplicant',
  'customs',
  'adminOtherAgency',
  'readToken',
  'revokedCert',
] as const;
export type Role = (typeof ROLES)[number];

/** The office-bound procedure A files: SE routes it to its office in the state of the customs office. */
export const PROCEDURE = 'SE-USED-TYRES-IMPORT';
export const CUSTOMS_OFFICE = 'ANAM-TAMPS-NLD';
/** An SE office in another state than the customs office's. */
export const OTHER_SE_OFFICE = 'SE-NL-MTY';

export const tyres = () => [
  {
    hsCode: '401220',
    description: 'Llantas usadas para renovado',
    quantity: 200,
    unit: 'C62',
    value: 4000,
    currency: 'USD',
    originCountry: 'US',
    destinationCountry: 'MX',
    customsOffice: CUSTOMS_OFFICE,
  },
];
export const TYRES_FORM = {
  [PROCEDURE]: { intendedUse: 'retreading', tyreCategory: 'passenger_car', wasteManagementPlan: 'PM-19-0042' },
};

/** An import invoice from a US supplier to `rfc`, consistent in every total. */
export function coveJson(rfc: string) {
  return {
    operationType: 'import',
    invoiceNumber: 'INV-2026-0042',
    invoiceDate: '2026-10-15',
    certificateOfOrigin: false,
    invoiceTotal: 4000,
    issuer: {
      taxId: '12-3456789',
      name: 'Tyre Recyclers Inc.',
      address: {
        street: 'Main St',
        exteriorNumber: '1200',
        city: 'Laredo',
        state: 'TX',
        postalCode: '78040',
        country: 'US',
      },
    },
    recipient: { taxId: rfc, name: `Comercializadora ${rfc} S.A. de C.V.`, address: traderProfile(rfc).taxAddress },
    goods: [
      {
        description: 'Llantas usadas',
        quantity: 200,
        unit: 'C62',
        currency: 'USD',
        unitValue: 20,
        total: 4000,
        usdValue: 4000,
      },
    ],
  };
}

/** A small real PDF showing `text`. */
export async function invoicePdf(text = 'Factura comercial INV-2026-0042'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([612, 792]).drawText(text, { x: 50, y: 700, size: 14, font });
  return doc.save();
}

/** POST /api/v1/edocuments/uploads as a browser sends it (multipart/form-data). */
export async function uploadPdf(
  w: TestWindow,
  token: string | null,
  traderRfc: string,
  bytes: Uint8Array,
  documentType = 'commercial_invoice',
) {
  const data = new FormData();
  data.append('traderRfc', traderRfc);
  data.append('documentType', documentType);
  data.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'factura.pdf');
  const request = new Request('http://window.test/', { method: 'POST', body: data });
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/edocuments/uploads',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': request.headers.get('content-type')!,
    },
    payload: Buffer.from(await request.arrayBuffer()),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

const ok = (res: { status: number; body: any }, status: number, what: string) =>
  assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);

/** Uploads a PDF and files it as an eDocument signed by `filer`: its number. */
export async function fileEdocument(
  w: TestWindow,
  filer: Person & { token: string },
  traderRfc: string,
  opts: { documentType?: string; bytes?: Uint8Array } = {},
): Promise<string> {
  const upload = await uploadPdf(w, filer.token, traderRfc, opts.bytes ?? (await invoicePdf()), opts.documentType);
  ok(upload, 201, 'upload');
  const created = await w.call('POST', '/api/v1/edocuments', {
    token: filer.token,
    body: { challengeId: upload.body.challengeId, ...signPayload(upload.body.payload, filer.signer) },
  });
  ok(created, 201, 'eDocument');
  return created.body.data.number as string;
}

/** Files a COVE signed by `filer`: its number. */
export async function fileCove(w: TestWindow, filer: Person & { token: string }, cove: unknown): Promise<string> {
  const res = await w.signed(filer.token, filer, 'POST', '/api/v1/coves', cove);
  ok(res, 201, 'COVE');
  return res.body.data.number as string;
}

export interface Cast {
  /** A bearer token per role; null for the anonymous caller. */
  tokens: Record<Role, string | null>;
  people: {
    companyA: Person;
    repA: Person;
    brokerA: Person & { patent: string };
    brokerNone: Person & { patent: string };
  };
  officers: { owner: { id: string }; seAdmin: Person & { token: string } };
  /** The officer record of each SE officer of the cast (the ones an SE application can be assigned to). */
  seOfficerIds: Partial<Record<Role, string>>;
  /** A new read-scope API token of A's representative; answers its id. */
  newApiToken(): Promise<string>;
  /** The body that registers a new SE officer of A's office. */
  newOfficer: Record<string, unknown>;
  pdf: Promise<Uint8Array>;
  a: {
    rfc: string;
    office: string;
    /** A submitted operation and its application (approved: it gave the permit). */
    operation: string;
    approvedApplication: string;
    /** A second application, open: the workflow routes act on it (its status is staged per call). */
    application: string;
    /** A draft operation: the routes that change or submit a draft. */
    draft: string;
    cove: string;
    edocument: string;
    permit: string;
    declaration: Record<string, unknown> & { number: string };
    notification: string;
    quota: string;
    delegation: string;
    apiTokenId: string;
  };
}

export async function setUpCast(w: TestWindow): Promise<Cast> {
  // The cast's own certificates use EC keys (the window accepts both): generating RSA keys is most of a set-up's time.
  // Trader A: a company registered by its own e.firma (SAT issues company
  // certificates with its RFC), naming its representative.
  const repA = await w.person({ name: 'Ana Representante', keyType: 'ec' });
  const companyA = await w.person({ kind: 'company', name: 'Llantas del Norte S.A. de C.V.', keyType: 'ec' });
  const companyB = await w.person({ kind: 'company', name: 'Otra Comercializadora S.A. de C.V.', keyType: 'ec' });
  const repB = await w.person({ name: 'Beto Representante', keyType: 'ec' });
  const registerCompany = async (company: Person, rep: Person) => {
    const token = await w.login(company);
    ok(
      await w.signed(token, company, 'POST', '/api/v1/traders', traderProfile(company.rfc, rep)),
      201,
      'company registration',
    );
    return token;
  };
  const traderA = await registerCompany(companyA, repA);
  const traderB = await registerCompany(companyB, repB);
  const rep = await w.login(repA);
  const A = companyA.rfc;

  const broker = async (name: string) => {
    const p = await w.person({ name, keyType: 'ec' });
    const b = await w.registerBroker(p);
    return { ...p, ...b };
  };
  const bA = await broker('Bruno Agente');
  const bR = await broker('Raúl Agente');
  const bN = await broker('Nadia Agente');
  const delegate = async (patent: string) => {
    const res = await w.signed(rep, repA, 'POST', `/api/v1/traders/${A}/delegations`, { brokerPatent: patent });
    ok(res, 201, 'delegation');
    return res.body.data.id as string;
  };
  const delegation = await delegate(bA.patent);
  const revokedDelegation = await delegate(bR.patent);

  // The broker whose delegation will be revoked files A's COVE and eDocument while it still may.
  const documents = { coves: [await fileCove(w, bR, coveJson(A))], edocuments: [await fileEdocument(w, bR, A)] };

  const operation = { traderRfc: A, goods: tyres(), data: documents, procedureData: TYRES_FORM };
  const draft = async () => {
    const res = await w.call('POST', '/api/v1/operations', {
      token: rep,
      body: { traderRfc: A, flow: 'import', data: { goods: tyres(), ...documents, procedureData: TYRES_FORM } },
    });
    ok(res, 201, 'operation');
    return res.body.id as string;
  };
  const file = async (filer: Person & { token: string }) => {
    const filed = await w.fileOperation(filer, operation);
    const app = filed.applications.find((x) => x.procedureCode === PROCEDURE)!;
    return { operation: filed.operationId, application: app.id };
  };
  // The first operation is filed by the broker whose delegation will be revoked; the second by A's representative.
  const filed = await file(bR);
  const office = (
    await w.ctx.db.one<{ office_code: string }>('select office_code from applications where id = $1', [
      filed.application,
    ])
  ).office_code;
  assert.ok(office && office !== OTHER_SE_OFFICE, `routed to ${office}`);

  const officer = async (agency: string, roles: OfficerRole[], officeCode?: string) =>
    w.officer(agency, roles, officeCode);
  const owner = await officer('SE', ['reviewer', 'resolver'], office);
  const otherOffice = await officer('SE', ['reviewer', 'resolver'], OTHER_SE_OFFICE);
  const otherAgency = await officer('COFEPRIS', ['reviewer', 'resolver', 'supervisor']);
  const customs = await officer('ANAM', ['customs_officer'], CUSTOMS_OFFICE);
  const adminOther = await officer('COFEPRIS', ['administrator']);
  const seAdmin = await officer('SE', ['administrator', 'supervisor']);
  // A's legal representative is also an SE officer of the owning office, with an officer certificate of his own.
  const applicantAsOfficer = await w.person({
    rfc: repA.rfc,
    curp: repA.curp,
    name: repA.name,
    role: 'officer',
    keyType: 'ec',
  });
  const applicantOfficer = await w.ctx.db.transaction((tx) =>
    registerOfficer(tx, {
      agency: 'SE',
      actorRfc: null,
      signatureId: null,
      input: {
        rfc: repA.rfc,
        curp: repA.curp,
        name: repA.name,
        roles: ['reviewer', 'resolver'],
        officeCode: office,
        certificate: applicantAsOfficer.cer.toString('base64'),
      },
    }),
  );
  const officerApplicant = await w.login(applicantAsOfficer);

  // The owning office approves the first application: A's permit.
  await w.approve(owner, filed.application);
  const permit = (await w.call('GET', `/api/v1/applications/${filed.application}`, { token: rep })).body.permit
    .number as string;
  const open = await file({ ...repA, token: rep });
  const draftId = await draft();

  // A declaration of A's goods by the broker that filed its COVE, citing the permit, the COVE and the eDocument.
  const date = mexicoDate(w.ctx.clock.now());
  const declaration = {
    number: `${date.slice(2, 4)}24${bR.patent}${String(crypto.randomInt(1e6, 1e7))}`,
    customsOffice: CUSTOMS_OFFICE,
    brokerPatent: bR.patent,
    traderRfc: A,
    flow: 'import',
    date,
    ...documents,
    lines: [
      {
        hsCode: '4012200100',
        quantity: 10,
        unit: 'C62',
        value: 200,
        currency: 'USD',
        originCountry: 'US',
        destinationCountry: 'MX',
        permits: [{ number: permit }],
      },
    ],
  };
  const declared = await w.call('POST', '/api/v1/customs/declarations', { token: customs.token, body: declaration });
  ok(declared, 201, 'declaration');
  assert.equal(declared.body.status, 'accepted', JSON.stringify(declared.body));

  // An 'assignment' quota with an amount for A.
  const year = date.slice(0, 4);
  const quota = await w.signed(seAdmin.token, seAdmin, 'POST', '/api/v1/quotas', {
    name: 'Llantas usadas (cupo por asignación)',
    hsCodes: ['401220'],
    originCountries: ['US'],
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    total: 1000,
    unit: 'C62',
    allocationMethod: 'assignment',
  });
  ok(quota, 201, 'quota');
  ok(
    await w.signed(seAdmin.token, seAdmin, 'PUT', `/api/v1/quotas/${quota.body.data.id}/assignments/${A}`, {
      amount: 100,
    }),
    200,
    'quota assignment',
  );

  const newApiToken = async () => {
    const res = await w.signed(rep, repA, 'POST', '/api/v1/api-tokens', {
      label: 'ERP de A',
      scopes: ['read'],
      expiresInDays: 30,
    });
    ok(res, 201, 'API token');
    return res.body.data as { id: string; token: string };
  };
  const apiToken = await newApiToken();
  const newcomer = await w.person({ role: 'officer', keyType: 'ec' });

  // A session of one of the representative's certificates, then that certificate is revoked.
  const lost = await w.person({ rfc: repA.rfc, curp: repA.curp, name: repA.name, keyType: 'ec' });
  const revokedCert = await w.login(lost);
  await revokeCertificate(w.pki, lost.cer, 'keyCompromise');

  // The broker's delegation is revoked after it filed for A.
  ok(
    await w.signed(rep, repA, 'POST', `/api/v1/delegations/${revokedDelegation}/revocation`, {
      reason: 'Contrato terminado',
    }),
    200,
    'delegation revocation',
  );

  const notification = await w.ctx.db.maybe<{ id: string }>(
    'select id from notifications where recipient_rfc = $1 order by created_at limit 1',
    [repA.rfc],
  );
  assert.ok(notification, 'A’s representative has a notification');

  return {
    tokens: {
      anonymous: null,
      traderA,
      traderB,
      repA: rep,
      brokerA: bA.token,
      brokerRevoked: bR.token,
      brokerNone: bN.token,
      officerOwner: owner.token,
      officerOtherOffice: otherOffice.token,
      officerOtherAgency: otherAgency.token,
      officerApplicant,
      customs: customs.token,
      adminOtherAgency: adminOther.token,
      readToken: apiToken.token,
      revokedCert,
    },
    people: { companyA, repA, brokerA: bA, brokerNone: bN },
    officers: { owner, seAdmin },
    seOfficerIds: { officerOwner: owner.id, officerOtherOffice: otherOffice.id, officerApplicant: applicantOfficer.id },
    newApiToken: async () => (await newApiToken()).id,
    newOfficer: {
      rfc: newcomer.rfc,
      curp: newcomer.curp,
      name: newcomer.name,
      roles: ['reviewer'],
      officeCode: office,
      certificate: newcomer.cer.toString('base64'),
    },
    pdf: invoicePdf(),
    a: {
      rfc: A,
      office,
      operation: filed.operation,
      approvedApplication: filed.application,
      application: open.application,
      draft: draftId,
      cove: documents.coves[0]!,
      edocument: documents.edocuments[0]!,
      permit,
      declaration,
      notification: notification.id,
      quota: quota.body.data.id,
      delegation,
      apiTokenId: apiToken.id,
    },
  };
}
