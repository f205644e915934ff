import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The portal's sources (web/) and its build (web/dist), served by src/http/portal.ts. */
export const WEB_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
export const PORTAL_DIST = path.join(WEB_DIR, 'dist');
/** Written last by a build: its time is the build's, and its absence means no complete build. */
const STAMP = '.built';

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether web/dist is missing or older than any file of web/ (sources, index.html, configs). */
export function portalBuildStale(webDir = WEB_DIR): boolean {
  const stamp = path.join(webDir, 'dist', STAMP);
  if (!fs.existsSync(stamp)) return true;
  return fs.statSync(stamp).mtimeMs < newestSourceTime(webDir);
}

/**
 * Builds the portal with Vite when its build is missing or stale (what `ventanilla serve` and the portal tests
 * do first). The build goes to a temp folder that replaces web/dist whole, so a server never reads half a build.
 * Returns whether it built.
 */
export async function ensurePortalBuilt(webDir = WEB_DIR): Promise<boolean> {
  if (!portalBuildStale(webDir)) return false;
  // Vite is needed only to build: imported here so a server with a fresh build never loads it.
  const { build } = await import('vite');
  const temp = path.join(webDir, `.dist-${process.pid}-${Date.now()}`);
  const old = `${temp}-old`;
  try {
    // Vite builds React's development version (three times the size, slower) when NODE_ENV says 'development',
    // which is the window's own default: the portal is always built for production.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        root: webDir,
        configFile: path.join(webDir, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: temp, emptyOutDir: true },
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    fs.writeFileSync(path.join(temp, STAMP), new Date().toISOString());
    const dist = path.join(webDir, 'dist');
    // Another process (a parallel test file) may have just built the same sources: its build is as good.
    if (!portalBuildStale(webDir)) return true;
    // Swap by renames, never by deleting web/dist in place: a recursive delete racing another process's rename
    // into web/dist fails (ENOTEMPTY). If another build lands first, ours is dropped.
    try {
      fs.renameSync(dist, old);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      fs.renameSync(temp, dist);
    } catch (err) {
      if (portalBuildStale(webDir)) throw err;
    }
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
  return true;
}
