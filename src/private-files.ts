import fs from 'node:fs';
import { AppError } from './errors.ts';

/**
 * Files on disk are private: the data folder (database, blobs, dev PKI, demo e.firma files) is 0700 and key
 * files 0600. The process runs with umask 077 (bin/ventanilla.js); these checks catch what was created before
 * or by hand.
 */
type Warn = (message: string) => void;

const octal = (mode: number) => (mode & 0o777).toString(8);

/** Creates the folder 0700, or tightens an existing one that lets the group or others in. */
export function ensurePrivateDir(dir: string, warn: Warn): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { mode } = fs.statSync(dir);
  if (!(mode & 0o077)) return;
  try {
    fs.chmodSync(dir, 0o700);
  } catch (err) {
    throw new AppError(
      'files.too_open',
      `The data directory ${dir} is open to other users (mode ${octal(mode)}) and cannot be ` +
        `tightened (${(err as Error).message}): run chmod 700 ${dir} as its owner.`,
      500,
    );
  }
  warn(`the data directory ${dir} was open to other users (mode ${octal(mode)}); it is now 700`);
}

/**
 * A private key readable by anyone but its owner: refused in production (an operator must look at why), fixed
 * with a warning in development. As PostgreSQL does for its key, a key owned by root may be group-readable
 * (a secret mounted for a service group), never other-readable.
 */
export function checkKeyFile(file: string, opts: { production: boolean; warn: Warn }): void {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st) return;
  const tooOpen = st.mode & (st.uid === 0 && process.getuid?.() !== 0 ? 0o037 : 0o077);
  if (!tooOpen) return;
  if (opts.production) {
    throw new AppError(
      'files.key_too_open',
      `The key file ${file} is readable by others (mode ${octal(st.mode)}): a private key ` +
        `must be readable by the window's user alone. Run chmod 600 ${file} (and check who may have copied it).`,
      500,
    );
  }
  fs.chmodSync(file, 0o600);
  opts.warn(`the key file ${file} was readable by others (mode ${octal(st.mode)}); it is now 600`);
}

/**
 * PGlite sets its files' modes itself (0666, whatever the umask): its folder is tightened when it opens and
 * closes. In between, new files sit in 0700 folders, where no other user reaches them.
 */
export function tightenTree(dir: string): void {
  const walk = (p: string) => {
    const st = fs.lstatSync(p, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) return;
    if (st.mode & 0o077) fs.chmodSync(p, st.isDirectory() ? 0o700 : 0o600);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(`${p}/${name}`);
  };
  walk(dir);
}
