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
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), (e: Error) => e instanceof ConfigError && /VENTANILLA_TRUST_DIR/.test(e.message));
  assert.throws(() => loadConfig({ NODE_ENV: 'production', VENTANILLA_TRUST_DIR: '/etc/trust' }), /VENTANILLA_WINDOW_KEY/);
  const c = loadConfig({ NODE_ENV: 'production', VENTANILLA_TRUST_DIR: '/etc/trust', VENTANILLA_WINDOW_KEY: '/etc/key.pem', VENTANILLA_DEMO: 'true' });
  assert.equal(c.demo, false);
  assert.equal(c.trustDir, '/etc/trust');
});

test('bad values fail fast with the variable named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be an integer/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL must start with postgres/);
  assert.throws(() => loadConfig({ NODE_ENV: 'staging' }), /NODE_ENV/);
});
