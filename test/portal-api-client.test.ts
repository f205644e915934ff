import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { SCHEMA_FILE, schemaSource } from '../scripts/api-client.ts';
import { startTestWindow } from './support/window.ts';

/** The portal's API types are generated, never hand-copied: the committed file must be what the window says now. */
test('web/src/api/schema.d.ts is what `npm run api-client` writes from the current OpenAPI document', async () => {
  const w = await startTestWindow();
  try {
    const document = (await w.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const expected = await schemaSource(document);
    const actual = fs.readFileSync(SCHEMA_FILE, 'utf8');
    assert.ok(actual === expected, 'web/src/api/schema.d.ts is stale: run `npm run api-client` and commit it');
  } finally {
    await w.close();
  }
});

test('the generated types change when the document does (the check can fail)', async () => {
  const changed = await schemaSource({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { get: { operationId: 'x', responses: { 200: { description: 'ok' } } } } },
  });
  assert.notEqual(changed, fs.readFileSync(SCHEMA_FILE, 'utf8'));
});
