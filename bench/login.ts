/**
 * Login round trips over real HTTP on 127.0.0.1 against a real window (bench/window.ts) in this
 * process, the clients in a forked process (bench/login-client.ts).
 */
import { fileURLToPath } from 'node:url';
import { issueEfirma } from '../src/pki/index.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';
import type { ClientJob, ClientResult } from './login-client.ts';
import { percentile } from './measure.ts';
import { forkClient, type BenchWindow } from './window.ts';

const CLIENT = fileURLToPath(new URL('./login-client.ts', import.meta.url));
const PASSWORD = 'bench-pass';

export interface LoginOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRoundTrips: number;
}

export interface LoginResult {
  backend: string;
  roundTripsPerSecond: number;
  completed: number;
  measuredMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** Fixed, valid identifiers: person i was born on 1980-01-(10+i); RFC and CURP carry correct check digits. */
function person(i: number) {
  const rfc = withRfcCheckDigit(`BENC8001${10 + i}B1`);
  return { rfc, curp: withCurpCheckDigit(`${rfc.slice(0, 10)}HNLRRR0`), name: `Bench Person ${i + 1}` };
}

/** Issues one RSA-2048 e.firma per client from the window's dev CA and lets the clients log in. */
export async function benchLogin(w: BenchWindow, backend: string, opts: LoginOptions): Promise<LoginResult> {
  const efirmas = await Promise.all(
    Array.from({ length: opts.concurrency }, async (_, i) => {
      const p = person(i);
      const e = await issueEfirma(w.pki, { ...p, password: PASSWORD, keyType: 'rsa' });
      return { cer: e.cer.toString('base64'), key: e.key.toString('base64'), rfc: p.rfc };
    }),
  );
  const { n: before } = await w.ctx.db.one<{ n: number }>(
    "select count(*)::int as n from sessions where kind = 'session'",
  );
  const client = forkClient<ClientJob, ClientResult>(CLIENT);
  let result: ClientResult;
  try {
    result = await client.run({
      baseUrl: w.baseUrl,
      efirmas,
      password: PASSWORD,
      warmupMs: opts.warmupMs,
      durationMs: opts.durationMs,
      maxRoundTrips: opts.maxRoundTrips,
    });
  } finally {
    await client.close();
  }
  if (!result.ok) throw new Error(`login benchmark on ${backend} failed: ${result.error}`);
  // The window really issued those sessions (warm-up included).
  const { n } = await w.ctx.db.one<{ n: number }>("select count(*)::int as n from sessions where kind = 'session'");
  if (n - before < result.completed + result.warmupRoundTrips) {
    throw new Error(
      `login benchmark on ${backend}: ${result.completed + result.warmupRoundTrips} logins reported but ` +
        `${n - before} sessions stored`,
    );
  }
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    backend,
    roundTripsPerSecond: (result.completed * 1000) / result.measuredMs,
    completed: result.completed,
    measuredMs: result.measuredMs,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}
