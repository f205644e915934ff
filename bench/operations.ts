/**
 * Filing operations over real HTTP on 127.0.0.1 against a real window (bench/window.ts), the
 * clients in a forked process (bench/operations-client.ts):
 *
 * - signed submissions per second: a trader registered through the API by its legal
 *   representative (a real dev e.firma, signed requests), then clients that each create a
 *   complete draft, get the submit payload, sign it and submit it, in a loop. Each operation fans
 *   out to SEDENA and COFEPRIS. Afterwards the database must hold exactly as many submitted
 *   operations as the clients filed, each with exactly two applications.
 * - submission -> auto-approved permit: automatic notices filed one or two at a time, each polled
 *   (GET /api/v1/applications/:id) until it is approved and its permit exists. The job queue runs
 *   as startServer configures it, so its default poll interval applies.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectStatus, windowClient } from '../src/cli/window-client.ts';
import { issueEfirma, openEfirma, type Signer } from '../src/pki/index.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';
import type { Efirma, OperationsJob, PermitResult, SubmitResult } from './operations-client.ts';
import { STEEL_NOTICE_CODE, TWO_AGENCY_CODES } from './operations-client.ts';
import { median, percentile } from './measure.ts';
import { forkClient, type BenchWindow, type ClientProcess } from './window.ts';

const CLIENT = fileURLToPath(new URL('./operations-client.ts', import.meta.url));
const PASSWORD = 'bench-pass';

export interface SubmitOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxPerClient: number;
}
export interface PermitOptions {
  concurrency: number;
  warmup: number;
  count: number;
  pollMs: number;
  timeoutMs: number;
}

export interface SubmitRow {
  backend: string;
  submitsPerSecond: number;
  completed: number;
  /** Every submission the clients made (warm-up included): what the database must hold. */
  submittedTotal: number;
  p50Ms: number;
  p99Ms: number;
}

export interface PermitRow {
  backend: string;
  count: number;
  /** From the submit's answer to the first poll that saw the approved application with its permit. */
  p50Ms: number;
  p99Ms: number;
  /** The window's own clocks: application submitted_at (the submit transaction's start) to permit issued_at. */
  serverP50Ms: number;
  serverP99Ms: number;
  /** pg-boss: job created (in the submit transaction) to job started, median. */
  jobWaitP50Ms: number | null;
  polls: number;
}

/**
 * The job queue's poll interval as startServer configures it: openContext passes no pollSeconds,
 * so createJobQueue's default applies. Read from the sources so that the row label cannot go
 * stale: null (and the label says "unknown") when they no longer read as expected.
 */
export function serverPollSeconds(): number | null {
  const app = fs.readFileSync(fileURLToPath(new URL('../src/app.ts', import.meta.url)), 'utf8');
  const queue = fs.readFileSync(fileURLToPath(new URL('../src/jobs/queue.ts', import.meta.url)), 'utf8');
  const calls = app.match(/createJobQueue\(db,[^\n]*\n/g) ?? [];
  const fallback = /const pollSeconds = opts\.pollSeconds \?\? ([\d.]+);/.exec(queue)?.[1];
  if (calls.length !== 1 || /pollSeconds/.test(calls[0]!) || !fallback) return null;
  return Number(fallback);
}

/** The legal representative: a person with an RSA-2048 e.firma from the window's dev CA. */
const REP_RFC = withRfcCheckDigit('BENR800201R1');
const REP = { rfc: REP_RFC, curp: withCurpCheckDigit(`${REP_RFC.slice(0, 10)}HNLRRR0`), name: 'Representante Bench' };
const TRADER_RFC = withRfcCheckDigit('VBE150101AB');

/**
 * Registers the trader through the API as a client would: the company logs in with its own e.firma (a SAT company
 * certificate naming its representative), gets the payload, signs it, submits it.
 */
async function registerTrader(baseUrl: string, signer: Signer): Promise<void> {
  const window = windowClient(baseUrl);
  const token = await window.login(signer);
  const profile = {
    rfc: TRADER_RFC,
    legalName: 'Comercializadora Bench S.A. de C.V.',
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
    contacts: [{ name: REP.name, email: 'bench@example.com', phone: '+52 55 5555 0000' }],
    legalRepresentative: REP,
  };
  expectStatus('trader registration', await window.signed(token, signer, 'POST', '/api/v1/traders', profile), 201);
}

export interface OperationsBench {
  /** The trader's legal representative (RSA e.firma, base64) and the trader: other rows file with them too. */
  filer: { efirma: Efirma; password: string; traderRfc: string };
  submits(backend: string, opts: SubmitOptions): Promise<SubmitRow>;
  permits(backend: string, opts: PermitOptions): Promise<PermitRow>;
  close(): Promise<void>;
}

/** Registers the trader on this window and starts the client process; run submits() before permits(). */
export async function openOperationsBench(w: BenchWindow): Promise<OperationsBench> {
  const e = await issueEfirma(w.pki, { ...REP, password: PASSWORD, keyType: 'rsa' });
  const company = await issueEfirma(w.pki, {
    rfc: `${TRADER_RFC} / ${REP.rfc}`,
    curp: ` / ${REP.curp}`,
    name: 'Comercializadora Bench S.A. de C.V.',
    password: PASSWORD,
    keyType: 'ec',
  });
  await registerTrader(w.baseUrl, openEfirma({ cer: company.cer, key: company.key, password: PASSWORD }));
  const efirma: Efirma = { cer: e.cer.toString('base64'), key: e.key.toString('base64'), rfc: REP.rfc };
  const common = { baseUrl: w.baseUrl, efirma, password: PASSWORD, traderRfc: TRADER_RFC };
  const client: ClientProcess<OperationsJob, SubmitResult | PermitResult> = forkClient(CLIENT);
  const db = w.ctx.db;

  return {
    filer: { efirma, password: PASSWORD, traderRfc: TRADER_RFC },
    async submits(backend, opts) {
      const result = (await client.run({ kind: 'submit', ...common, ...opts })) as SubmitResult;
      if (!result.ok)
        throw new Error(
          `submit benchmark on ${backend} failed after ${result.submittedTotal} submissions: ${result.error}`,
        );
      // The window really filed exactly those operations, each with its two applications, and nothing else.
      const counts = await db.one<{
        submitted: number;
        drafts: number;
        applications: number;
        not_two: number;
        other: number;
      }>(
        `select (select count(*)::int from operations where status = 'submitted') as submitted,
                (select count(*)::int from operations where status <> 'submitted') as drafts,
                (select count(*)::int from applications) as applications,
                (select count(*)::int from operations o
                  where (select count(*) from applications a where a.operation_id = o.id) <> 2) as not_two,
                (select count(*)::int from applications
                  where procedure_code <> all($1::text[]) or status <> 'submitted') as other`,
        [TWO_AGENCY_CODES],
      );
      const n = result.submittedTotal;
      if (
        counts.submitted !== n ||
        counts.applications !== 2 * n ||
        counts.drafts !== 0 ||
        counts.not_two !== 0 ||
        counts.other !== 0
      ) {
        throw new Error(
          `submit benchmark on ${backend}: clients filed ${n} operations (${2 * n} applications expected) but ` +
            `the database holds ${counts.submitted} submitted and ${counts.drafts} other operations, ` +
            `${counts.applications} applications ` +
            `(${counts.not_two} operations without exactly two, ${counts.other} unexpected)`,
        );
      }
      const sorted = [...result.latenciesMs].sort((a, b) => a - b);
      return {
        backend,
        submitsPerSecond: (result.completed * 1000) / result.measuredMs,
        completed: result.completed,
        submittedTotal: n,
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
      };
    },

    async permits(backend, opts) {
      const result = (await client.run({ kind: 'permit', ...common, ...opts })) as PermitResult;
      if (!result.ok) throw new Error(`permit benchmark on ${backend} failed: ${result.error}`);
      const rows = await db.query<{ ms: number; approved_by: string; procedure_code: string }>(
        `select extract(epoch from (p.issued_at - a.submitted_at)) * 1000 as ms, p.approved_by, a.procedure_code
           from applications a join permits p on p.application_id = a.id where a.id = any($1::uuid[])`,
        [result.applicationIds],
      );
      if (
        rows.length !== result.applicationIds.length ||
        rows.some((r) => r.approved_by !== 'automatic' || r.procedure_code !== STEEL_NOTICE_CODE)
      ) {
        throw new Error(
          `permit benchmark on ${backend}: ${result.applicationIds.length} notices seen approved, but ` +
            `${rows.length} permits stored ` +
            `(${rows.filter((r) => r.approved_by !== 'automatic').length} not approved automatically)`,
        );
      }
      // pg-boss's own record of each auto-approval job: the queue's share of the latency. Best effort.
      const jobWaits = await db
        .query<{ ms: number }>(
          `select extract(epoch from (started_on - created_on)) * 1000 as ms from pgboss.job
          where name = 'auto-approve' and data->>'applicationId' = any($1::text[]) and started_on is not null`,
          [result.applicationIds],
        )
        .catch(() => []);
      const seen = [...result.latenciesMs].sort((a, b) => a - b);
      const server = rows.map((r) => Number(r.ms)).sort((a, b) => a - b);
      return {
        backend,
        count: seen.length,
        p50Ms: percentile(seen, 50),
        p99Ms: percentile(seen, 99),
        serverP50Ms: percentile(server, 50),
        serverP99Ms: percentile(server, 99),
        jobWaitP50Ms:
          jobWaits.length === result.applicationIds.length ? median(jobWaits.map((j) => Number(j.ms))) : null,
        polls: result.polls,
      };
    },

    close: () => client.close(),
  };
}
