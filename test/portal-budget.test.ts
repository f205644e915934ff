import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { ensurePortalBuilt, PORTAL_DIST } from '../src/http/portal-build.ts';

/**
 * The budget: the initial JavaScript of the sign-in and public pages is at most 200 kB gzipped (a size
 * read from the build, not a timing). Initial = the entry chunk, the page's own chunk, everything they import
 * statically, and the Spanish strings: what the browser must fetch before the page shows.
 */
const BUDGET = 200 * 1024;
const PAGES = ['Home', 'Catalogue', 'Procedure', 'Verify', 'SignIn', 'WhatDoINeed', 'Statistics'];

interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

function initialBytes(manifest: Record<string, Chunk>, roots: string[]): { files: string[]; gzip: number } {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    assert.ok(chunk, `${key} is in the Vite manifest`);
    seen.add(key);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const root of roots) visit(root);
  const files = [...seen].map((k) => manifest[k]!.file).filter((f) => f.endsWith('.js'));
  const gzip = files.reduce(
    (sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(PORTAL_DIST, f)), { level: 9 }).length,
    0,
  );
  return { files, gzip };
}

test('the initial JavaScript of the sign-in and public pages is within 200 kB gzipped', async (t) => {
  // As `ventanilla serve` builds it with the window's default NODE_ENV: still React's production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    await ensurePortalBuilt();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const manifest: Record<string, Chunk> = JSON.parse(
    fs.readFileSync(path.join(PORTAL_DIST, '.vite', 'manifest.json'), 'utf8'),
  );
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const entryCode = fs.readFileSync(path.join(PORTAL_DIST, manifest[entry]!.file), 'utf8');
  assert.ok(!entryCode.includes('Check the render method'), "React's development build was served");
  const report: string[] = [];
  for (const page of PAGES) {
    const { files, gzip } = initialBytes(manifest, [entry, `src/pages/${page}.tsx`, 'src/i18n/es.ts']);
    report.push(`${page}: ${(gzip / 1024).toFixed(1)} KiB gzipped in ${files.length} files`);
    assert.ok(gzip <= BUDGET, `${page}: ${gzip} bytes gzipped, over the ${BUDGET}-byte budget`);
  }
  // The signed-in pages are not public: they load after sign-in and are reported only.
  const dashboard = initialBytes(manifest, [entry, 'src/pages/Dashboard.tsx', 'src/i18n/es.ts']);
  report.push(`Dashboard: ${(dashboard.gzip / 1024).toFixed(1)} KiB gzipped`);
  t.diagnostic(report.join('; '));
});
