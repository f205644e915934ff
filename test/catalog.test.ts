import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Catalogue, CatalogueError, loadProcedures } from '../src/catalog/catalogue.ts';
import { codedFields, defineProcedure } from '../src/catalog/define.ts';
import type { Procedure, ProcedureSource } from '../src/catalog/procedure.ts';
import arms from '../src/catalog/procedures/sedena-arms-import.ts';
import { startTestWindow, type TestWindow } from './support/window.ts';

let w: TestWindow;
before(async () => {
  w = await startTestWindow();
});
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
    assert.deepEqual(one.body.labels.purpose.hunting, { es: 'Cacería', en: 'Hunting' }, 'served with its labels');
    assert.equal(
      (await w.call('GET', '/api/v1/procedures?agency=COFEPRIS')).body.items.every((p: any) => p.agency === 'COFEPRIS'),
      true,
    );
    assert.equal((await w.call('GET', '/api/v1/procedures/NOPE-X')).body.code, 'procedure.not_found');
  });

  test('a broken procedure file stops the start with a message naming the procedure and the field', () => {
    const broken = (change: Partial<ProcedureSource>) => () => defineProcedure({ ...sourceOf(arms), ...change });
    const where = /^procedure SEDENA-ARMS-IMPORT v1: /;
    assert.throws(
      broken({ agency: 'NASA' }),
      (e: Error) =>
        e instanceof CatalogueError && where.test(e.message) && /agency: unknown agency NASA/.test(e.message),
    );
    assert.throws(broken({ responseDays: -1 }), /v1: responseDays: must be >= 0/);
    assert.throws(
      broken({ prefill: { ...arms.definition.prefill, nothing: 'trader.rfc' } }),
      /prefill\.nothing: prefilled field "nothing" is not in its form/,
    );
    assert.throws(
      broken({
        form: { ...arms.definition.form, properties: { ...arms.definition.form.properties, x: { type: 'strin' } } },
      }),
      /form: its form is not a valid JSON Schema/,
    );
    const rule = sourceOf(arms).rules[0]!;
    assert.throws(broken({ rules: [{ ...rule, hsPrefix: '99' }] }), /rules\[0\]\.hsPrefix: 99 is not an HS 2022/);
    assert.throws(
      broken({ rules: [{ ...rule, countries: { only: ['XX'] } }] }),
      /rules\[0\]\.countries\.only: XX is not an ISO 3166/,
    );
    assert.throws(
      broken({ rules: [rule, { ...rule, countries: { except: ['US'] } }] }),
      /rules\[1\]: a second rule for 93 from 2024-01-01/,
    );
    assert.throws(broken({ rules: [] }), /rules: a procedure triggered by goods needs at least one rule/);
    assert.throws(broken({ trigger: 'request' }), /rules: a procedure filed on request has no goods rules/);
    const { purpose: _, ...withoutPurpose } = sourceOf(arms).labels!;
    assert.throws(
      broken({ labels: withoutPurpose }),
      /v1: labels\.purpose\.sport_shooting: needs its words in Spanish/,
    );
    const origin = sourceOf(w.ctx.catalogue.files().find((p) => p.definition.code === 'SE-ORIGIN-CERTIFICATE')!);
    const { aladi: __, ...criteria } = origin.labels!.tradeAgreement!;
    assert.throws(
      () => defineProcedure({ ...origin, labels: { ...origin.labels, tradeAgreement: criteria } }),
      /SE-ORIGIN-CERTIFICATE v1: labels\.tradeAgreement\.aladi: needs its words in Spanish and English/,
    );
    const cites = sourceOf(w.ctx.catalogue.files().find((p) => p.definition.code === 'SEMARNAT-CITES-IMPORT')!);
    const { X: ___, ...sources } = cites.labels!['specimens.source']!;
    assert.throws(
      () => defineProcedure({ ...cites, labels: { ...cites.labels, 'specimens.source': sources } }),
      /labels\.specimens\.source\.X: needs its words/,
      'a code of a field inside a list of objects',
    );
    const waste = sourceOf(
      w.ctx.catalogue.files().find((p) => p.definition.code === 'SEMARNAT-HAZARDOUS-WASTE-EXPORT')!,
    );
    const { Te: ____, ...cretib } = waste.labels!.hazardCharacteristics!;
    assert.throws(
      () => defineProcedure({ ...waste, labels: { hazardCharacteristics: cretib } }),
      /labels\.hazardCharacteristics\.Te: needs its words/,
      'a code of a list of codes',
    );
    assert.throws(
      () =>
        defineProcedure({
          ...waste,
          labels: { hazardCharacteristics: { ...cretib, Te: { es: 'Tóxico ambiental', en: ' ' } } },
        }),
      /labels\.hazardCharacteristics\.Te: needs its words in Spanish and English/,
      'both languages',
    );
    assert.throws(
      broken({ labels: { ...sourceOf(arms).labels, importer: { x: { es: 'x', en: 'x' } } } }),
      /labels\.importer: labels belong to a form field with a list of codes/,
    );
    const bogus = {
      ...origin.labels,
      originCriterion: { ...origin.labels!.originCriterion, invented: { es: 'x', en: 'x' } },
    };
    assert.throws(
      () => defineProcedure({ ...origin, labels: bogus }),
      /labels\.originCriterion\.invented: is not one of the field's codes/,
    );
    assert.throws(
      broken({ example: { ...arms.example, data: { ...arms.example.data, purpose: 'fun' } } }),
      /example\.data\.purpose: must be equal to one of the allowed values/,
    );
    assert.throws(
      broken({ example: { ...arms.example, data: { ...arms.example.data, importer: 'X' } } }),
      /example\.data\.importer: is prefilled/,
    );
    assert.throws(
      broken({ example: { ...arms.example, goods: [{ ...arms.example.goods[0]!, hsCode: '847130' }] } }),
      /example\.goods\[0\]: 847130 from IT matches none of the procedure's rules/,
    );
  });

  test('procedure files are found by reading the folder: a misnamed or broken file is named', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procedures-'));
    try {
      const define = new URL('../src/catalog/define.ts', import.meta.url).href;
      const shared = new URL('../src/catalog/procedures/sedena-arms-import.ts', import.meta.url).href;
      // ESM like the project's own folder, so the files share the project's module instances.
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
      fs.writeFileSync(path.join(dir, '_notes.ts'), 'export const skipped = true;\n');
      fs.writeFileSync(path.join(dir, 'sedena-arms-import.ts'), `export { default } from '${shared}';\n`);
      assert.deepEqual(
        (await loadProcedures(dir)).map((p) => p.definition.code),
        ['SEDENA-ARMS-IMPORT'],
      );
      fs.writeFileSync(path.join(dir, 'arms.ts'), `export { default } from '${shared}';\n`);
      await assert.rejects(
        loadProcedures(dir),
        /arms\.ts: holds SEDENA-ARMS-IMPORT v1, so it must be named sedena-arms-import\.ts/,
      );
      fs.rmSync(path.join(dir, 'arms.ts'));
      fs.writeFileSync(path.join(dir, 'x-nothing.ts'), 'export const procedure = {};\n');
      await assert.rejects(loadProcedures(dir), /x-nothing\.ts: its default export must be defineProcedure/);
      fs.rmSync(path.join(dir, 'x-nothing.ts'));
      fs.writeFileSync(
        path.join(dir, 'x-broken.ts'),
        `import { defineProcedure } from '${define}';\nexport default defineProcedure({ code: 'X-BROKEN' } ` +
          `as never);\n`,
      );
      await assert.rejects(
        loadProcedures(dir),
        (e: Error) => e instanceof CatalogueError && /x-broken\.ts: procedure X-BROKEN v\?: /.test(e.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a filing takes the version in force on its date', () => {
    const v2 = defineProcedure({ ...sourceOf(arms), version: 2, effectiveFrom: '2027-01-01', responseDays: 10 });
    const catalogue = new Catalogue([arms, v2]);
    assert.equal(catalogue.procedure('SEDENA-ARMS-IMPORT', '2026-12-31').version, 1);
    assert.equal(catalogue.procedure('SEDENA-ARMS-IMPORT', '2027-01-01').version, 2);
    assert.equal(catalogue.procedure('SEDENA-ARMS-IMPORT', '2027-06-01').responseDays, 10);
    assert.throws(() => catalogue.procedure('SEDENA-ARMS-IMPORT', '2023-01-01'), /No procedure/);
    assert.equal(catalogue.rules.length, arms.rules.length, 'a later version repeating the rules adds none');
    assert.throws(() => new Catalogue([arms, arms]), /SEDENA-ARMS-IMPORT v1: defined twice/);
  });

  test('every code of every shipped procedure form has its words in Spanish and English', () => {
    let codes = 0;
    for (const p of w.ctx.catalogue.files()) {
      for (const [field, values] of codedFields(p.definition.form)) {
        for (const code of values.map(String)) {
          const label = p.labels[field]?.[code];
          assert.ok(label?.es && label.en, `${p.definition.code}: ${field}.${code} has no label`);
          assert.notEqual(label.es, code, `${p.definition.code}: ${field}.${code} is labelled with its own code`);
          codes++;
        }
      }
    }
    assert.ok(codes >= 200, `only ${codes} codes`);
  });

  test('the shipped catalogue validates every form it declares', () => {
    assert.equal(w.ctx.catalogue.definitions().length >= 21, true);
    const catalogue = w.ctx.catalogue;
    const problems = catalogue.validateForm(catalogue.procedure('SEDENA-ARMS-IMPORT'), { importer: 'x' });
    assert.ok(problems.some((p) => p.message.includes('missing "goods"')));
  });
});

/** What a procedure file passes to defineProcedure, rebuilt from the checked result. */
function sourceOf(p: Procedure): ProcedureSource {
  return {
    ...p.definition,
    trigger: p.trigger,
    rules: p.rules.map(({ id: _, flow: __, procedure: ___, ...r }) => r),
    labels: p.labels,
    example: p.example,
  };
}

describe('regulation matrix', () => {
  test('goods are matched to their agencies by HS prefix, with the rule that required them', async () => {
    const res = await w.call('GET', '/api/v1/requirements?flow=import&hs=930190&country=US');
    assert.equal(res.body.hs.code, '930190');
    assert.deepEqual(
      res.body.requirements.map((r: any) => r.procedure.code),
      ['SEDENA-ARMS-IMPORT'],
    );
    assert.equal(res.body.requirements[0].because[0].hsPrefix, '93');
    assert.equal(
      res.body.requirements[0].because[0].rule,
      'SEDENA-ARMS-IMPORT:93@2024-01-01',
      'rule ids are derived from procedure, prefix and date',
    );
    assert.deepEqual(await required('flow=import&hs=300490&country=DE'), ['COFEPRIS-MEDICINES-IMPORT']);
    assert.ok((await required('flow=import&hs=271019&country=US')).includes('SENER-HYDROCARBONS-IMPORT'));
    assert.ok((await required('flow=import&hs=284443&country=CA')).includes('CNSNS-RADIOACTIVE-IMPORT'));
    assert.ok((await required('flow=export&hs=970121&country=US')).includes('INBAL-ARTWORKS-EXPORT'));
    assert.ok((await required('flow=import&hs=010221&country=US')).includes('SENASICA-ZOOSANITARY-IMPORT'));
    assert.ok((await required('flow=import&hs=720851&country=CN')).includes('SE-STEEL-NOTICE'));
    assert.deepEqual(
      await required('flow=export&hs=930190&country=US'),
      [],
      'the import rule does not apply to exports',
    );
    assert.deepEqual(await required('flow=import&hs=847130&country=US'), [], 'laptops need no permit');
  });

  test('country lists and effective dates', async () => {
    assert.ok((await required('flow=import&hs=040210&country=NZ')).includes('SE-QUOTA-CERTIFICATE'));
    assert.ok(!(await required('flow=import&hs=040210&country=US')).includes('SE-QUOTA-CERTIFICATE'));
    assert.ok((await required('flow=import&hs=870323&country=JP')).includes('SE-USED-VEHICLES-IMPORT'));
    assert.ok(!(await required('flow=import&hs=870323&country=US')).includes('SE-USED-VEHICLES-IMPORT'));
    assert.ok(
      (await required('flow=import&hs=040811&country=US&date=2024-06-01')).includes('SENASICA-ZOOSANITARY-IMPORT'),
    );
    assert.ok(
      !(await required('flow=import&hs=040811&country=US&date=2025-06-01')).includes('SENASICA-ZOOSANITARY-IMPORT'),
    );
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
