/**
 * A real window for a test file: a real database (PGlite in memory, or a fresh database on the
 * PostgreSQL named by TEST_DATABASE_URL), a dev CA in a temp folder, real certificates and
 * signatures. Factories create what a test needs in one line.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openContext, startJobs } from '../../src/app.ts';
import { ensurePortalBuilt } from '../../src/http/portal-build.ts';
import { seedDemo } from '../../src/cli/demo.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Context } from '../../src/context.ts';
import { buildServer } from '../../src/server.ts';
import {
  issueEfirma,
  loadDevPki,
  openEfirma,
  signPayload,
  type DevPki,
  type IssueEfirmaOptions,
  type Signer,
} from '../../src/pki/index.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../../src/registry/identifiers.ts';
import { registerOfficer } from '../../src/registry/officers.ts';
import { recordPatent } from '../../src/registry/patents.ts';
import type { OfficerRole } from '../../src/registry/schemas.ts';
import * as pipeline from './pipeline.ts';
import type { Actor, FiledOperation, FileOperationInput } from './pipeline.ts';
import { copyDemoFiles, copyDevCa, demoPglite, preparedPglite } from './templates.ts';

export const PASSWORD = 'test-pass';

export interface Person {
  rfc: string;
  curp: string;
  name: string;
  cer: Buffer;
  key: Buffer;
  signer: Signer;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pick = (alphabet: string, n: number) =>
  Array.from(crypto.randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
const yymmdd = () =>
  `${String(50 + crypto.randomInt(49)).padStart(2, '0')}${String(1 + crypto.randomInt(12)).padStart(2, '0')}` +
  `${String(1 + crypto.randomInt(28)).padStart(2, '0')}`;

/** A random, valid person RFC (13) or company RFC (12). */
export const randomRfc = (kind: 'person' | 'company' = 'person') =>
  withRfcCheckDigit(pick(LETTERS, kind === 'person' ? 4 : 3) + yymmdd() + pick(`${LETTERS}0123456789`, 2));
export const randomCurp = (rfc: string) =>
  withCurpCheckDigit(`${rfc.slice(0, 10)}HNL${pick('BCDFGHJKLMNPQRSTVWXZ', 3)}0`);

export async function testDatabaseUrl(): Promise<{ url: string | undefined; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return { url: undefined, drop: async () => {} };
  const name = `vt_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestWindow {
  ctx: Context;
  app: FastifyInstance;
  pki: DevPki;
  dataDir: string;
  /** Issues a real e.firma from the window's dev CA (or another CA), with an EC P-256 key unless `keyType: 'rsa'`. */
  person(opts?: Partial<IssueEfirmaOptions> & { kind?: 'person' | 'company'; ca?: DevPki }): Promise<Person>;
  login(person: Person): Promise<string>;
  /** Calls a route with JSON; returns status and parsed body. */
  call(
    method: string,
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  /** Gets the payload for a signed action, signs it with `signer` and submits it. */
  signed(
    token: string,
    signer: Person,
    method: 'POST' | 'PUT',
    url: string,
    data: unknown,
    opts?: { tamper?: (p: any) => any; sendPayload?: boolean },
  ): Promise<{ status: number; body: any }>;
  registerTrader(rep: Person, overrides?: Record<string, unknown>): Promise<{ rfc: string; token: string }>;
  registerBroker(person: Person, patent?: string): Promise<{ patent: string; token: string }>;
  officer(agency: string, roles: OfficerRole[], office?: string): Promise<Person & { token: string; id: string }>;
  /** The pipeline through the API (test/support/pipeline.ts): file, review, approve, a permit, a declaration. */
  fileOperation(filer: Actor, input: FileOperationInput): Promise<FiledOperation>;
  approve(officer: Actor, applicationId: string): Promise<void>;
  review(officer: Actor, applicationId: string): Promise<void>;
  permit(filer: Actor, officer: Actor, input: FileOperationInput): Promise<string>;
  declaration(token: string, body: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function traderProfile(rfc: string, rep?: Person) {
  return {
    rfc,
    legalName: `Comercializadora ${rfc} S.A. de C.V.`,
    taxAddress: {
      street: 'Av. Reforma',
      exteriorNumber: '10',
      neighbourhood: 'Centro',
      municipality: 'Cuauhtémoc',
      state: 'CDMX',
      postalCode: '06000',
      country: 'MX',
    },
    economicActivity: 'Comercio exterior',
    contacts: [{ name: 'Contacto', email: 'contacto@example.com', phone: '+52 55 5555 0000' }],
    ...(rep ? { legalRepresentative: { rfc: rep.rfc, curp: rep.curp, name: rep.name } } : {}),
  };
}

/**
 * A window of its own: a fresh database and data folder. With `demo`, the demo is in it (`ventanilla serve`'s first
 * start: its e.firma files in `<dataDir>/demo-efirma`): on PGlite a copy of the one seeded per day and source
 * version (test/support/templates.ts), on PostgreSQL seeded here.
 */
export async function startTestWindow(
  env: Record<string, string> = {},
  opts: { demo?: boolean } = {},
): Promise<TestWindow> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-test-'));
  const database = await testDatabaseUrl();
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', VENTANILLA_DATA_DIR: dataDir, LOGIN_RATE_LIMIT: '100000', ...env }),
    databaseUrl: database.url,
  };
  const demoCopy = opts.demo && !database.url;
  if (demoCopy) await copyDemoFiles(dataDir);
  else await copyDevCa(path.join(dataDir, 'pki'));
  // The server's own start sequence; on PGlite an in-memory copy of the prepared template (nothing to clean up).
  const template = demoCopy ? demoPglite() : preparedPglite();
  const ctx = await openContext(config, {
    pglite: database.url ? undefined : { inMemory: true, loadDataDir: await template, prepared: true },
    // Jobs sent by this window wake their worker when the sending transaction commits, so the poll (the server's
    // default) only finds delayed ones; a faster one cost an idle window a tenth of a core.
    jobs: { stopTimeoutSeconds: 5 },
  });
  if (opts.demo && database.url) await seedDemo(ctx);
  const { db } = ctx;
  const pki = await loadDevPki(path.join(dataDir, 'pki'));
  // The server serves the portal only if a build exists when its routes are registered: build a stale one first,
  // so a browser test on a fresh checkout finds it whatever file ran before.
  await ensurePortalBuilt();
  const app = await buildServer(ctx);
  await app.ready();
  await startJobs(ctx);

  // Patents are unique: consecutive numbers from a random start never collide within one window's database.
  let nextPatent = 1000 + crypto.randomInt(8000);

  const call: TestWindow['call'] = async (method, url, opts = {}) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      payload:
        opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
    return { status: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers };
  };

  const person: TestWindow['person'] = async (opts = {}) => {
    const rfc = opts.rfc ?? randomRfc(opts.kind ?? 'person');
    const curp = opts.curp ?? (rfc.length === 13 ? randomCurp(rfc) : undefined);
    const name = opts.name ?? `Persona ${rfc}`;
    // EC unless a test asks for RSA: generating an RSA key costs far more than anything else a test does.
    const efirma = await issueEfirma(opts.ca ?? pki, { keyType: 'ec', ...opts, rfc, curp, name, password: PASSWORD });
    return {
      rfc,
      curp: curp ?? '',
      name,
      cer: efirma.cer,
      key: efirma.key,
      signer: openEfirma({ cer: efirma.cer, key: efirma.key, password: PASSWORD }),
    };
  };

  const login: TestWindow['login'] = async (p) => {
    const challenge = await call('POST', '/api/v1/auth/challenge');
    const res = await call('POST', '/api/v1/auth/login', {
      body: { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, p.signer) },
    });
    if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
    return res.body.token;
  };

  const signed: TestWindow['signed'] = async (token, signer, method, url, data, opts = {}) => {
    const issued = await call('POST', `${url}/signing-payload`, { token, body: data });
    if (issued.status !== 201) return issued;
    const payload = opts.tamper ? opts.tamper(structuredClone(issued.body.payload)) : issued.body.payload;
    return call(method, url, {
      token,
      body: {
        challengeId: issued.body.challengeId,
        ...signPayload(payload, signer.signer),
        ...(opts.sendPayload ? { payload } : {}),
      },
    });
  };

  const w: TestWindow = {
    ctx,
    app,
    pki,
    dataDir,
    person,
    login,
    call,
    signed,
    fileOperation: (filer, input) => pipeline.fileOperation(w, filer, input),
    approve: (officer, id) => pipeline.approve(w, officer, id),
    review: (officer, id) => pipeline.review(w, officer, id),
    permit: (filer, officer, input) => pipeline.permit(w, filer, officer, input),
    declaration: (token, body) => pipeline.declaration(w, token, body),
    async registerTrader(rep, overrides = {}) {
      const rfc = randomRfc('company');
      // The company registers itself with its own e.firma: a SAT company certificate naming its representative.
      const efirma = await issueEfirma(pki, {
        rfc: `${rfc} / ${rep.rfc}`,
        curp: rep.curp ? ` / ${rep.curp}` : undefined,
        name: `Comercializadora ${rfc}`,
        password: PASSWORD,
        keyType: 'ec',
      });
      const company: Person = {
        rfc,
        curp: '',
        name: `Comercializadora ${rfc}`,
        cer: efirma.cer,
        key: efirma.key,
        signer: openEfirma({ cer: efirma.cer, key: efirma.key, password: PASSWORD }),
      };
      const res = await signed(await login(company), company, 'POST', '/api/v1/traders', {
        ...traderProfile(rfc, rep),
        ...overrides,
      });
      if (res.status !== 201) throw new Error(`trader registration failed: ${JSON.stringify(res.body)}`);
      return { rfc: res.body.data.rfc, token: await login(rep) };
    },
    async registerBroker(p, patent = String(nextPatent++)) {
      // ANAM records the patent first (as `ventanilla patent add` does): a broker registers only with a recorded one.
      await db.transaction((tx) =>
        recordPatent(tx, {
          input: { patent, holderRfc: p.rfc, holderCurp: p.curp, holderName: p.name, grantedOn: '2010-01-15' },
          actorRfc: null,
          signatureId: null,
        }),
      );
      const token = await login(p);
      const res = await signed(token, p, 'POST', '/api/v1/brokers', {
        rfc: p.rfc,
        curp: p.curp,
        patent,
        name: p.name,
        customsOffices: ['ANAM-TAMPS-NLD'],
        contacts: [{ name: p.name, email: 'broker@example.com', phone: '+52 867 555 0000' }],
      });
      if (res.status !== 201) throw new Error(`broker registration failed: ${JSON.stringify(res.body)}`);
      return { patent, token };
    },
    async officer(agency, roles, office) {
      const p = await person({ role: 'officer' });
      const row = await db.transaction((tx) =>
        registerOfficer(tx, {
          agency,
          actorRfc: null,
          signatureId: null,
          input: {
            rfc: p.rfc,
            curp: p.curp,
            name: p.name,
            roles,
            officeCode: office,
            certificate: p.cer.toString('base64'),
          },
        }),
      );
      return { ...p, token: await login(p), id: row.id };
    },
    async close() {
      await app.close();
      await ctx.jobs.stop();
      await db.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return w;
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
