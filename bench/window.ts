/**
 * A real window for the HTTP benchmarks: openContext + startServer from src/app.ts, as
 * `ventanilla serve` runs it (job queue included, with its default settings), listening on
 * 127.0.0.1 on a free port, on a temp data dir (PGlite on disk there, or PostgreSQL at
 * databaseUrl). Clients run in forked processes (see forkClient below) so that their signing and HTTP
 * client work stay off the server's event loop.
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { openContext, startServer } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Context } from '../src/context.ts';
import { initDevPki, type DevPki } from '../src/pki/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BenchWindow {
  ctx: Context;
  app: FastifyInstance;
  /** The window's dev CA: e.firmas issued from it are trusted by the server. */
  pki: DevPki;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startBenchWindow(databaseUrl: string | undefined): Promise<BenchWindow> {
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
    const app = await startServer(ctx); // closing the app stops the job queue and closes the database
    try {
      const pki = await initDevPki(path.join(dataDir, 'pki'));
      const { port } = app.server.address() as AddressInfo;
      return {
        ctx,
        app,
        pki,
        baseUrl: `http://127.0.0.1:${port}`,
        async close() {
          try {
            await app.close();
          } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
          }
        },
      };
    } catch (err) {
      await app.close();
      throw err;
    }
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** A fresh database on the server named by adminUrl, dropped (with its connections) afterwards. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ventanilla_bench_${crypto.randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** A forked client process that runs jobs one after another: send a job, get its result. */
export interface ClientProcess<Job, Result> {
  run(job: Job): Promise<Result>;
  /** Lets the child exit (it does once disconnected) and waits for it. */
  close(): Promise<void>;
}

/** A job that gets no answer in this long fails the benchmark rather than hanging it. */
const CHILD_JOB_TIMEOUT_MS = 120_000;

/**
 * Forks `file` (run with tsx, like this process) and talks to it over IPC: each message sent is a
 * job, each message back is its result. The child exits once it is disconnected.
 */
export function forkClient<Job, Result>(file: string): ClientProcess<Job, Result> {
  const child = fork(file, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`));
    child.once('error', (err) => resolve(`error ${err.message}`));
  });
  return {
    run(job) {
      return new Promise<Result>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const onMessage = (m: unknown) => {
          clearTimeout(timer);
          resolve(m as Result);
        };
        child.once('message', onMessage);
        timer = setTimeout(() => {
          child.off('message', onMessage);
          reject(new Error(`client ${path.basename(file)} gave no result in ${CHILD_JOB_TIMEOUT_MS / 1000} s`));
        }, CHILD_JOB_TIMEOUT_MS);
        void exited.then((how) => {
          clearTimeout(timer);
          child.off('message', onMessage);
          reject(new Error(`client ${path.basename(file)} exited (${how}) without a result`));
        });
        child.send(job as object);
      });
    },
    async close() {
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
