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
import { windowClient } from '../src/cli/window-client.ts';
import { openEfirma } from '../src/pki/index.ts';
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

async function run(job: CustomsJob): Promise<CustomsResult> {
  let acceptedTotal = 0;
  try {
    const signer = openEfirma({
      cer: Buffer.from(job.efirma.cer, 'base64'),
      key: Buffer.from(job.efirma.key, 'base64'),
      password: job.password,
    });
    const client = windowClient(job.baseUrl);
    const tokens = await Promise.all(Array.from({ length: job.concurrency }, () => client.login(signer)));
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
      const res = await client.declare(token, body);
      if (res.status !== 201 || res.body.status !== 'accepted' || res.body.replayed !== false) {
        throw new Error(`declaration ${body.number}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
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
