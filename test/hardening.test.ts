/**
 * Issue 7, rules 10 to 13: proxies trusted only when configured, private files, one owner per embedded
 * database, and the HTTP hardening (headers, no-store, /docs, JSON depth). Where a rule is about processes or
 * files, it is tested with real `ventanilla` processes on a temp data directory.
 */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openContext } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { openDb } from '../src/db/db.ts';
import { FsBlobStore } from '../src/documents/blob-store.ts';
import { buildServer } from '../src/server.ts';
import { signPayload } from '../src/pki/index.ts';
import { runCli, startServerProcess } from './support/processes.ts';
import { seedDataDir } from './support/templates.ts';
import { randomCurp, randomRfc, startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  w = await startTestWindow();
});
after(() => w.close());

/** A second server on the same database and keys, with some settings changed (e.g. production mode). */
async function serverWith(target: TestWindow, config: Partial<Config>): Promise<FastifyInstance> {
  const app = await buildServer({ ...target.ctx, config: { ...target.ctx.config, ...config } });
  await app.ready();
  return app;
}

const challengeFrom = (app: FastifyInstance, forwardedFor: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/challenge', headers: { 'x-forwarded-for': forwardedFor } });

const bucketHits = async (target: TestWindow, bucket: string) =>
  (await target.ctx.db.query<{ hits: number }>('select hits from rate_limits where bucket = $1', [bucket])).reduce(
    (sum, r) => sum + r.hits,
    0,
  );

describe('rule 10: proxies are trusted only when configured', () => {
  test(
    'in production without TRUST_PROXY, X-Forwarded-For is ignored: ' + 'the login limit counts the real address',
    async () => {
      const prod = await serverWith(w, { env: 'production', docs: false });
      try {
        await w.ctx.db.query("delete from rate_limits where bucket like 'login:%'");
        for (let i = 1; i <= 3; i++) assert.equal((await challengeFrom(prod, `198.51.100.${i}`)).statusCode, 201);
        assert.equal(await bucketHits(w, 'login:198.51.100.1'), 0);
        assert.equal(await bucketHits(w, 'login:127.0.0.1'), 3);
      } finally {
        await prod.close();
      }
    },
  );

  test('a fresh X-Forwarded-For per request no longer escapes the login limit in production', async () => {
    const prod = await serverWith(w, { env: 'production', docs: false, loginRateLimit: 1 });
    try {
      // Three attempts with a limit of one: whatever minute boundary falls between them, two share a minute.
      const statuses: number[] = [];
      for (let i = 1; i <= 3; i++) statuses.push((await challengeFrom(prod, `203.0.113.${i}`)).statusCode);
      assert.ok(statuses.includes(429), `statuses: ${statuses.join(', ')}`);
    } finally {
      await prod.close();
      await w.ctx.db.query("delete from rate_limits where bucket like 'login:%'");
    }
  });

  test('with TRUST_PROXY naming the proxy, the forwarded client address is limited and audited', async () => {
    const proxied = await startTestWindow({ TRUST_PROXY: '127.0.0.1' });
    try {
      const client = '192.0.2.44';
      const person = await proxied.person();
      const headers = { 'x-forwarded-for': client };
      const challenge = await proxied.call('POST', '/api/v1/auth/challenge', { headers });
      const login = await proxied.call('POST', '/api/v1/auth/login', {
        headers,
        body: { challengeId: challenge.body.challengeId, ...signPayload(challenge.body.payload, person.signer) },
      });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.equal(await bucketHits(proxied, `login:${client}`), 2);
      assert.equal(await bucketHits(proxied, 'login:127.0.0.1'), 0);
      const event = await proxied.ctx.db.one<{ address: string }>(
        "select data->>'clientAddress' as address from audit_events where type = 'auth.login' and actor_rfc = $1",
        [person.rfc],
      );
      assert.equal(event.address, client);
    } finally {
      await proxied.close();
    }
  });

  test(
    'TRUST_PROXY as a hop count trusts that many proxies and no further: ' + 'the client cannot add addresses in front',
    async () => {
      const oneHop = await serverWith(w, { trustProxy: 1 });
      try {
        await w.ctx.db.query("delete from rate_limits where bucket like 'login:%'");
        assert.equal((await challengeFrom(oneHop, '10.9.9.9, 192.0.2.77')).statusCode, 201);
        assert.equal(await bucketHits(w, 'login:192.0.2.77'), 1);
        assert.equal(await bucketHits(w, 'login:10.9.9.9'), 0);
      } finally {
        await oneHop.close();
      }
    },
  );
});

describe('rule 13: security headers, no-store, /docs, JSON depth', () => {
  test(
    'every response carries a CSP with frame-ancestors none, nosniff and a Referrer-Policy; no ' +
      'HSTS over plain HTTP',
    async () => {
      for (const [url, status] of [
        ['/health', 200],
        ['/api/v1/me', 401],
        ['/nowhere', 404],
      ] as const) {
        const res = await w.call('GET', url);
        assert.equal(res.status, status, url);
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /frame-ancestors 'none'/, url);
        assert.match(csp, /default-src 'self'/, url);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
        assert.equal(res.headers['strict-transport-security'], undefined, url);
      }
    },
  );

  test('HSTS when the window is served over HTTPS: PUBLIC_URL https, or a trusted proxy that says https', async () => {
    const https = await serverWith(w, { publicUrl: 'https://ventanilla.example.gob.mx' });
    const proxied = await serverWith(w, { trustProxy: ['127.0.0.1'] });
    try {
      assert.match(
        String((await https.inject({ url: '/health' })).headers['strict-transport-security']),
        /max-age=\d+/,
      );
      const viaProxy = await proxied.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(viaProxy.headers['strict-transport-security']), /max-age=\d+/);
      // An untrusted client saying https changes nothing.
      const spoofed = await w.call('GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(spoofed.headers['strict-transport-security'], undefined);
    } finally {
      await https.close();
      await proxied.close();
    }
  });

  test('authenticated responses are Cache-Control: no-store (errors too); public ones are not forced', async () => {
    const token = await w.login(await w.person());
    const me = await w.call('GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.headers['cache-control'], 'no-store');
    assert.equal((await w.call('GET', '/api/v1/me')).headers['cache-control'], 'no-store');
    assert.equal(
      (await w.call('GET', '/api/v1/operations/00000000-0000-4000-8000-000000000000', { token })).headers[
        'cache-control'
      ],
      'no-store',
    );
    assert.equal((await w.call('GET', '/health')).headers['cache-control'], undefined);
    assert.match(String((await w.call('GET', '/.well-known/ventanilla-keys.json')).headers['cache-control']), /public/);
  });

  test(
    '/docs is off in production unless VENTANILLA_DOCS=true; ' + '/openapi.json (the public contract) stays',
    async () => {
      const docs = await w.app.inject({ url: '/docs/' });
      assert.equal(docs.statusCode, 200);
      assert.match(String(docs.headers['content-security-policy']), /script-src 'self'/);
      assert.equal((await w.app.inject({ url: '/docs/static/swagger-initializer.js' })).statusCode, 200);
      const production = await serverWith(w, { env: 'production', docs: false });
      const enabled = await serverWith(w, { env: 'production', docs: true });
      try {
        const off = await production.inject({ url: '/docs/' });
        assert.equal(off.statusCode, 404);
        assert.equal(off.json().code, 'route.not_found');
        assert.equal((await production.inject({ url: '/docs/static/swagger-ui-bundle.js' })).statusCode, 404);
        const contract = await production.inject({ url: '/openapi.json' });
        assert.equal(contract.statusCode, 200);
        assert.ok(contract.json().paths['/api/v1/me']);
        assert.equal((await enabled.inject({ url: '/docs/' })).statusCode, 200);
      } finally {
        await production.close();
        await enabled.close();
      }
    },
  );

  test('JSON nested beyond 64 levels is a 400 request.too_deep, not a 500; nothing is written', async () => {
    const rep = await w.person();
    const trader = await w.registerTrader(rep);
    const goods = [
      {
        hsCode: '847130',
        description: 'Laptops',
        quantity: 10,
        unit: 'PCE',
        value: 1000,
        currency: 'USD',
        originCountry: 'CN',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ];
    const draft = (nested: string) =>
      JSON.stringify({
        traderRfc: trader.rfc,
        flow: 'import',
        data: { goods, procedureData: { 'SE-X': { a: 'HOLE' } } },
      }).replace('"HOLE"', nested);
    const operations = async () => (await w.ctx.db.one<{ n: number }>('select count(*)::int as n from operations')).n;
    const before = await operations();
    for (const body of [
      draft(`${'['.repeat(10_000)}${']'.repeat(10_000)}`),
      draft(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`),
    ]) {
      const res = await w.call('POST', '/api/v1/operations', { token: trader.token, body });
      assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 300));
      assert.equal(res.body.code, 'request.too_deep');
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
    // Brackets inside strings (escaped quotes too) are text, not nesting; ordinary depth still works.
    const text = `"${'[{\\"'.repeat(5000)}"`;
    const ok = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: draft(`{"note":${text},"x":${'['.repeat(20)}${']'.repeat(20)}}`),
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body).slice(0, 300));
    assert.equal(await operations(), before + 1);
    // Fastify's prototype-poisoning guard still holds, and malformed JSON is still request.malformed_json.
    assert.equal(
      (await w.call('POST', '/api/v1/operations', { token: trader.token, body: '{"__proto__":{"admin":true}}' }))
        .status,
      400,
    );
    assert.equal(
      (
        await w.call('POST', '/api/v1/operations', {
          token: trader.token,
          body: '{"constructor":{"prototype":{"admin":true}}}',
        })
      ).status,
      400,
    );
    assert.equal(
      (await w.call('POST', '/api/v1/operations', { token: trader.token, body: '[[[' })).body.code,
      'request.malformed_json',
    );
  });
});

// The processes below use the embedded database whatever the backend of the run: run them in the PGlite pass only.
const processSkip = process.env.TEST_DATABASE_URL ? 'embedded-database processes run in the PGlite pass' : false;

/**
 * A temp data directory for real processes; always the embedded database (PGlite), even in a PostgreSQL run.
 * `prepared`: the database is already there (test/support/templates.ts), for a test not about a first start.
 */
async function processDataDir(t: { after: (fn: () => void) => void }, opts: { prepared?: boolean } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-hardening-'));
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (opts.prepared) await seedDataDir(dataDir);
  return { dataDir, env: { VENTANILLA_DATA_DIR: dataDir, DATABASE_URL: '', LOGIN_RATE_LIMIT: '1000' } };
}

/** Every file and folder under dir whose mode lets the group or others in, with its mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.mode & 0o077) found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return found;
}

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('rule 11: files on disk are private', () => {
  test('a real window (serve on the embedded database, pki issue) leaves nothing open to group or ' +
    'others; a restart tightens what was loosened', {
    skip: processSkip,
  }, async (t) => {
    const { dataDir, env } = await processDataDir(t);
    fs.chmodSync(dataDir, 0o755); // as an operator's mkdir would leave it
    // No demo data: its keys take minutes on a busy machine. pki issue writes e.firma files the way the demo does.
    const server = await startServerProcess({ ...env, VENTANILLA_DEMO: 'false' });
    try {
      assert.equal((await fetch(`${server.url}/ready`)).status, 200);
      const rfc = randomRfc();
      const issued = await runCli(
        ['pki', 'issue', '--rfc', rfc, '--name', 'Ana', '--password', 'p', '--out', path.join(dataDir, 'efirma')],
        env,
      );
      assert.equal(issued.code, 0, issued.stderr);
    } finally {
      await server.stop();
    }
    assert.ok(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION')));
    assert.ok(fs.existsSync(path.join(dataDir, 'pki', 'window-key.pem')));
    assert.equal(fs.readdirSync(path.join(dataDir, 'efirma')).length, 2);
    assert.deepEqual(openToOthers(dataDir), []);

    // Loosened by hand (or created by an older version): the next start tightens them (in development, with a warning).
    const windowKey = path.join(dataDir, 'pki', 'window-key.pem');
    const caKey = path.join(dataDir, 'pki', 'ca', 'issuing.key');
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(windowKey, 0o644);
    fs.chmodSync(caKey, 0o640);
    const ctx = await openContext(loadConfig({ ...env, NODE_ENV: 'development', LOG_LEVEL: 'silent' }));
    await ctx.db.close();
    assert.equal(modeOf(dataDir), 0o700);
    assert.equal(modeOf(windowKey), 0o600);
    assert.equal(modeOf(caKey), 0o600);
  });

  test('in production, a window key readable by others stops the start with a clear message', {
    skip: processSkip,
  }, async (t) => {
    const { dataDir, env } = await processDataDir(t);
    assert.equal((await runCli(['pki', 'init'], env)).code, 0);
    const key = path.join(dataDir, 'window-key.pem');
    fs.writeFileSync(
      key,
      generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }),
      { mode: 0o644 },
    );
    fs.chmodSync(key, 0o644);
    const production = {
      ...env,
      NODE_ENV: 'production',
      VENTANILLA_TRUST_DIR: path.join(dataDir, 'pki', 'trust'),
      VENTANILLA_WINDOW_KEY: key,
    };
    await assert.rejects(
      startServerProcess(production),
      /window-key\.pem is readable by others \(mode 644\).*chmod 600/s,
    );
    assert.equal(modeOf(key), 0o644, 'production leaves the file for the operator to look at');
  });

  test('the blob store writes blobs 0600 in 0700 folders, whatever the umask', async (t) => {
    const { dataDir } = await processDataDir(t);
    const store = new FsBlobStore(path.join(dataDir, 'blobs'));
    const blob = await store.put(Readable.from([Buffer.from('factura')]));
    assert.equal(modeOf(store.pathOf(blob.sha256)), 0o600);
    assert.equal(modeOf(path.dirname(store.pathOf(blob.sha256))), 0o700);
    assert.equal(modeOf(path.join(dataDir, 'blobs', 'tmp')), 0o700);
  });
});

describe('rule 12: the embedded database has one owner', () => {
  test('officer add beside a running server on the same data directory is refused with what to do; ' +
    'after the server stops it works', {
    skip: processSkip,
  }, async (t) => {
    const { dataDir, env } = await processDataDir(t, { prepared: true });
    assert.equal((await runCli(['pki', 'init'], env)).code, 0);
    const rfc = randomRfc();
    const curp = randomCurp(rfc);
    const issued = await runCli(
      [
        'pki',
        'issue',
        '--rfc',
        rfc,
        '--curp',
        curp,
        '--name',
        'Olga Oficial',
        '--password',
        'p',
        '--role',
        'officer',
        '--out',
        path.join(dataDir, 'officer'),
      ],
      env,
    );
    assert.equal(issued.code, 0, issued.stderr);
    const addOfficer = () =>
      runCli(
        [
          'officer',
          'add',
          '--agency',
          'SE',
          '--cer',
          path.join(dataDir, 'officer', `${rfc}.cer`),
          '--curp',
          curp,
          '--name',
          'Olga Oficial',
          '--roles',
          'reviewer',
        ],
        env,
      );
    const server = await startServerProcess({ ...env, VENTANILLA_DEMO: 'false' });
    let refused: Awaited<ReturnType<typeof addOfficer>>;
    try {
      refused = await addOfficer();
    } finally {
      await server.stop();
    }
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /in use by another Ventanilla process \(pid \d+/);
    assert.match(refused.stderr, /stop that server/);
    assert.match(refused.stderr, /POST \/api\/v1\/agencies\/\{agency\}\/officers/);
    assert.match(refused.stderr, /db\.in_use/);
    const added = await addOfficer();
    assert.equal(added.code, 0, added.stderr);
    const db = await openDb({ dataDir });
    try {
      assert.equal((await db.query('select 1 from officers where rfc = $1', [rfc])).length, 1);
    } finally {
      await db.close();
    }
    assert.equal(fs.existsSync(path.join(dataDir, 'pg.lock')), false);
  });

  test(
    'in one process too, a second open of the same directory is refused; ' + 'a closed one can be reopened',
    async (t) => {
      const { dataDir } = await processDataDir(t, { prepared: true });
      const db = await openDb({ dataDir });
      await assert.rejects(openDb({ dataDir }), (e: Error & { code?: string }) => e.code === 'db.in_use');
      await db.close();
      const again = await openDb({ dataDir });
      await again.close();
    },
  );

  test('a lock left by a process that died (killed without cleanup) is taken over at the next start', {
    skip: processSkip,
  }, async (t) => {
    // Prepared: the lock is the point here, not initdb (rule 11 starts on an empty folder).
    const { dataDir, env } = await processDataDir(t, { prepared: true });
    const first = await startServerProcess({ ...env, VENTANILLA_DEMO: 'false' });
    const exited = new Promise((done) => first.child.once('exit', done));
    first.child.kill('SIGKILL');
    await exited;
    assert.ok(fs.existsSync(path.join(dataDir, 'pg.lock')), 'a killed process leaves its lock behind');
    const db = await openDb({ dataDir });
    try {
      assert.equal(JSON.parse(fs.readFileSync(path.join(dataDir, 'pg.lock'), 'utf8')).pid, process.pid);
      assert.ok(
        (await db.query('select 1 from schema_migrations')).length > 0,
        "the killed server's database is there",
      );
    } finally {
      await db.close();
    }
    assert.equal(fs.existsSync(path.join(dataDir, 'pg.lock')), false);
  });
});
