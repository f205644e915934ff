/**
 * The client side of the customs validation benchmark, in its own process (forked by bench/customs.ts)
 * so that HTTP client work does not run on the server's event loop. It runs the job it gets over IPC,
 * answers with what it measured, and exits when disconnected.
 *
 * `concurrency` loops, each with its own session of one ANAM customs officer (challenge, sign, login),
 * post declarations to POST /api/v1/customs/declarations for warm-up + duration. Every declaration has a
 * fresh number (year of its date, the office's key, the broker's patent, a sequence shared by the loops)
 * and one goods line drawing a small quantity from the next permit in turn. Any answer but 201 fails the run.
 */
import { timedClients } from './measure.ts';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { openEfirma, signPayload, type Signer } from '../src/pki/index.ts';
import type { Efirma } from './operations-client.ts';

export interface CustomsJob {
  baseUrl: string;
  /** The customs officer: base64 DER .cer and encrypted .key. */
  efirma: Efirma;
  password: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxPerClient: number;
  traderRfc: string;
  customsOffice: string;
  officeKey: string;
  brokerPatent: string;
  permits: string[];
  /** The goods line every declaration declares (and draws in full from its permit). */
  line: { hsCode: string; quantity: number; unit: string; value: number; currency: string; originCountry: string };
}

export type CustomsResult =
  | { ok: true; completed: number; measuredMs: number; acceptedTotal: number; latenciesMs: number[] }
  | { ok: false; error: string; acceptedTotal: number };

const REQUEST_TIMEOUT_MS = 30_000;

async function post(url: string, body: unknown | undefined, token?: string): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: 'POST',
    headers,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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

async function login(baseUrl: string, signer: Signer): Promise<string> {
  const challenge = await post(`${baseUrl}/api/v1/auth/challenge`, undefined);
  if (challenge.status !== 201)
    throw new Error(`challenge: HTTP ${challenge.status} ${JSON.stringify(challenge.json).slice(0, 300)}`);
  const res = await post(`${baseUrl}/api/v1/auth/login`, {
    challengeId: challenge.json.challengeId,
    ...signPayload(challenge.json.payload, signer),
  });
  if (res.status !== 200)
    throw new Error(`officer login: HTTP ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
  return res.json.token as string;
}

async function run(job: CustomsJob): Promise<CustomsResult> {
  let acceptedTotal = 0;
  try {
    const signer = openEfirma({
      cer: Buffer.from(job.efirma.cer, 'base64'),
      key: Buffer.from(job.efirma.key, 'base64'),
      password: job.password,
    });
    const tokens = await Promise.all(Array.from({ length: job.concurrency }, () => login(job.baseUrl, signer)));
    let sequence = 0;
    const declaration = () => {
      const n = ++sequence;
      const date = mexicoDate(new Date());
      return {
        number: `${date.slice(2, 4)}${job.officeKey}${job.brokerPatent}${String(n).padStart(7, '0')}`,
        customsOffice: job.customsOffice,
        brokerPatent: job.brokerPatent,
        traderRfc: job.traderRfc,
        flow: 'import',
        date,
        lines: [{ ...job.line, destinationCountry: 'MX', permits: [{ number: job.permits[n % job.permits.length]! }] }],
      };
    };
    const { completed, measuredMs, latenciesMs } = await timedClients(tokens, job, async (token) => {
      const body = declaration();
      const res = await post(`${job.baseUrl}/api/v1/customs/declarations`, body, token);
      if (res.status !== 201 || res.json.status !== 'accepted' || res.json.replayed !== false) {
        throw new Error(`declaration ${body.number}: HTTP ${res.status} ${JSON.stringify(res.json).slice(0, 500)}`);
      }
      acceptedTotal++;
    });
    if (measuredMs <= 0)
      return { ok: false, error: 'maxPerClient was reached during the warm-up: nothing was measured', acceptedTotal };
    return { ok: true, completed, measuredMs, acceptedTotal, latenciesMs };
  } catch (err) {
    return { ok: false, error: (err as Error).message, acceptedTotal };
  }
}

if (process.send) {
  process.on('message', (job: CustomsJob) => {
    void run(job).then((result) => process.send!(result));
  });
  process.once('disconnect', () => process.exit(0));
}
