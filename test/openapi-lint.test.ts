import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { API_TAGS } from '../src/http/tags.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

/**
 * The OpenAPI document is the contract brokers' software is generated from: it must pass a well-kept linter
 * (Redocly, `recommended` rules) with no error, and every operation must have an operationId and a schema for its
 * success answer.
 */
let w: TestWindow;
let document: any;
before(async () => {
  w = await startTestWindow();
  const res = await w.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(res.statusCode, 200);
  document = res.json();
});
after(() => w.close());

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = () =>
  Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );

async function lintErrors(source = document) {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(source), absoluteRef: 'openapi.json', config });
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ ruleId: p.ruleId, message: p.message, pointer: p.location[0]?.pointer ?? '#' }));
}

function missingContracts() {
  return operations().flatMap(({ where, op }) => {
    const missing = [];
    if (!op.operationId) missing.push('operationId');
    const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
    if (!success.some(([status, r]: [string, any]) => status === '204' || r.content))
      missing.push('a 2xx response schema');
    return missing.length ? [`${where}: ${missing.join(', ')}`] : [];
  });
}

/** The operation an error's JSON pointer is in, as `METHOD /path` (or the pointer, outside paths). */
function whereOf(pointer: string) {
  const m = pointer.match(/^#\/paths\/([^/]+)\/([a-z]+)/);
  return m ? `${m[2]!.toUpperCase()} ${decodeURIComponent(m[1]!).replace(/~1/g, '/').replace(/~0/g, '~')}` : pointer;
}

test('the linter does find errors', async () => {
  const broken = structuredClone(document);
  const [path] = Object.keys(broken.paths);
  broken.paths[path!].get = { responses: {} };
  assert.ok((await lintErrors(broken)).length > 0);
});

test('the OpenAPI document lints with no error (Redocly, recommended rules)', async () => {
  assert.deepEqual(
    (await lintErrors()).map((e) => `${whereOf(e.pointer)}: ${e.ruleId}: ${e.message}`),
    [],
  );
});

test('every operation has an operationId and a 2xx response schema', () => {
  assert.deepEqual(missingContracts(), []);
});

test('operationIds are unique and every tag is declared with a description', () => {
  const ids = operations()
    .map(({ op }) => op.operationId)
    .filter(Boolean);
  assert.deepEqual(
    ids.filter((id, i) => ids.indexOf(id) !== i),
    [],
  );
  const declared = new Map((document.tags ?? []).map((t: any) => [t.name, t.description]));
  assert.deepEqual(
    API_TAGS.map((t) => t.name),
    [...declared.keys()],
  );
  const used = new Set(operations().flatMap(({ op }) => op.tags ?? []));
  assert.deepEqual(
    [...used].filter((tag) => !declared.get(tag)),
    [],
  );
});

test('no optional query parameter is marked required', () => {
  assert.deepEqual(optionalMarkedRequired(), []);
});

function optionalMarkedRequired() {
  return operations().flatMap(({ where, op }) =>
    (op.parameters ?? [])
      .filter((p: any) => p.in === 'query' && p.required && p.schema?.default !== undefined)
      .map((p: any) => `${where}: ?${p.name}`),
  );
}
