import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.ts';

test('defaults: port 8080, embedded database and dev PKI under ./data, demo data on', () => {
  const c = loadConfig({});
  assert.equal(c.port, 8080);
  assert.equal(c.databaseUrl, undefined);
  assert.match(c.dataDir, /\/data$/);
  assert.match(c.trustDir, /\/data\/pki\/trust$/);
  assert.equal(c.demo, true);
});

test('production refuses to start without a trust store and a window key, and never seeds demo data', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (e: Error) => e instanceof ConfigError && /VENTANILLA_TRUST_DIR/.test(e.message),
  );
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', VENTANILLA_TRUST_DIR: '/etc/trust' }),
    /VENTANILLA_WINDOW_KEY/,
  );
  const c = loadConfig({
    NODE_ENV: 'production',
    VENTANILLA_TRUST_DIR: '/etc/trust',
    VENTANILLA_WINDOW_KEY: '/etc/key.pem',
    VENTANILLA_DEMO: 'true',
  });
  assert.equal(c.demo, false);
  assert.equal(c.trustDir, '/etc/trust');
});

test('bad values fail fast with the variable named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be an integer/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres/);
  assert.throws(() => loadConfig({ NODE_ENV: 'staging' }), /NODE_ENV/);
});

test(
  'TRUST_PROXY: no proxy trusted by default; a hop count or a list of ' + 'addresses/CIDRs; anything else fails fast',
  () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(
      loadConfig({ NODE_ENV: 'production', VENTANILLA_TRUST_DIR: '/t', VENTANILLA_WINDOW_KEY: '/k' }).trustProxy,
      false,
    );
    assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,::1,fd00::/8,loopback' }).trustProxy, [
      '10.0.0.5',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    for (const bad of ['true', '0', '11', '10.0.0.300', '10.0.0.0/33', 'proxy.example.org', '10.0.0.1/8/2', ',']) {
      assert.throws(
        () => loadConfig({ TRUST_PROXY: bad }),
        (e: Error) => e instanceof ConfigError && /TRUST_PROXY/.test(e.message),
        bad,
      );
    }
  },
);

test('/docs is served in development, and in production only with VENTANILLA_DOCS=true', () => {
  const production = { NODE_ENV: 'production', VENTANILLA_TRUST_DIR: '/t', VENTANILLA_WINDOW_KEY: '/k' };
  assert.equal(loadConfig({}).docs, true);
  assert.equal(loadConfig(production).docs, false);
  assert.equal(loadConfig({ ...production, VENTANILLA_DOCS: 'true' }).docs, true);
});
