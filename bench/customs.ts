/**
 * Customs declaration validations over real HTTP on 127.0.0.1 against a real window (bench/window.ts),
 * the clients in a forked process (bench/customs-client.ts).
 *
 * Set-up, not measured: an ANAM officer with the customs_officer role at Nuevo Laredo, registered as
 * test/support/window.ts's w.officer does (registerOfficer with its e.firma's certificate); and `permits`
 * SE-STEEL-NOTICE permits with large balances for the bench trader, filed through the API by its legal
 * representative (bench/operations.ts) and approved by the job queue, as automatic notices are.
 * Then the clients post declarations, each drawing a small quantity from one of those permits in turn.
 * Afterwards the database must hold exactly as many accepted declarations as the clients got 201s, no
 * refusals, and on every permit line authorised minus remaining must equal the sum of its draws (and,
 * over all of them, the 201s times the draw).
 */
import { fileURLToPath } from 'node:url';
import { AUTO_APPROVE } from '../src/applications/jobs.ts';
import { CUSTOMS_OFFICE_KEYS, microsToDecimal, numericToMicros, toMicros } from '../src/customs/declaration-input.ts';
import { windowClient, type WindowClient } from '../src/cli/window-client.ts';
import { issueEfirma, openEfirma, type Signer } from '../src/pki/index.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';
import { registerOfficer } from '../src/registry/officers.ts';
import type { CustomsJob, CustomsResult } from './customs-client.ts';
import { STEEL_NOTICE, STEEL_NOTICE_CODE } from './operations-client.ts';
import type { OperationsBench } from './operations.ts';
import { percentile } from './measure.ts';
import { forkClient, type BenchWindow } from './window.ts';

const CLIENT = fileURLToPath(new URL('./customs-client.ts', import.meta.url));

export interface CustomsOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxPerClient: number;
  /** How many permits the declarations take turns on, and each one's authorised quantity (KGM) and value (USD). */
  permits: number;
  permitQuantity: number;
  permitValue: number;
  /** What each declaration declares and draws from its permit. */
  drawQuantity: number;
  drawValue: number;
  /** The set-up's notices must all be approved within this. */
  approvalTimeoutMs: number;
}

export interface CustomsRow {
  backend: string;
  perSecond: number;
  completed: number;
  /** Every declaration accepted (warm-up included): what the database must hold. */
  acceptedTotal: number;
  p50Ms: number;
  p99Ms: number;
  /** Total drawn from the permits, KGM, as checked in the database. */
  drawnQuantity: string;
}

const OFFICE = 'ANAM-TAMPS-NLD';
const PATENT = '3170';
const PASSWORD = 'bench-pass';
const OFFICER_RFC = withRfcCheckDigit('BENA800301A1');
const OFFICER = {
  rfc: OFFICER_RFC,
  curp: withCurpCheckDigit(`${OFFICER_RFC.slice(0, 10)}HNLRRR0`),
  name: 'Oficial Aduanas Bench',
};

/** Files one steel notice for `quantity` KGM / `value` USD as the legal representative: its application id. */
async function fileNotice(
  window: WindowClient,
  token: string,
  signer: Signer,
  traderRfc: string,
  quantity: number,
  value: number,
): Promise<string> {
  const data = { ...STEEL_NOTICE, goods: STEEL_NOTICE.goods.map((g) => ({ ...g, quantity, value })) };
  const filed = await window.fileOperation(token, signer, { traderRfc, data });
  return filed.applications[0]!.id;
}

export async function benchCustoms(
  w: BenchWindow,
  ops: OperationsBench,
  backend: string,
  opts: CustomsOptions,
): Promise<CustomsRow> {
  const db = w.ctx.db;
  const officeKey = CUSTOMS_OFFICE_KEYS[OFFICE]!;

  // The customs officer, bound to its e.firma's certificate.
  const e = await issueEfirma(w.pki, { ...OFFICER, password: PASSWORD, keyType: 'rsa' });
  await db.transaction((tx) =>
    registerOfficer(tx, {
      agency: 'ANAM',
      actorRfc: null,
      signatureId: null,
      input: { ...OFFICER, roles: ['customs_officer'], officeCode: OFFICE, certificate: e.cer.toString('base64') },
    }),
  );

  // The permits: automatic steel notices with large balances, approved by the job queue.
  const { filer } = ops;
  const repSigner = openEfirma({
    cer: Buffer.from(filer.efirma.cer, 'base64'),
    key: Buffer.from(filer.efirma.key, 'base64'),
    password: filer.password,
  });
  const window = windowClient(w.baseUrl);
  const token = await window.login(repSigner);
  const applicationIds: string[] = [];
  for (let i = 0; i < opts.permits; i++) {
    applicationIds.push(
      await fileNotice(window, token, repSigner, filer.traderRfc, opts.permitQuantity, opts.permitValue),
    );
  }
  // The job queue runs in this process: wait on its runs of the approvals rather than polling the database.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the steel notices were not approved within ${opts.approvalTimeoutMs / 1000} s`)),
      opts.approvalTimeoutMs,
    );
  });
  try {
    await Promise.race([
      Promise.all(applicationIds.map((applicationId) => w.ctx.jobs.ran(AUTO_APPROVE, { applicationId }))),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
  const permits = await db.query<{ id: string; number: string }>(
    `select p.id, p.number from permits p join permit_lines l on l.permit_id = p.id
      where p.application_id = any($1::uuid[]) and p.procedure_code = $2 and p.status = 'active' order by p.number`,
    [applicationIds, STEEL_NOTICE_CODE],
  );
  if (permits.length !== opts.permits)
    throw new Error(`only ${permits.length} of ${opts.permits} steel notices approved with balances`);
  const permitIds = permits.map((p) => p.id);

  const client = forkClient<CustomsJob, CustomsResult>(CLIENT);
  let result: CustomsResult;
  try {
    result = await client.run({
      baseUrl: w.baseUrl,
      efirma: { cer: e.cer.toString('base64'), key: e.key.toString('base64'), rfc: OFFICER.rfc },
      password: PASSWORD,
      concurrency: opts.concurrency,
      warmupMs: opts.warmupMs,
      durationMs: opts.durationMs,
      maxPerClient: opts.maxPerClient,
      traderRfc: filer.traderRfc,
      customsOffice: OFFICE,
      officeKey,
      brokerPatent: PATENT,
      permits: permits.map((p) => p.number),
      line: {
        hsCode: STEEL_NOTICE.goods[0]!.hsCode,
        quantity: opts.drawQuantity,
        unit: 'KGM',
        value: opts.drawValue,
        currency: 'USD',
        originCountry: 'CN',
      },
    });
  } finally {
    await client.close();
  }
  if (!result.ok)
    throw new Error(
      `customs benchmark on ${backend} failed after ${result.acceptedTotal} accepted declarations: ${result.error}`,
    );

  // The window recorded exactly those declarations, and the permits' balances moved by exactly their draws.
  const n = result.acceptedTotal;
  const check = await db.one<{
    accepted: number;
    other: number;
    refused: number;
    stray_draws: number;
    bad_lines: number;
    drawn_q: string;
    drawn_v: string;
    used_q: string;
    used_v: string;
  }>(
    `select (select count(*)::int from customs_declarations where status = 'accepted') as accepted,
            (select count(*)::int from customs_declarations where status <> 'accepted') as other,
            (select count(*)::int from customs_declaration_refusals) as refused,
            (select count(*)::int from permit_draws
              where permit_id <> all($1::uuid[]) or returned_at is not null) as stray_draws,
            (select count(*)::int from permit_lines l
              where l.permit_id = any($1::uuid[])
                and l.authorised_quantity - l.remaining_quantity is distinct from
                    coalesce((select sum(d.quantity) from permit_draws d
                               where d.permit_id = l.permit_id and d.permit_line = l.line), 0)
                 or l.permit_id = any($1::uuid[])
                and l.authorised_value - l.remaining_value is distinct from
                    coalesce((select sum(d.value) from permit_draws d
                               where d.permit_id = l.permit_id and d.permit_line = l.line), 0)) as bad_lines,
            (select coalesce(sum(quantity), 0)::text from permit_draws where permit_id = any($1::uuid[])) as drawn_q,
            (select coalesce(sum(value), 0)::text from permit_draws where permit_id = any($1::uuid[])) as drawn_v,
            (select sum(authorised_quantity - remaining_quantity)::text from permit_lines
              where permit_id = any($1::uuid[])) as used_q,
            (select sum(authorised_value - remaining_value)::text from permit_lines
              where permit_id = any($1::uuid[])) as used_v`,
    [permitIds],
  );
  const expectedQ = BigInt(n) * toMicros(opts.drawQuantity, 'drawQuantity');
  const expectedV = BigInt(n) * toMicros(opts.drawValue, 'drawValue');
  const [drawnQ, drawnV, usedQ, usedV] = [check.drawn_q, check.drawn_v, check.used_q, check.used_v].map(
    numericToMicros,
  );
  if (
    check.accepted !== n ||
    check.other !== 0 ||
    check.refused !== 0 ||
    check.stray_draws !== 0 ||
    check.bad_lines !== 0 ||
    drawnQ !== expectedQ ||
    usedQ !== expectedQ ||
    drawnV !== expectedV ||
    usedV !== expectedV
  ) {
    throw new Error(
      `customs benchmark on ${backend}: clients got ${n} accepted declarations ` +
        `(${microsToDecimal(expectedQ)} KGM, ${microsToDecimal(expectedV)} USD drawn) ` +
        `but the database holds ${check.accepted} accepted, ${check.other} other, ${check.refused} refused; ` +
        `draws ${check.drawn_q} KGM / ${check.drawn_v} USD, ` +
        `authorised - remaining ${check.used_q} KGM / ${check.used_v} USD, ${check.bad_lines} permit lines ` +
        `off, ${check.stray_draws} stray draws`,
    );
  }
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    backend,
    perSecond: (result.completed * 1000) / result.measuredMs,
    completed: result.completed,
    acceptedTotal: n,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    drawnQuantity: microsToDecimal(drawnQ),
  };
}
