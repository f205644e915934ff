/**
 * What every test window starts from, built once instead of per window:
 * - a prepared PGlite data folder: initdb, the migrations, the reference data, the procedure versions and pg-boss's
 *   tables (what every start would otherwise write again), kept in a temp file named by a hash of all that shapes
 *   it, so the parallel test processes build it once between them and any change builds a new one;
 * - a dev CA (two RSA keys) per test process, copied into each window's data folder, so a revocation
 *   in one window is not seen by another.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDatabase } from '../../src/app.ts';
import { type Catalogue, loadCatalogue } from '../../src/catalog/catalogue.ts';
import { openDb } from '../../src/db/db.ts';
import { createJobQueue } from '../../src/jobs/queue.ts';
import { canonicalJson } from '../../src/pki/canonical.ts';
import { initDevPki } from '../../src/pki/index.ts';
import { AGENCIES } from '../../src/registry/agencies-data.ts';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const MIGRATIONS = path.join(SRC, 'db', 'migrations');
/** The code that writes the template besides the migrations: a change to any of it builds a new one. */
const WRITERS = [
  'app.ts',
  'registry/agencies.ts',
  'catalog/sync.ts',
  'jobs/queue.ts',
  'db/db.ts',
  'db/migrate.ts',
  // The seed is audited: the chained event's hash and the procedure versions' sha256 are computed by these.
  'audit/log.ts',
  'pki/canonical.ts',
];

/** A package's package.json (not exported by the packages: found above their entry point). */
function packageJson(name: string): Buffer {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return fs.readFileSync(path.join(dir, 'package.json'));
}

/** Everything the template holds, as its writers, the data they write, and the versions of PGlite and pg-boss. */
function templateKey(catalogue: Catalogue): string {
  const hash = crypto.createHash('sha256');
  for (const name of ['@electric-sql/pglite', 'pg-boss']) hash.update(packageJson(name));
  for (const file of fs.readdirSync(MIGRATIONS).sort())
    hash.update(`${file}\n`).update(fs.readFileSync(path.join(MIGRATIONS, file)));
  for (const file of WRITERS) hash.update(`${file}\n`).update(fs.readFileSync(path.join(SRC, file)));
  hash.update(canonicalJson(AGENCIES)).update(canonicalJson(catalogue.definitions()));
  return hash.digest('hex').slice(0, 16);
}

async function buildPgliteTemplate(file: string, catalogue: Catalogue): Promise<Blob> {
  const db = await openDb({});
  try {
    await prepareDatabase(db, catalogue);
    // pg-boss installs its tables at its first start: done here once instead of in every window.
    const jobs = createJobQueue(db);
    await jobs.start();
    await jobs.stop();
    const dump = await db.dumpDataDir!();
    // Written whole, then renamed: a process reading the file never sees half of it.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    removeOldTemplates(file);
    return dump;
  } finally {
    await db.close();
  }
}

/** Templates of other builds (43 MB each) left an hour untouched: a run still using one has read it long ago. */
function removeOldTemplates(current: string): void {
  const dir = path.dirname(current);
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!/^ventanilla-test-pglite-[0-9a-f]{16}\.tar$/.test(name) || file === current) continue;
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

let pglite: Promise<Blob> | undefined;

/**
 * The prepared PGlite data folder as a tarball, for
 * `openContext(config, { pglite: { inMemory: true, loadDataDir, prepared: true } })`.
 */
export function preparedPglite(): Promise<Blob> {
  pglite ??= (async () => {
    const catalogue = await loadCatalogue();
    const file = path.join(os.tmpdir(), `ventanilla-test-pglite-${templateKey(catalogue)}.tar`);
    return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : buildPgliteTemplate(file, catalogue);
  })();
  return pglite;
}

/**
 * Writes the prepared database into a data folder as the embedded database (`<dataDir>/pg`), so a `ventanilla`
 * process started on it skips initdb, which is most of a first start. Tests of a first start leave it out.
 */
export async function seedDataDir(dataDir: string): Promise<void> {
  untar(new Uint8Array(await (await preparedPglite()).arrayBuffer()), path.join(dataDir, 'pg'));
}

/** Writes a plain ustar tarball (what PGlite dumps: folders and files) out under dir, private to this user. */
function untar(tar: Uint8Array, dir: string): void {
  const text = (at: number, length: number) =>
    Buffer.from(tar.subarray(at, at + length))
      .toString('latin1')
      .replace(/\0.*$/s, '');
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = text(at, 100);
    if (!name) break; // the two empty blocks that end the archive
    const prefix = text(at + 257, 6) === 'ustar' ? text(at + 345, 155) : '';
    const size = Number.parseInt(text(at + 124, 12).trim() || '0', 8);
    const type = text(at + 156, 1) || '0';
    // Rooted before joining: an entry cannot climb out of dir.
    const target = path.join(dir, path.posix.normalize(`/${prefix ? `${prefix}/` : ''}${name}`));
    if (type === '5') fs.mkdirSync(target, { recursive: true, mode: 0o700 });
    else if (type === '0') {
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
      fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size), { mode: 0o600 });
    } else throw new Error(`PGlite dump: unexpected tar entry type "${type}" (${name})`);
    at += 512 + Math.ceil(size / 512) * 512;
  }
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
