/**
 * What every test window starts from, built once instead of per window:
 * - a migrated PGlite data folder (initdb and the migrations are most of a window's start), kept in a
 *   temp file named by a hash of the migrations and the PGlite version, so the parallel test
 *   processes build it once between them and a changed migration builds a new one;
 * - a dev CA (two RSA keys) per test process, copied into each window's data folder, so a revocation
 *   in one window is not seen by another.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { initDevPki } from '../../src/pki/index.ts';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'db', 'migrations');

function templateKey(): string {
  const hash = crypto.createHash('sha256');
  // The package does not export its package.json: found beside its entry point.
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(fs.readFileSync(path.join(path.dirname(entry), '..', 'package.json')));
  for (const file of fs.readdirSync(MIGRATIONS).sort())
    hash.update(`${file}\n`).update(fs.readFileSync(path.join(MIGRATIONS, file)));
  return hash.digest('hex').slice(0, 16);
}

async function buildPgliteTemplate(file: string): Promise<Blob> {
  const db = await openDb({});
  try {
    await migrate(db);
    const dump = await db.dumpDataDir!();
    // Written whole, then renamed: a process reading the file never sees half of it.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    return dump;
  } finally {
    await db.close();
  }
}

let pglite: Promise<Blob> | undefined;

/**
 * The migrated PGlite data folder as a tarball, for `openContext(config, { pglite: { inMemory: true, loadDataDir } })`.
 */
export function migratedPglite(): Promise<Blob> {
  pglite ??= (async () => {
    const file = path.join(os.tmpdir(), `ventanilla-test-pglite-${templateKey()}.tar`);
    return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : buildPgliteTemplate(file);
  })();
  return pglite;
}

let devCa: Promise<string> | undefined;

/**
 * Copies this process's dev CA into `dir` (the window's `pki` folder); openContext then loads it instead of creating
 * one.
 */
export async function copyDevCa(dir: string): Promise<void> {
  devCa ??= (async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-test-ca-'));
    process.once('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    await initDevPki(path.join(root, 'pki'));
    return path.join(root, 'pki');
  })();
  fs.cpSync(await devCa, dir, { recursive: true });
}
