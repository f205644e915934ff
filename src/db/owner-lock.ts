import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';

/**
 * One owner per embedded database directory. PGlite keeps the database in memory and writes it back to the
 * folder, so a second process opening the same folder works on a copy that one of them later overwrites (an
 * officer added with the CLI beside a running server vanished that way). The lock is a file beside the folder,
 * created atomically (link of a complete temp file, which fails if the lock exists), naming its holder.
 * A lock whose holder is dead (crash, kill -9, reboot) is taken over; taking over happens under a short
 * second lock so two starters cannot both remove it and both proceed.
 */
export interface OwnerLock {
  readonly file: string;
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  /**
   * Linux: the kernel's boot id and the process's start time in clock ticks,
   * so a reused PID is not mistaken for the holder.
   */
  bootId?: string;
  startTicks?: string;
  startedAt: string;
  command: string;
  token: string;
}

const readText = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
};

const bootId = () => readText('/proc/sys/kernel/random/boot_id');

/**
 * Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces and parentheses, so count from the last ')'.
 */
function startTicks(pid: number): string | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function holderAlive(holder: Holder): boolean {
  // Another machine sharing the folder: its processes cannot be checked from here.
  if (holder.host !== os.hostname()) return true;
  const boot = bootId();
  if (holder.bootId && boot && holder.bootId !== boot) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const ticks = startTicks(holder.pid);
  return !(holder.startTicks && ticks && holder.startTicks !== ticks);
}

function readHolder(file: string): Holder | null | 'unreadable' {
  const text = readText(file);
  if (text === undefined) return null;
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && typeof holder.token === 'string' ? holder : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function inUse(dir: string, file: string, holder: Holder): AppError {
  const who =
    `pid ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ''}, "${holder.command}", since ` +
    `${holder.startedAt}`;
  return new AppError(
    'db.in_use',
    `The embedded database ${dir} is in use by another Ventanilla process (${who}). Only one process may open it: ` +
      "use that server's API instead (an officer is added with POST /api/v1/agencies/{agency}/officers, " +
      'signed by an administrator), ' +
      `or stop that server and run this again. To run several processes at once, use PostgreSQL (DATABASE_URL). ` +
      `If that process is certainly gone, delete ${file}.`,
    409,
  );
}

/** Removes a dead holder's lock, under a short-lived takeover lock so that only one starter does it. */
function removeStale(file: string, stale: Holder): void {
  const takeover = `${file}.takeover`;
  try {
    fs.mkdirSync(takeover);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Held for milliseconds; one older than this belongs to a starter that died while taking over.
    const age = Date.now() - (fs.statSync(takeover, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) fs.rmSync(takeover, { recursive: true, force: true });
    return;
  }
  try {
    const current = readHolder(file);
    if (current && current !== 'unreadable' && current.token === stale.token) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(takeover, { recursive: true, force: true });
  }
}

/** Takes the lock on `dir` (the database folder) or throws db.in_use naming the holder and what to do. */
export function lockDatabaseDir(dir: string): OwnerLock {
  const file = `${dir}.lock`;
  const me: Holder = {
    pid: process.pid,
    host: os.hostname(),
    bootId: bootId(),
    startTicks: startTicks(process.pid),
    startedAt: new Date().toISOString(),
    command: ['ventanilla', ...process.argv.slice(2)].join(' '),
    token: crypto.randomUUID(),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${me.token}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        fs.linkSync(temp, file);
        return ownerLock(file, me.token);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readHolder(file);
      if (holder === null) continue; // released meanwhile
      if (holder === 'unreadable') {
        throw new AppError(
          'db.in_use',
          `The embedded database ${dir} is locked by ${file}, which does not name its holder. ` +
            'If no Ventanilla process uses this folder, delete that file and start again.',
          409,
        );
      }
      if (holderAlive(holder)) throw inUse(dir, file, holder);
      removeStale(file, holder);
    }
    throw new AppError(
      'db.in_use',
      `Could not take the lock ${file}: other processes keep starting on ${dir}. Start one at a time.`,
      409,
    );
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function ownerLock(file: string, token: string): OwnerLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    const holder = readHolder(file);
    if (holder && holder !== 'unreadable' && holder.token === token) fs.rmSync(file, { force: true });
  };
  // Also on process.exit() and uncaught errors; a kill -9 leaves the lock, and the next start takes it over.
  process.on('exit', release);
  return { file, release };
}
