/**
 * The client side of the login benchmark, in its own process (forked by bench/login.ts) so
 * that signing and HTTP client work do not run on the server's event loop. It gets a job over
 * IPC, runs `concurrency` loops of challenge -> sign -> login for warm-up + duration, and sends
 * back what it measured. Only round trips that end inside the measured window are counted.
 */
import { timedClients } from './measure.ts';
import { windowClient, type WindowClient } from '../src/cli/window-client.ts';
import { openEfirma, type Signer } from '../src/pki/index.ts';

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

/** One login as a real client does it: ask for the payload, sign it with the e.firma, send it back. */
async function roundTrip(client: WindowClient, signer: Signer): Promise<void> {
  const token = await client.login(signer);
  if (typeof token !== 'string') throw new Error(`login as ${signer.certificate.rfc}: no token`);
}

async function run(job: ClientJob): Promise<ClientResult> {
  try {
    const client = windowClient(job.baseUrl);
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
      (c) => roundTrip(client, c.signer),
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
