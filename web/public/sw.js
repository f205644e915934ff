// The verification page's service worker (registered by /verificar only, served at /sw.js with no-cache).
// It keeps what a border officer needs to check a permit's QR code without a connection: the page's shell (the
// /verificar document and the hashed assets it loaded) and the window's published keys, with the time they were
// fetched. It never touches the API: a verification answer is never served from a cache.
const CACHE = 'ventanilla-verify-v1';
const SHELL = '/verificar';
const KEYS = '/.well-known/ventanilla-keys.json';
/** Added to the cached copy of the keys: when they were fetched from the window. */
const FETCHED_AT = 'x-ventanilla-fetched-at';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.add(SHELL);
      await refreshKeys(cache);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

/** Fetches the keys and keeps a copy stamped with the fetch time; answers that copy. */
async function refreshKeys(cache) {
  const response = await fetch(KEYS, { cache: 'no-store' });
  if (!response.ok) throw new Error(`keys: ${response.status}`);
  const headers = new Headers(response.headers);
  headers.set(FETCHED_AT, new Date().toISOString());
  const stamped = new Response(await response.arrayBuffer(), { status: 200, headers });
  await cache.put(KEYS, stamped.clone());
  return stamped;
}

/** The page tells the worker which assets it runs on (loaded before the worker controlled it); answers when kept. */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'keep-shell' || !Array.isArray(data.urls)) return;
  const port = event.ports[0];
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const assets = data.urls
        .map((u) => new URL(u, self.location.origin))
        .filter((u) => u.origin === self.location.origin && u.pathname.startsWith('/assets/'))
        .map((u) => u.pathname);
      try {
        await cache.addAll([SHELL, ...new Set(assets)]);
        const keys = await refreshKeys(cache);
        port?.postMessage({ ok: true, fetchedAt: keys.headers.get(FETCHED_AT) });
      } catch (err) {
        const kept = await cache.match(KEYS);
        port?.postMessage({ ok: false, fetchedAt: kept?.headers.get(FETCHED_AT) ?? null, error: String(err) });
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.replace(/\/+$/, '') === SHELL) {
    event.respondWith(networkFirst(request, SHELL));
  } else if (url.pathname === KEYS) {
    event.respondWith(keys());
  } else if (url.pathname.startsWith('/assets/')) {
    // Hashed file names: a name is one content forever, so a kept copy is always right.
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw err;
  }
}

async function keys() {
  const cache = await caches.open(CACHE);
  try {
    return await refreshKeys(cache);
  } catch (err) {
    const kept = await cache.match(KEYS);
    if (kept) return kept;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request.url);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request.url, response.clone());
  return response;
}
