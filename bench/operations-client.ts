/**
 * The client side of the operation benchmarks, in its own process (forked by bench/operations.ts)
 * so that signing and HTTP client work do not run on the server's event loop. It runs the jobs it
 * gets over IPC one after another, answers each with what it measured, and exits when disconnected.
 *
 * - submit: `concurrency` loops, each with its own session of the trader's legal representative,
 *   filing for warm-up + duration: create a complete draft, get the submit payload, sign it,
 *   submit. One filing (three requests and a signature) is one round trip.
 * - permit: operations whose only procedure is an automatic notice, `concurrency` at a time; after
 *   each submit answers, the application is polled until it is approved with a permit.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { timedClients } from './measure.ts';
import { openEfirma, signPayload, type Signer } from '../src/pki/index.ts';

export interface Efirma {
  cer: string;
  key: string;
  rfc: string;
}

interface Common {
  baseUrl: string;
  /** The trader's legal representative: base64 DER .cer and encrypted .key. */
  efirma: Efirma;
  password: string;
  traderRfc: string;
  concurrency: number;
}

export type OperationsJob =
  | (Common & { kind: 'submit'; warmupMs: number; durationMs: number; maxPerClient: number })
  | (Common & { kind: 'permit'; warmup: number; count: number; pollMs: number; timeoutMs: number });

export type SubmitResult =
  | { ok: true; completed: number; measuredMs: number; submittedTotal: number; latenciesMs: number[] }
  | { ok: false; error: string; submittedTotal: number };

export type PermitResult =
  | { ok: true; latenciesMs: number[]; applicationIds: string[]; polls: number }
  | { ok: false; error: string };

/** A stalled server fails the benchmark instead of hanging it. */
const REQUEST_TIMEOUT_MS = 30_000;

const line = (hsCode: string, originCountry: string, extra: Record<string, unknown> = {}) => ({
  hsCode,
  description: `Mercancía ${hsCode}`,
  quantity: 10,
  unit: 'PCE',
  value: 1000,
  currency: 'USD',
  originCountry,
  destinationCountry: 'MX',
  customsOffice: 'ANAM-TAMPS-NLD',
  ...extra,
});

/** Firearms from the US and medicines from Germany: SEDENA and COFEPRIS, two applications from one filing. */
export const TWO_AGENCIES = {
  goods: [line('930190', 'US'), line('300490', 'DE', { unit: 'KGM', quantity: 500 })],
  procedureData: {
    'SEDENA-ARMS-IMPORT': {
      purpose: 'sport_shooting',
      endUser: 'Club de Tiro Monterrey A.C.',
      storageAddress: 'Av. Constitución 1500, Monterrey, N.L.',
    },
    'COFEPRIS-MEDICINES-IMPORT': {
      sanitaryRegistrations: ['123M2015 SSA IV'],
      pharmaceuticalForm: 'tablet',
      responsiblePharmacistLicence: '12345678',
    },
  },
};
export const TWO_AGENCY_CODES = ['COFEPRIS-MEDICINES-IMPORT', 'SEDENA-ARMS-IMPORT'];

/** Flat steel from China: only the Ministry of Economy's automatic notice, approved by the job queue. */
export const STEEL_NOTICE = {
  goods: [line('720851', 'CN', { unit: 'KGM', quantity: 20000 })],
  procedureData: {
    'SE-STEEL-NOTICE': {
      meltCountry: 'CN',
      millName: 'Baosteel',
      millCertificateNumber: 'MC-1',
      millCertificateDate: '2026-11-01',
    },
  },
};
export const STEEL_NOTICE_CODE = 'SE-STEEL-NOTICE';

async function call(
  method: 'GET' | 'POST',
  url: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep the text for the error message */
  }
  return { status: res.status, json };
}

function expect(what: string, res: { status: number; json: any }, status: number) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.json).slice(0, 500)}`);
}

/** A session of its own for one client loop, as a real client logs in: challenge, sign, login. */
async function login(baseUrl: string, signer: Signer): Promise<string> {
  const challenge = await call('POST', `${baseUrl}/api/v1/auth/challenge`);
  expect('challenge', challenge, 201);
  const res = await call('POST', `${baseUrl}/api/v1/auth/login`, {
    body: { challengeId: challenge.json.challengeId, ...signPayload(challenge.json.payload, signer) },
  });
  expect('login', res, 200);
  return res.json.token as string;
}

/** Draft (complete), payload to sign, signature, submit: the acknowledgement's applications. */
async function file(job: OperationsJob, token: string, signer: Signer, data: object, expected: string[]) {
  const base = job.baseUrl;
  const draft = await call('POST', `${base}/api/v1/operations`, {
    token,
    body: { traderRfc: job.traderRfc, flow: 'import', data },
  });
  expect('create draft', draft, 201);
  const id = draft.json.id as string;
  const issued = await call('POST', `${base}/api/v1/operations/${id}/submit/signing-payload`, { token, body: {} });
  expect('submit signing-payload', issued, 201);
  const submitted = await call('POST', `${base}/api/v1/operations/${id}/submit`, {
    token,
    body: { challengeId: issued.json.challengeId, ...signPayload(issued.json.payload, signer) },
  });
  expect('submit', submitted, 201);
  const applications = submitted.json.data?.applications as Array<{ id: string; procedureCode: string }> | undefined;
  const codes = (applications ?? []).map((a) => a.procedureCode).sort();
  if (submitted.json.replayed !== false || codes.join() !== expected.join()) {
    throw new Error(
      `submit of ${id}: expected a new filing of ${expected.join(', ')}, got ` +
        `${JSON.stringify(submitted.json).slice(0, 500)}`,
    );
  }
  return applications!;
}

async function runSubmits(job: Extract<OperationsJob, { kind: 'submit' }>, signer: Signer): Promise<SubmitResult> {
  let submittedTotal = 0;
  try {
    const tokens = await Promise.all(Array.from({ length: job.concurrency }, () => login(job.baseUrl, signer)));
    const { completed, measuredMs, latenciesMs } = await timedClients(tokens, job, async (token) => {
      await file(job, token, signer, TWO_AGENCIES, TWO_AGENCY_CODES);
      submittedTotal++;
    });
    if (measuredMs <= 0)
      return { ok: false, error: 'maxPerClient was reached during the warm-up: nothing was measured', submittedTotal };
    return { ok: true, completed, measuredMs, submittedTotal, latenciesMs };
  } catch (err) {
    return { ok: false, error: (err as Error).message, submittedTotal };
  }
}

async function runPermits(job: Extract<OperationsJob, { kind: 'permit' }>, signer: Signer): Promise<PermitResult> {
  try {
    const tokens = await Promise.all(Array.from({ length: job.concurrency }, () => login(job.baseUrl, signer)));
    const total = job.warmup + job.count;
    const latenciesMs: number[] = [];
    const applicationIds: string[] = [];
    let next = 0;
    let polls = 0;
    const client = async (token: string) => {
      for (let n = next++; n < total; n = next++) {
        const [application] = await file(job, token, signer, STEEL_NOTICE, [STEEL_NOTICE_CODE]);
        const t0 = performance.now(); // the submit has answered: the notice is filed
        const deadline = t0 + job.timeoutMs;
        // Polls at t0, t0 + pollMs, t0 + 2 pollMs ... (a tick is skipped while a GET is still out).
        for (let tick = 1; ; tick++) {
          const seen = await call('GET', `${job.baseUrl}/api/v1/applications/${application!.id}`, { token });
          polls++;
          expect(`GET application ${application!.id}`, seen, 200);
          const t1 = performance.now();
          if (seen.json.status === 'approved' && typeof seen.json.permit?.number === 'string') {
            if (n >= job.warmup) {
              latenciesMs.push(t1 - t0);
              applicationIds.push(application!.id);
            }
            break;
          }
          if (seen.json.status !== 'submitted')
            throw new Error(`notice ${application!.id} went to ${seen.json.status}, not approved`);
          if (t1 >= deadline)
            throw new Error(
              `notice ${application!.id} not approved with a permit ${job.timeoutMs / 1000} s after its ` +
                `submit answered`,
            );
          while (t0 + tick * job.pollMs <= t1) tick++;
          await sleep(t0 + tick * job.pollMs - t1);
        }
      }
    };
    await Promise.all(tokens.map(client));
    return { ok: true, latenciesMs, applicationIds, polls };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

async function run(job: OperationsJob): Promise<SubmitResult | PermitResult> {
  const signer = openEfirma({
    cer: Buffer.from(job.efirma.cer, 'base64'),
    key: Buffer.from(job.efirma.key, 'base64'),
    password: job.password,
  });
  return job.kind === 'submit' ? runSubmits(job, signer) : runPermits(job, signer);
}

if (process.send) {
  process.on('message', (job: OperationsJob) => {
    void run(job).then((result) => process.send!(result));
  });
  process.once('disconnect', () => process.exit(0));
}
