import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PORTAL_PAGES } from '../src/http/portal.ts';
import { ensurePortalBuilt, PORTAL_DIST, portalBuildStale, WEB_DIR } from '../src/http/portal-build.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

/** The built portal served by the window itself: caching, compression, client routes, and the API's 404s kept. */
let w: TestWindow;
let asset: string;
before(async () => {
  await ensurePortalBuilt();
  w = await startTestWindow();
  asset = fs.readdirSync(path.join(PORTAL_DIST, 'assets')).find((f) => f.startsWith('index-') && f.endsWith('.js'))!;
});
after(() => w?.close());

test('the portal page is served at / and at every client route, revalidated, with no inline script', async () => {
  for (const url of ['/', '/verificar', '/tramites', '/tramites/COFEPRIS-MEDICINES-IMPORT', '/entrar', '/panel/']) {
    const res = await w.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), /^text\/html/, url);
    assert.equal(res.headers['cache-control'], 'no-cache', url);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.match(res.body, /<div id="root"><\/div>/);
    // Every script is a file of ours: the CSP allows no inline script.
    for (const tag of res.body.match(/<script[^>]*>/g) ?? []) assert.match(tag, / src="\/assets\/[\w.-]+\.js"/);
  }
});

test('hashed assets are cached for a year and compressed', async () => {
  const res = await w.app.inject({ method: 'GET', url: `/assets/${asset}`, headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.match(String(res.headers['content-type']), /javascript/);
});

test('unknown assets, files and API paths keep their 404 problem+json; the API documents still answer', async () => {
  for (const url of [
    '/assets/nothing-here.js',
    '/favicon.ico',
    '/api/v1/nothing-here',
    '/api',
    '/docs/x.js',
    '/nowhere',
  ]) {
    const res = await w.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 404, url);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
    assert.equal(res.json().code, 'route.not_found', url);
  }
  const openapi = await w.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(openapi.statusCode, 200);
  assert.equal(openapi.json().openapi, '3.1.0');
  const post = await w.app.inject({ method: 'POST', url: '/verificar' });
  assert.equal(post.statusCode, 404);
});

test("the server's page list matches the portal's router", () => {
  const router = fs.readFileSync(path.join(WEB_DIR, 'src', 'router.tsx'), 'utf8');
  const block = router.slice(router.indexOf('export const PATHS'), router.indexOf('} as const'));
  const paths = [...block.matchAll(/'(\/[^']*)'|`(\/[^`$]*)\$\{/g)].map((m) => m[1] ?? `${m[2]}X-1`);
  assert.ok(paths.length >= 6, `found ${paths}`);
  for (const p of paths) assert.match(p, PORTAL_PAGES, `${p} is served index.html`);
  for (const p of ['/nowhere', '/tramites/a/b', '/panel.js']) assert.doesNotMatch(p, PORTAL_PAGES);
});

test('a build is stale when missing or older than any source file of web/', () => {
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-web-'));
  try {
    fs.mkdirSync(path.join(web, 'src'));
    fs.writeFileSync(path.join(web, 'src', 'main.tsx'), '');
    assert.equal(portalBuildStale(web), true, 'no build');
    fs.mkdirSync(path.join(web, 'dist'));
    fs.writeFileSync(path.join(web, 'dist', '.built'), '');
    const now = Date.now() / 1000;
    fs.utimesSync(path.join(web, 'src', 'main.tsx'), now - 60, now - 60);
    fs.utimesSync(path.join(web, 'dist', '.built'), now, now);
    assert.equal(portalBuildStale(web), false, 'built after the last change');
    fs.utimesSync(path.join(web, 'src', 'main.tsx'), now + 60, now + 60);
    assert.equal(portalBuildStale(web), true, 'a source changed after the build');
  } finally {
    fs.rmSync(web, { recursive: true, force: true });
  }
  assert.equal(portalBuildStale(), false, 'the real portal was just built');
});
