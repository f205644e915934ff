import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Catalogue, CatalogueError } from '../src/catalog/catalogue.ts';
import { hsEntry } from '../src/catalog/hs.ts';
import { PROCEDURES } from '../src/catalog/procedures/index.ts';
import { procedure as arms } from '../src/catalog/procedures/sedena-arms-import.ts';
import { REGULATION_RULES } from '../src/catalog/regulations-data.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => { w = await startTestWindow(); });
after(() => w.close());

const required = async (query: string) => {
  const res = await w.call('GET', `/api/v1/requirements?${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.requirements.map((r: any) => r.procedure.code).sort();
};

describe('procedures', () => {
  test('at least 21 procedures from at least 10 agencies, each with its form', async () => {
    const list = await w.call('GET', '/api/v1/procedures');
    assert.ok(list.body.items.length >= 21);
    assert.ok(new Set(list.body.items.map((p: any) => p.agency)).size >= 10);
    const one = await w.call('GET', '/api/v1/procedures/SEDENA-ARMS-IMPORT');
    assert.equal(one.body.agency, 'SEDENA');
    assert.equal(one.body.form.type, 'object');
    assert.equal(one.body.prefill.importer, 'trader.rfc');
    assert.equal((await w.call('GET', '/api/v1/procedures?agency=COFEPRIS')).body.items.every((p: any) => p.agency === 'COFEPRIS'), true);
    assert.equal((await w.call('GET', '/api/v1/procedures/NOPE-X')).body.code, 'procedure.not_found');
  });

  test('a broken definition stops the start with a message naming it', () => {
    const hs = (p: string) => hsEntry(p) !== null;
    assert.throws(() => new Catalogue([{ ...arms, agency: 'NASA' }], [], hs), (e: Error) => e instanceof CatalogueError && /SEDENA-ARMS-IMPORT v1: unknown agency NASA/.test(e.message));
    assert.throws(() => new Catalogue([{ ...arms, responseDays: -1 }], [], hs), /SEDENA-ARMS-IMPORT v1: .*responseDays/);
    assert.throws(() => new Catalogue([{ ...arms, prefill: { ...arms.prefill, nothing: 'trader.rfc' } }], [], hs), /prefilled field "nothing" is not in its form/);
    assert.throws(() => new Catalogue([{ ...arms, form: { ...arms.form, properties: { ...arms.form.properties, x: { type: 'strin' } } } }], [], hs), /form is not a valid JSON Schema/);
    assert.throws(() => new Catalogue([arms], [{ ...REGULATION_RULES[0]!, hsPrefix: '99' }], hs), /R-0001: 99 is not an HS 2022/);
    assert.throws(() => new Catalogue([arms], [{ ...REGULATION_RULES[0]!, procedure: 'GHOST' }], hs), /unknown procedure GHOST/);
  });

  test('a filing takes the version in force on its date', () => {
    const v2 = { ...arms, version: 2, effectiveFrom: '2027-01-01', responseDays: 10 };
    const catalogue = new Catalogue([arms, v2], [], (p) => hsEntry(p) !== null);
    assert.equal(catalogue.procedure('SEDENA-ARMS-IMPORT', '2026-12-31').version, 1);
    assert.equal(catalogue.procedure('SEDENA-ARMS-IMPORT', '2027-01-01').version, 2);
    assert.equal(catalogue.procedure('SEDENA-ARMS-IMPORT', '2027-06-01').responseDays, 10);
    assert.throws(() => catalogue.procedure('SEDENA-ARMS-IMPORT', '2023-01-01'), /No procedure/);
  });

  test('the shipped catalogue validates every form it declares', () => {
    assert.equal(PROCEDURES.length >= 21, true);
    const catalogue = w.ctx.catalogue;
    const problems = catalogue.validateForm(catalogue.procedure('SEDENA-ARMS-IMPORT'), { importer: 'x' });
    assert.ok(problems.some((p) => p.message.includes('missing "goods"')));
  });
});

describe('regulation matrix', () => {
  test('goods are matched to their agencies by HS prefix, with the rule that required them', async () => {
    const res = await w.call('GET', '/api/v1/requirements?flow=import&hs=930190&country=US');
    assert.equal(res.body.hs.code, '930190');
    assert.deepEqual(res.body.requirements.map((r: any) => r.procedure.code), ['SEDENA-ARMS-IMPORT']);
    assert.equal(res.body.requirements[0].because[0].hsPrefix, '93');
    assert.deepEqual(await required('flow=import&hs=300490&country=DE'), ['COFEPRIS-MEDICINES-IMPORT']);
    assert.ok((await required('flow=import&hs=271019&country=US')).includes('SENER-HYDROCARBONS-IMPORT'));
    assert.ok((await required('flow=import&hs=284443&country=CA')).includes('CNSNS-RADIOACTIVE-IMPORT'));
    assert.ok((await required('flow=export&hs=970121&country=US')).includes('INBAL-ARTWORKS-EXPORT'));
    assert.ok((await required('flow=import&hs=010221&country=US')).includes('SENASICA-ZOOSANITARY-IMPORT'));
    assert.ok((await required('flow=import&hs=720851&country=CN')).includes('SE-STEEL-NOTICE'));
    assert.deepEqual(await required('flow=export&hs=930190&country=US'), [], 'the import rule does not apply to exports');
    assert.deepEqual(await required('flow=import&hs=847130&country=US'), [], 'laptops need no permit');
  });

  test('country lists and effective dates', async () => {
    assert.ok((await required('flow=import&hs=040210&country=NZ')).includes('SE-QUOTA-CERTIFICATE'));
    assert.ok(!(await required('flow=import&hs=040210&country=US')).includes('SE-QUOTA-CERTIFICATE'));
    assert.ok((await required('flow=import&hs=870323&country=JP')).includes('SE-USED-VEHICLES-IMPORT'));
    assert.ok(!(await required('flow=import&hs=870323&country=US')).includes('SE-USED-VEHICLES-IMPORT'));
    assert.ok((await required('flow=import&hs=040811&country=US&date=2024-06-01')).includes('SENASICA-ZOOSANITARY-IMPORT'));
    assert.ok(!(await required('flow=import&hs=040811&country=US&date=2025-06-01')).includes('SENASICA-ZOOSANITARY-IMPORT'));
    assert.ok(!(await required('flow=import&hs=640610&country=CN&date=2026-12-01')).includes('SE-FOOTWEAR-NOTICE'));
    assert.ok((await required('flow=import&hs=640610&country=CN&date=2027-07-01')).includes('SE-FOOTWEAR-NOTICE'));
  });

  test('HS codes are checked, and the nomenclature is searchable in Spanish and English', async () => {
    const bad = await w.call('GET', '/api/v1/requirements?flow=import&hs=999999');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'catalog.hs_invalid');
    const es = await w.call('GET', `/api/v1/hs?q=${encodeURIComponent('armas de fuego')}&limit=5`);
    assert.ok(es.body.items.some((i: any) => i.code.startsWith('93')));
    const en = await w.call('GET', '/api/v1/hs?q=firearms&limit=5');
    assert.ok(en.body.items.some((i: any) => i.code.startsWith('93')));
    const digits = await w.call('GET', '/api/v1/hs?q=3004');
    assert.equal(digits.body.items[0].code, '3004');
  });
});
