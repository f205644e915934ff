/**
 * The client side of the login benchmark, in its own process (forked by bench/login.ts) so
 * that signing and HTTP client work do not run on the server's event loop. It gets a job over
 * IPC, runs `concurrency` loops of challenge -> sign -> login for warm-up + duration, and sends
 * back what it measured. Only round trips that end inside the measured window are counted.
 */
import { timedClients } from './measure.ts';
import { openEfirma, signPayload, type Signer } from '../src/pki/index.ts';

export interface ClientJob {
  baseUrl: string;
  /** One e.firma per concurrent client: base64 DER .cer and encrypted .key. */
  efirmas: Array<{ cer: string; key: string; rfc: string }>;
  password: string;
  warmupMs: number;
  durationMs: number;
  /** Hard cap per client, so the loop is bounded whatever the clock does. */
  maxRoundTrips: number;
}

export type ClientResult =
  | { ok: true; completed: number; measuredMs: number; warmupRoundTrips: number; latenciesMs: number[] }
  | { ok: false; error: string };

/** A stalled server fails the benchmark instead of hanging it. */
const REQUEST_TIMEOUT_MS = 30_000;

async function post(url: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
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

/** One login as a real client does it: ask for the payload, sign it with the e.firma, send it back. */
async function roundTrip(baseUrl: string, signer: Signer, rfc: string): Promise<void> {
  const challenge = await post(`${baseUrl}/api/v1/auth/challenge`);
  if (challenge.status !== 201)
    throw new Error(`challenge: HTTP ${challenge.status} ${JSON.stringify(challenge.json)}`);
  const { challengeId, payload } = challenge.json as { challengeId: string; payload: object };
  const login = await post(`${baseUrl}/api/v1/auth/login`, { challengeId, ...signPayload(payload, signer) });
  if (login.status !== 200 || typeof login.json?.token !== 'string') {
    throw new Error(`login as ${rfc}: HTTP ${login.status} ${JSON.stringify(login.json)}`);
  }
}

async function run(job: ClientJob): Promise<ClientResult> {
  try {
    const clients = job.efirmas.map((efirma) => ({
      rfc: efirma.rfc,
      signer: openEfirma({
        cer: Buffer.from(efirma.cer, 'base64'),
        key: Buffer.from(efirma.key, 'base64'),
        password: job.password,
      }),
    }));
    const { completed, warmup, measuredMs, latenciesMs } = await timedClients(
      clients,
      { ...job, maxPerClient: job.maxRoundTrips },
      (c) => roundTrip(job.baseUrl, c.signer, c.rfc),
    );
    if (measuredMs <= 0)
      return { ok: false, error: 'maxRoundTrips was reached during the warm-up: nothing was measured' };
    return { ok: true, completed, measuredMs, warmupRoundTrips: warmup, latenciesMs };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

if (process.send) {
  process.once('message', (job: ClientJob) => {
    void run(job).then((result) => process.send!(result, () => process.disconnect()));
  });
}
