/**
 * Login round trips over real HTTP on 127.0.0.1: a real window (openContext + startServer from
 * src/app.ts, as `ventanilla serve` runs it) in this process, the clients in a forked process.
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { openContext, startServer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { initDevPki, issueEfirma } from '../src/pki/index.ts';
import { withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';
import type { ClientJob, ClientResult } from './login-client.ts';
import { percentile } from './measure.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
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

/** A fresh database on the server named by adminUrl, dropped (with its connections) afterwards. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ventanilla_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

function runClients(job: ClientJob): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    // tsx again in the child: it runs TypeScript from src/ like this process does.
    const child = fork(CLIENT, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ClientResult | undefined;
    child.once('message', (m) => { result = m as ClientResult; });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (result) resolve(result);
      else reject(new Error(`login client exited (${signal ?? `code ${code}`}) without a result`));
    });
    child.send(job);
  });
}

/**
 * Starts a window on a temp data dir (PGlite on disk there, or PostgreSQL at databaseUrl),
 * issues one RSA-2048 e.firma per client from the window's dev CA, and lets the clients log in.
 */
export async function benchLogin(backend: string, databaseUrl: string | undefined, opts: LoginOptions): Promise<LoginResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-bench-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'test', // dev PKI and window key created in dataDir; logger silent
      VENTANILLA_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOGIN_RATE_LIMIT: '1000000', // all clients share one address: the limit must not be what we measure
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const ctx = await openContext(config);
    const app = await startServer(ctx); // closing the app closes the database
    try {
      const pki = await initDevPki(path.join(dataDir, 'pki'));
      const efirmas = await Promise.all(Array.from({ length: opts.concurrency }, async (_, i) => {
        const p = person(i);
        const e = await issueEfirma(pki, { ...p, password: PASSWORD, keyType: 'rsa' });
        return { cer: e.cer.toString('base64'), key: e.key.toString('base64'), rfc: p.rfc };
      }));
      const { port } = app.server.address() as AddressInfo;
      const result = await runClients({
        baseUrl: `http://127.0.0.1:${port}`, efirmas, password: PASSWORD,
        warmupMs: opts.warmupMs, durationMs: opts.durationMs, maxRoundTrips: opts.maxRoundTrips,
      });
      if (!result.ok) throw new Error(`login benchmark on ${backend} failed: ${result.error}`);
      // The window really issued those sessions (warm-up included).
      const { n } = await ctx.db.one<{ n: number }>("select count(*)::int as n from sessions where kind = 'session'");
      if (n < result.completed + result.warmupRoundTrips) {
        throw new Error(`login benchmark on ${backend}: ${result.completed + result.warmupRoundTrips} logins reported but ${n} sessions stored`);
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
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
