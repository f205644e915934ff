import path from 'node:path';
import { createOperation } from '../applications/operations.ts';
import { planOperation } from '../applications/plan.ts';
import { submissionContent, submitOperation } from '../applications/submit.ts';
import { autoApprove } from '../applications/timers.ts';
import { loadApplication, procedureOf, transition, type Actor } from '../applications/transition.ts';
import type { Action } from '../applications/workflow.ts';
import { wireFlows } from '../app.ts';
import { addCalendarDays, endOfDay, mexicoDate } from '../calendar/calendar.ts';
import type { Procedure } from '../catalog/procedure.ts';
import type { Context } from '../context.ts';
import { createQuota } from '../customs/quota-admin.ts';
import { issueEfirma, loadDevPki, openEfirma, type Signer } from '../pki/index.ts';
import type { VerifiedSigner } from '../pki/signature.ts';
import { withCurpCheckDigit as curp, withRfcCheckDigit as rfc } from '../registry/identifiers.ts';
import { registerOfficer } from '../registry/officers.ts';
import type { TraderProfile } from '../registry/schemas.ts';
import { registerTrader } from '../registry/traders.ts';
import { principalOf } from './demo-operations.ts';
import { actSigned } from './demo-signing.ts';

/**
 * Months of history for the transparency dashboard: a few hundred applications of three companies, filed over the
 * past months with every agency whose procedures their goods need, and decided the ways the window decides
 * (officers, four eyes, automatic notices, legal silence, withdrawals).
 *
 * Everything goes through the window's own functions (draft, submit, transition, permit issuance with its quota
 * charge, audit), with ctx.clock set to the past moment of each step. The one thing that cannot be in the past is a
 * signature: the dev CA was created today, so a signing time months ago would be before its certificates were
 * valid. Each signature is made and checked now, and the act it authorises is recorded at its historical time.
 */

/** About forty filings a month over six months: a few hundred applications once they fan out to the agencies. */
const MONTHS = 6;
const PER_MONTH = 40;
const PASSWORD = 'demo-history';

/** A small deterministic generator (mulberry32): the same demo history on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Company {
  rfc: string;
  profile: TraderProfile;
  rep: Signer;
}

interface Officers {
  reviewer: Signer;
  resolver: Signer;
}

const letter = (i: number) => String.fromCharCode(65 + (i % 26));

async function efirma(ctx: Context, person: { rfc: string; curp?: string; name: string; officer?: boolean }) {
  const pki = await loadDevPki(path.join(ctx.config.dataDir, 'pki'));
  // EC keys: far cheaper to make than RSA, and nobody signs in with these (no files are written).
  const e = await issueEfirma(pki, {
    ...person,
    password: PASSWORD,
    keyType: 'ec',
    role: person.officer ? 'officer' : undefined,
  });
  return openEfirma({ cer: e.cer, key: e.key, password: PASSWORD });
}

const COMPANIES = [
  { rfc: 'HAN180301AB', name: 'Comercializadora Histórica del Bajío, S.A. de C.V.', state: 'GTO' },
  { rfc: 'HBP170615CD', name: 'Distribuidora del Pacífico Histórico, S.A. de C.V.', state: 'JAL' },
  { rfc: 'HCG160120EF', name: 'Importaciones del Golfo Histórico, S.A. de C.V.', state: 'VER' },
];

async function registerCompanies(ctx: Context): Promise<Company[]> {
  const companies: Company[] = [];
  for (const [i, c] of COMPANIES.entries()) {
    const rep = { rfc: rfc(`HRE${letter(i)}800101A${i}`), curp: curp(`HRE${letter(i)}800101HDFRRR0`) };
    const repName = `Representante Histórico ${letter(i)}`;
    const companyRfc = rfc(c.rfc);
    const profile: TraderProfile = {
      rfc: companyRfc,
      legalName: c.name,
      taxAddress: {
        street: 'Calle Histórica',
        exteriorNumber: String(100 + i),
        neighbourhood: 'Centro',
        municipality: 'Centro',
        state: c.state,
        postalCode: '06000',
        country: 'MX',
      },
      economicActivity: 'Comercio exterior',
      contacts: [{ name: repName, email: `comercio${i}@historico.example`, phone: '+52 55 5555 0100' }],
      programmes: { immex: `IMMEX-2016-00${10 + i}` },
      legalRepresentative: { rfc: rep.rfc, curp: rep.curp, name: repName },
    } as TraderProfile;
    const company = await efirma(ctx, { rfc: `${companyRfc} / ${rep.rfc}`, curp: ` / ${rep.curp}`, name: c.name });
    await actSigned(ctx, company, 'trader.register', {}, profile, (tx, s) =>
      registerTrader(tx, { input: profile, signer: s.signer, signatureId: s.signatureId }),
    );
    companies.push({ rfc: companyRfc, profile, rep: await efirma(ctx, { ...rep, name: repName }) });
  }
  return companies;
}

/** Two officers per agency, supervisors so that office-bound procedures of any office are theirs to decide. */
async function registerOfficers(ctx: Context, agency: string, i: number): Promise<Officers> {
  const made: Signer[] = [];
  for (const [k, roles] of [
    ['V', ['reviewer', 'supervisor']],
    ['R', ['resolver', 'supervisor']],
  ] as const) {
    const person = {
      rfc: rfc(`HO${letter(i)}${k}800101B${i % 10}`),
      curp: curp(`HO${letter(i)}${k}800101MDFRRR0`),
      name: `Servidora Pública ${agency} ${k === 'V' ? 'revisora' : 'resolutora'}`,
    };
    const signer = await efirma(ctx, { ...person, officer: true });
    await ctx.db.transaction((tx) =>
      registerOfficer(tx, {
        agency,
        actorRfc: null,
        signatureId: null,
        input: { ...person, roles: [...roles], certificate: signer.certificate.der.toString('base64') },
      }),
    );
    made.push(signer);
  }
  return { reviewer: made[0]!, resolver: made[1]! };
}

interface Template {
  flow: 'import' | 'export';
  goods: Procedure['example']['goods'];
  procedureData: Record<string, Record<string, unknown>>;
  agencies: string[];
}

/** Each procedure's example goods, with the examples' typed data of every procedure those goods need. */
function templates(ctx: Context, trader: TraderProfile, date: string): Template[] {
  const files = ctx.catalogue.files();
  const dataOf = new Map(files.map((p) => [p.definition.code, p.example.data as Record<string, unknown>]));
  const out: Template[] = [];
  for (const p of files) {
    if (p.trigger !== 'goods') continue;
    const flow = p.definition.flow;
    const plan = (procedureData: Record<string, Record<string, unknown>>) =>
      planOperation(ctx.catalogue, {
        flow,
        data: { goods: p.example.goods, procedureData } as never,
        trader,
        brokerPatent: null,
        date,
      });
    const codes = plan({}).map((a) => a.procedure.code);
    const procedureData = Object.fromEntries(codes.map((c) => [c, dataOf.get(c) ?? {}]));
    const planned = plan(procedureData);
    if (planned.length === 0 || planned.some((a) => a.problems.length > 0)) continue;
    out.push({ flow, goods: p.example.goods, procedureData, agencies: planned.map((a) => a.procedure.agency) });
  }
  return out;
}

/** The quota the history's quota certificates draw on: this year's CPTPP milk powder. */
async function createDemoQuota(ctx: Context, admin: Signer, year: string) {
  const input = {
    name: `Cupo CPTPP leche en polvo ${year}`,
    hsCodes: ['040210', '040221'],
    originCountries: ['AU', 'BN', 'CA', 'CL', 'JP', 'MY', 'NZ', 'PE', 'SG', 'VN'],
    periodFrom: `${year}-01-01`,
    periodTo: `${year}-12-31`,
    total: 60000,
    unit: 'KGM',
    allocationMethod: 'first_come' as const,
  };
  await actSigned(ctx, admin, 'quota.create', {}, input, (tx, s) =>
    createQuota(tx, { principal: principalOf(admin), input, signatureId: s.signatureId, now: ctx.clock.now() }),
  );
}

export async function seedDemoHistory(
  ctx: Context,
  opts: { quotaAdmin: Signer; months?: number; perMonth?: number },
): Promise<{ applications: string[] }> {
  const months = opts.months ?? MONTHS;
  const now = ctx.clock.now();
  const clock = { at: now, now: () => clock.at };
  // The same window with its clock in the past; its flows wired like the real one (the permit issuer is per context).
  const past: Context = { ...ctx, clock };
  wireFlows(past);
  const rand = random(20261202);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const today = mexicoDate(now);
  const year = today.slice(0, 4);

  const companies = await registerCompanies(ctx);
  await createDemoQuota(ctx, opts.quotaAdmin, year);
  const all = templates(ctx, companies[0]!.profile, today);
  const officers = new Map<string, Officers>();
  for (const agency of [...new Set(all.flatMap((t) => t.agencies))].sort())
    officers.set(agency, await registerOfficers(ctx, agency, officers.size));

  const filed: string[] = [];
  const start = Date.parse(`${addCalendarDays(today, -months * 30)}T12:00:00Z`);
  const end = Date.parse(`${addCalendarDays(today, -1)}T12:00:00Z`);
  for (let n = 0; n < months * (opts.perMonth ?? PER_MONTH); n++) {
    // A random day of the period (the window takes filings every day), between 08:00 and 18:00 in Mexico City.
    const day = mexicoDate(new Date(start + rand() * (end - start)));
    const submittedAt = new Date(endOfDay(addCalendarDays(day, -1)).getTime() + (8 + rand() * 10) * 3_600_000);
    const template = pick(all);
    // Quota certificates draw on this year's quota only.
    if (template.procedureData['SE-QUOTA-CERTIFICATE'] && !day.startsWith(year)) continue;
    const company = pick(companies);
    const factor = 1 + Math.floor(rand() * 4);
    const goods = template.goods.map((g) => ({ ...g, quantity: g.quantity * factor, value: g.value * factor }));
    const applications = await file(ctx, past, clock, company, template, goods, submittedAt);
    for (const a of applications) {
      await decide(ctx, past, clock, { ...a, rand, company, officers: officers.get(a.agency)!, submittedAt });
      filed.push(a.id);
    }
  }
  clock.at = now;
  // The notices of long-closed cases were read back then: they should not fill today's unread counts.
  await ctx.db.query(
    `update notifications set read_at = created_at
      where read_at is null and (object_id = any($1::text[])
         or object_id in (select operation_id::text from applications where id = any($1::uuid[]))
         or object_id in (select unnest(array[id::text, number]) from permits where application_id = any($1::uuid[])))`,
    [filed],
  );
  return { applications: filed };
}

async function file(
  ctx: Context,
  past: Context,
  clock: { at: Date },
  company: Company,
  template: Template,
  goods: Template['goods'],
  submittedAt: Date,
) {
  const principal = principalOf(company.rep);
  clock.at = submittedAt;
  const draft = await createOperation(ctx.db, principal, {
    traderRfc: company.rfc,
    flow: template.flow,
    data: { goods, procedureData: template.procedureData } as never,
  });
  // A draft is stamped with the database's clock; a historical one was started shortly before it was filed.
  await ctx.db.query('update operations set created_at = $2, updated_at = $2 where id = $1', [
    draft.id,
    new Date(submittedAt.getTime() - 15 * 60_000),
  ]);
  const content = await submissionContent(past, ctx.db, principal, draft.id);
  const result = await actSigned(ctx, company.rep, 'operation.submit', { id: draft.id }, content, (tx, s) =>
    submitOperation(tx, past, {
      principal,
      operationId: draft.id,
      signer: s.signer,
      signatureId: s.signatureId,
      challengeId: s.challengeId,
      now: submittedAt,
    }),
  );
  return (result.acknowledgement.applications as { id: string; agency: string; dueDate: string }[]).map((a) => ({
    ...a,
    autoApprove: result.autoApprove.includes(a.id),
  }));
}

async function decide(
  ctx: Context,
  past: Context,
  clock: { at: Date },
  a: {
    id: string;
    agency: string;
    dueDate: string;
    autoApprove: boolean;
    rand: () => number;
    company: Company;
    officers: Officers;
    submittedAt: Date;
  },
) {
  const now = ctx.clock.now().getTime();
  const at = (ms: number) => {
    clock.at = new Date(Math.min(ms, now - 60_000));
  };
  if (a.autoApprove) {
    at(a.submittedAt.getTime() + 60_000 + a.rand() * 120_000);
    await autoApprove(past, a.id);
    return;
  }
  const due = endOfDay(a.dueDate).getTime();
  const r = a.rand();
  const definition = await definitionOf(ctx, a.id);
  // Legal silence: the first sweep after the due date ran out (only if that moment is already past). Where the law
  // makes silence a yes, agencies let it answer more often.
  const silence = definition.silence === 'positive' ? 0.3 : 0.12;
  if (r < silence && due + 300_000 < now) {
    at(due + 60_000 + a.rand() * 240_000);
    const action: Action = definition.silence === 'positive' ? 'silence_approve' : 'silence_deny';
    await ctx.db.transaction((tx) => transition(tx, past, { applicationId: a.id, action, actor: { kind: 'system' } }));
    return;
  }
  // Decided within the legal time: somewhere between a couple of hours after filing and the due date.
  const span = Math.max(due - a.submittedAt.getTime() - 2 * 3_600_000, 3_600_000);
  let decidedAt = a.submittedAt.getTime() + 2 * 3_600_000 + a.rand() ** 1.5 * span;
  // History is closed: what would still be open today was decided sooner, so no officer's inbox fills with it.
  if (decidedAt > now - 120_000)
    decidedAt = a.submittedAt.getTime() + a.rand() * (now - 120_000 - a.submittedAt.getTime());
  if (r > 0.95) {
    at(decidedAt);
    await signedStep(ctx, past, a.company.rep, 'applicant', a.id, 'withdraw', 'Ya no se realizará la importación.');
    return;
  }
  const reviewer = principalOf(a.officers.reviewer);
  at(a.submittedAt.getTime() + (decidedAt - a.submittedAt.getTime()) * 0.2);
  for (const action of ['assign', 'start_review'] as const)
    await ctx.db.transaction((tx) =>
      transition(tx, past, { applicationId: a.id, action, actor: { kind: 'officer', principal: reviewer } }),
    );
  const reject = r > 0.82;
  if (definition.fourEyes) {
    at(a.submittedAt.getTime() + (decidedAt - a.submittedAt.getTime()) * 0.8);
    const proposal = reject ? 'propose_rejection' : 'propose_approval';
    await signedStep(ctx, past, a.officers.reviewer, 'officer', a.id, proposal, reject ? REJECTION : undefined);
  }
  at(decidedAt);
  await signedStep(
    ctx,
    past,
    a.officers.resolver,
    'officer',
    a.id,
    reject ? 'reject' : 'approve',
    reject ? REJECTION : undefined,
  );
}

const REJECTION = 'La documentación no acredita el cumplimiento de los requisitos del trámite.';

/** The definition the application was filed under (the window's own lookup, versions included). */
async function definitionOf(ctx: Context, applicationId: string) {
  return procedureOf(ctx, ctx.db, await loadApplication(ctx.db, applicationId));
}

/** A signed step: signed and checked now (see above), recorded at the past moment the clock holds. */
function signedStep(
  ctx: Context,
  past: Context,
  signer: Signer,
  kind: 'officer' | 'applicant',
  applicationId: string,
  action: Action,
  message?: string,
) {
  const principal = principalOf(signer);
  return actSigned(ctx, signer, `application.${action}`, { id: applicationId }, { message }, (tx, s) => {
    const actor: Actor = { kind, principal, signer: s.signer as VerifiedSigner, signatureId: s.signatureId };
    return transition(tx, past, { applicationId, action, actor, message });
  });
}
