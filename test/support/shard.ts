/**
 * Runs many test files in one process, so the suite pays for Node, tsx and the window's imports once per process
 * instead of once per file (about 5 CPU seconds each). `npm test` starts a few shards (test/shards/*.ts) under
 * `node --test`; each takes the next unclaimed file from a queue folder they share (first come, first served, so
 * the processes finish together) and runs it as one suite. A file's top-level hooks and tests belong to its suite:
 * its `before` opens its window, its `after` closes it before the next file starts. Each file still runs alone with
 * `node --import tsx --test test/x.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe } from 'node:test';
import { pathToFileURL } from 'node:url';

const TESTS = path.join(import.meta.dirname, '..');

/** The queue folder this run's shards share (made by scripts/test.sh), and the files of the run. */
function queue(): { dir: string; files: string[] } {
  const dir = process.env.VENTANILLA_TEST_QUEUE;
  if (!dir || !fs.existsSync(dir)) throw new Error('VENTANILLA_TEST_QUEUE: run the shards through scripts/test.sh');
  const listed = fs.readFileSync(path.join(dir, 'files'), 'utf8').split('\n').filter(Boolean);
  return { dir, files: listed };
}

/** Claims a file for this process: creating its claim file succeeds in one process only. */
function claim(dir: string, file: string): boolean {
  try {
    fs.writeFileSync(path.join(dir, `${path.basename(file)}.claim`), String(process.pid), { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

export async function runShard(): Promise<void> {
  const { dir, files } = queue();
  for (const file of files) {
    if (!claim(dir, file)) continue;
    // Awaited: one file at a time, so one window (and its database) is open at a time in this process.
    await describe(path.relative(TESTS, file), async () => {
      await import(pathToFileURL(file).href);
    });
  }
}
