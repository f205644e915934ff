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
import { windowClient, type WindowClient } from '../src/cli/window-client.ts';
import { openEfirma, type Signer } from '../src/pki/index.ts';

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

/** Draft (complete), payload to sign, signature, submit: the acknowledgement's applications. */
async function file(
  client: WindowClient,
  job: OperationsJob,
  token: string,
  signer: Signer,
  data: object,
  expected: string[],
) {
  const { operationId, applications, answer } = await client.fileOperation(token, signer, {
    traderRfc: job.traderRfc,
    data,
  });
  const codes = applications.map((a) => a.procedureCode).sort();
  if (answer.replayed !== false || codes.join() !== expected.join()) {
    throw new Error(
      `submit of ${operationId}: expected a new filing of ${expected.join(', ')}, got ` +
        `${JSON.stringify(answer).slice(0, 500)}`,
    );
  }
  return applications;
}

async function runSubmits(job: Extract<OperationsJob, { kind: 'submit' }>, signer: Signer): Promise<SubmitResult> {
  let submittedTotal = 0;
  try {
    const client = windowClient(job.baseUrl);
    const tokens = await Promise.all(Array.from({ length: job.concurrency }, () => client.login(signer)));
    const { completed, measuredMs, latenciesMs } = await timedClients(tokens, job, async (token) => {
      await file(client, job, token, signer, TWO_AGENCIES, TWO_AGENCY_CODES);
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
    const client = windowClient(job.baseUrl);
    const tokens = await Promise.all(Array.from({ length: job.concurrency }, () => client.login(signer)));
    const total = job.warmup + job.count;
    const latenciesMs: number[] = [];
    const applicationIds: string[] = [];
    let next = 0;
    let polls = 0;
    const loop = async (token: string) => {
      for (let n = next++; n < total; n = next++) {
        const [application] = await file(client, job, token, signer, STEEL_NOTICE, [STEEL_NOTICE_CODE]);
        const t0 = performance.now(); // the submit has answered: the notice is filed
        const deadline = t0 + job.timeoutMs;
        // Polls at t0, t0 + pollMs, t0 + 2 pollMs ... (a tick is skipped while a GET is still out).
        for (let tick = 1; ; tick++) {
          const seen = await client.application(token, application!.id);
          polls++;
          const t1 = performance.now();
          if (seen.status === 'approved' && typeof seen.permit?.number === 'string') {
            if (n >= job.warmup) {
              latenciesMs.push(t1 - t0);
              applicationIds.push(application!.id);
            }
            break;
          }
          if (seen.status !== 'submitted')
            throw new Error(`notice ${application!.id} went to ${seen.status}, not approved`);
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
    await Promise.all(tokens.map(loop));
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
