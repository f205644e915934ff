/**
 * What every test window starts from, built once instead of per window:
 * - a prepared PGlite data folder: initdb, the migrations, the reference data, the procedure versions and pg-boss's
 *   tables (what every start would otherwise write again), kept in a temp file named by a hash of all that shapes
 *   it, so the parallel test processes build it once between them and any change builds a new one;
 * - a dev CA (two RSA keys) per test process, copied into each window's data folder, so a revocation
 *   in one window is not seen by another;
 * - a data folder with the demo seeded (`ventanilla serve`'s first start: about 35 CPU s), built once a day per
 *   source version, for the tests that use the demo rather than test its seeding.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, prepareDatabase } from '../../src/app.ts';
import { mexicoDate } from '../../src/calendar/calendar.ts';
import { type Catalogue, loadCatalogue } from '../../src/catalog/catalogue.ts';
import { seedDemo } from '../../src/cli/demo.ts';
import { loadConfig } from '../../src/config.ts';
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
  // And this file, which builds it.
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
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
    // No test creates a database: without the two template databases the dump is 28 MB instead of 43, which every
    // window loads.
    await db.script(`update pg_database set datistemplate = false where datname in ('template0', 'template1')`);
    // One statement each: several in one script would be one transaction, which DROP DATABASE refuses.
    for (const name of ['template0', 'template1']) await db.script(`drop database ${name}`);
    const dump = await db.dumpDataDir!();
    // Written whole, then renamed: a process reading the file never sees half of it.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, file);
    removeOldBuilds(file);
    return dump;
  } finally {
    await db.close();
  }
}

/**
 * Older builds of the same kind as `current` (28 to 50 MB each: templates, demo folders, and the remains of builds
 * that died) left an hour untouched: a run still using one has read it long ago.
 */
function removeOldBuilds(current: string): void {
  const dir = path.dirname(current);
  const kind = /^ventanilla-test-(pglite|demo)-/.exec(path.basename(current))![0];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.startsWith(kind) || file === current) continue;
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > 3_600_000) fs.rmSync(file, { recursive: true, force: true });
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

/** Every source file (in a stable order), the locked dependencies and this file: what the demo's seed depends on. */
function sourceKey(): string {
  const hash = crypto.createHash('sha256');
  const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).sort();
  for (const file of files) {
    const full = path.join(SRC, file);
    if (fs.statSync(full).isFile()) hash.update(`${file}\n`).update(fs.readFileSync(full));
  }
  hash.update(fs.readFileSync(path.join(SRC, '..', 'package-lock.json')));
  hash.update(fs.readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

let demo: Promise<string> | undefined;

/**
 * The folder of a data dir with the demo seeded: `pg.tar` (its database, as a PGlite dump) and the rest as
 * `ventanilla serve` leaves it (the dev CA, the window key, `demo-efirma`). Named by the day (the demo's history
 * is dated back from it) and a hash of the sources, so it cannot go stale. The first process to need it builds
 * it while the others wait, so a run seeds the demo once.
 */
function demoFolder(): Promise<string> {
  demo ??= (async () => {
    // The day the demo's history counts back from: Mexico's, as the seed's.
    const day = mexicoDate(new Date());
    const folder = path.join(os.tmpdir(), `ventanilla-test-demo-${day}-${sourceKey()}`);
    const lock = `${folder}.lock`;
    for (;;) {
      if (fs.existsSync(folder)) return folder;
      if (takeLock(lock)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    try {
      if (!fs.existsSync(folder)) await buildDemo(folder);
      return folder;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  })();
  return demo;
}

/** Creates the lock file, or takes it over from a process that died holding it. */
function takeLock(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  try {
    process.kill(Number(fs.readFileSync(lock, 'utf8')), 0);
    return false;
  } catch {
    // Its holder is gone (or it was just released): remove it and try again on the next turn.
    fs.rmSync(lock, { force: true });
    return false;
  }
}

/** `ventanilla serve`'s first start on the prepared template: the server's own openContext and seedDemo. */
async function buildDemo(folder: string): Promise<void> {
  const partial = `${folder}.${process.pid}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  const config = loadConfig({ NODE_ENV: 'development', VENTANILLA_DATA_DIR: partial });
  const ctx = await openContext(config, {
    pglite: { inMemory: true, loadDataDir: await preparedPglite(), prepared: true },
  });
  try {
    await seedDemo(ctx);
    const dump = await ctx.db.dumpDataDir!();
    fs.writeFileSync(path.join(partial, 'pg.tar'), Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
  } finally {
    await ctx.db.close();
  }
  try {
    fs.renameSync(partial, folder);
  } catch (err) {
    // Another process built it meanwhile (it took over a lock it thought dead): keep its folder.
    if (!fs.existsSync(folder)) throw err;
    fs.rmSync(partial, { recursive: true, force: true });
  }
  removeOldBuilds(folder);
}

/** The seeded demo's database as a PGlite dump, for a window's `loadDataDir`. */
export async function demoPglite(): Promise<Blob> {
  return new Blob([fs.readFileSync(path.join(await demoFolder(), 'pg.tar'))]);
}

/** Copies the seeded demo's files (the dev CA, the window key, `demo-efirma`) into a data folder. */
export async function copyDemoFiles(dataDir: string): Promise<void> {
  const folder = await demoFolder();
  fs.cpSync(folder, dataDir, { recursive: true, filter: (from) => from !== path.join(folder, 'pg.tar') });
}

/**
 * Copies the whole seeded demo into a data folder, its database as the embedded one (`<dataDir>/pg`), so
 * `ventanilla serve` on it starts as it would the second time. PGlite only: on PostgreSQL the demo is in the
 * database.
 */
export async function copyDemo(dataDir: string): Promise<void> {
  await copyDemoFiles(dataDir);
  untar(new Uint8Array(fs.readFileSync(path.join(await demoFolder(), 'pg.tar'))), path.join(dataDir, 'pg'));
}
