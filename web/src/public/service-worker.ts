/**
 * Registers the verification page's service worker (web/public/sw.js, served at /sw.js) and asks it to keep the
 * page's shell and the window's keys, so the page opens and checks a token with no connection. Answers when the
 * keys it kept were fetched, or null when nothing could be kept (no service worker in this browser, or refused).
 */
export async function keepForOffline(): Promise<{ fetchedAt: string | null } | null> {
  if (!('serviceWorker' in navigator)) return null;
  try {
    await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return null;
    // Everything this page loaded before the worker controlled it (the worker keeps later assets itself).
    const urls = [
      ...performance.getEntriesByType('resource').map((e) => e.name),
      ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((e) => e.src),
      ...[...document.querySelectorAll<HTMLLinkElement>('link[href]')].map((e) => e.href),
    ];
    return await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e: MessageEvent<{ ok: boolean; fetchedAt: string | null }>) =>
        resolve({ fetchedAt: e.data.fetchedAt });
      worker.postMessage({ type: 'keep-shell', urls }, [channel.port2]);
    });
  } catch {
    return null;
  }
}

/** The window's published keys, from the window or, offline, the copy the service worker kept (and when). */
export async function publishedKeys(): Promise<{ keys: { keys?: unknown }; fetchedAt: Date } | null> {
  try {
    const response = await fetch('/.well-known/ventanilla-keys.json');
    if (!response.ok) return null;
    const stamp = response.headers.get('x-ventanilla-fetched-at');
    return { keys: await response.json(), fetchedAt: stamp ? new Date(stamp) : new Date() };
  } catch {
    return null;
  }
}
