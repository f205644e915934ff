import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoistComponents } from '../src/http/openapi.ts';

const Item = { title: 'Item', type: 'object', properties: { id: { type: 'string' } } };

test('a titled schema becomes one component, referenced wherever it appears', () => {
  const doc: any = hoistComponents({
    paths: {
      '/a': {
        get: { responses: { 200: { content: { 'application/json': { schema: { type: 'array', items: Item } } } } } },
      },
      '/b': { get: { responses: { 200: { content: { 'application/json': { schema: Item } } } } } },
    },
  });
  assert.deepEqual(doc.components.schemas.Item, Item);
  assert.equal(doc.paths['/b'].get.responses[200].content['application/json'].schema.$ref, '#/components/schemas/Item');
  assert.equal(
    doc.paths['/a'].get.responses[200].content['application/json'].schema.items.$ref,
    '#/components/schemas/Item',
  );
});

test('two different schemas under one title are refused', () => {
  assert.throws(
    () => hoistComponents({ paths: { '/a': { get: { x: Item, y: { ...Item, properties: {} } } } } }),
    /Two different schemas are named Item/,
  );
});
