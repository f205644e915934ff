import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHsCode, hsEntries, hsEntry, hsWords, searchHs, type HsEntry } from '../src/catalog/hs.ts';
import { EN_VARIANTS, ES_TO_EN } from '../src/catalog/hs/glossary-es.ts';
import { AppError } from '../src/errors.ts';

const codes = (results: HsEntry[]) => results.map((e) => e.code);
const top = (q: string, n = 5) => codes(searchHs(q, { limit: n }));

function rejects(code: string, reason: string, message: RegExp) {
  assert.throws(
    () => checkHsCode(code),
    (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'catalog.hs_invalid');
      assert.equal(err.status, 400);
      assert.equal(err.details?.reason, reason);
      assert.match(err.message, message);
      return true;
    },
  );
}

test('the nomenclature loads: 96 chapters, 1,228 headings, 5,612 subheadings, without UN Comtrade extras', () => {
  assert.equal(hsEntries(2).length, 96);
  assert.equal(hsEntries(4).length, 1228);
  assert.equal(hsEntries(6).length, 5612);
  assert.equal(hsEntries().length, 96 + 1228 + 5612);
  // The CSV's 5,613th level-6 row is 999999 "Commodities not specified according to kind" (section TOTAL),
  // a statistical code of UN Comtrade, not an HS 2022 subheading.
  assert.equal(hsEntry('999999'), null);
  assert.equal(hsEntry('99'), null);
  assert.equal(hsEntry('TOTAL'), null);
});

test('hsEntry looks up exact chapter, heading and subheading codes', () => {
  assert.deepEqual(hsEntry('930200'), {
    code: '930200',
    level: 6,
    description: 'Revolvers and pistols; other than those of heading no. 9303 or 9304',
    parent: '9302',
    section: 'XIX',
    sectionName: 'Arms and ammunition; parts and accessories thereof',
  });
  assert.equal(hsEntry('9302')?.level, 4);
  assert.equal(hsEntry('9302')?.parent, '93');
  assert.equal(hsEntry('93')?.parent, null);
  assert.equal(hsEntry('01')?.sectionName, 'Live animals; animal products');
  assert.equal(hsEntry('3901')?.sectionName, 'Plastics and articles thereof; rubber and articles thereof');
  assert.equal(
    hsEntry('0804')?.description,
    'Dates, figs, pineapples, avocados, guavas, mangoes and mangosteens; fresh or dried',
  );
  for (const missing of ['', '9', '930', '93020', '9302000', '930299', '77', 'abcd'])
    assert.equal(hsEntry(missing), null, missing);
  assert.ok(Object.isFrozen(hsEntry('93')), 'entries are shared, so they are frozen');
});

test('checkHsCode accepts 6-, 8- and 10-digit goods codes under an HS 2022 subheading', () => {
  const six = checkHsCode('930200');
  assert.equal(six.code, '930200');
  assert.deepEqual([six.subheading.code, six.heading.code, six.chapter.code], ['930200', '9302', '93']);
  const eight = checkHsCode('08044001');
  assert.deepEqual(
    [eight.code, eight.subheading.code, eight.heading.code, eight.chapter.code],
    ['08044001', '080440', '0804', '08'],
  );
  const ten = checkHsCode('4012200100');
  assert.deepEqual([ten.code, ten.subheading.code], ['4012200100', '401220']);
  assert.equal(checkHsCode(' 9302.00.01 ').code, '93020001', 'dots and spaces between groups are dropped');
  assert.equal(checkHsCode('9302 00 01 02').code, '9302000102');
});

test('checkHsCode rejects a bad shape', () => {
  rejects('', 'shape', /required/);
  rejects('   ', 'shape', /required/);
  rejects('9302', 'shape', /has 4 digits: a goods line takes 6 digits/);
  rejects('9302001', 'shape', /has 7 digits/);
  rejects('930200010', 'shape', /has 9 digits/);
  rejects('93020001000', 'shape', /has 11 digits/);
  rejects('93O200', 'shape', /digits only/);
  rejects('9302-00', 'shape', /digits only/);
  rejects('9302..00', 'shape', /digits only/);
  rejects('.930200', 'shape', /digits only/);
  rejects(undefined as unknown as string, 'shape', /required/);
});

test('checkHsCode says which part of an unknown code does not exist, with the nearest valid codes', () => {
  rejects('770000', 'unknown_chapter', /^HS code 770000: chapter 77 does not exist in HS 2022/);
  rejects('99999999', 'unknown_chapter', /chapter 99 does not exist/);
  rejects('000000', 'unknown_chapter', /chapter 00/);
  rejects(
    '930800',
    'unknown_heading',
    new RegExp(
      'heading 9308 does not exist in HS 2022 chapter 93 \\(Arms and ammunition' +
        '.*The nearest heading is 9307 \\(Arms; swords',
    ),
  );
  rejects(
    '930195',
    'unknown_subheading',
    new RegExp(
      'subheading 930195 does not exist in HS 2022 heading 9301 \\(Military weapons' +
        '.*Its subheadings are 930110, 930120, 930190\\.',
    ),
  );
  rejects('93019501', 'unknown_subheading', /subheading 930195/);
  // A heading with many subheadings lists the nearest ones.
  rejects(
    '030200',
    'unknown_subheading',
    /heading 0302 .*Its subheadings are 030211, 030213, .* \(nearest 8 of 45\)\./,
  );
  rejects(
    '847199',
    'unknown_subheading',
    /Its subheadings are 847130, 847141, 847149, 847150, 847160, 847170, 847180, 847190\./,
  );
  try {
    checkHsCode('930800');
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.deepEqual(err.details, { reason: 'unknown_heading', code: '930800', chapter: '93', nearestHeading: '9307' });
  }
});

test('digit search: code prefixes, shortest codes first, dots and spaces allowed', () => {
  assert.deepEqual(top('9301', 20), ['9301', '930110', '930120', '930190']);
  assert.deepEqual(top('93 01', 20), ['9301', '930110', '930120', '930190']);
  assert.deepEqual(top('9301.90', 20), ['930190']);
  assert.deepEqual(top('93019001', 20), ['930190'], 'a tariff fraction finds its subheading');
  assert.deepEqual(top('93', 9), ['93', '9301', '9302', '9303', '9304', '9305', '9306', '9307', '930110']);
  assert.deepEqual(codes(searchHs('93', { level: 4 })), ['9301', '9302', '9303', '9304', '9305', '9306', '9307']);
  assert.deepEqual(
    searchHs('9301').map((e) => e.score),
    [1, 0.6667, 0.6667, 0.6667],
  );
  assert.deepEqual(top('7701'), []);
  assert.deepEqual(top('...'), []);
  assert.deepEqual(top(' . 9 3 . 0 1 '), top('9301'));
});

test('English word search: own matches first, headings before subheadings', () => {
  const firearms = searchHs('firearms', { limit: 5 });
  assert.ok(
    firearms.some((e) => e.code.startsWith('93') && e.level <= 4),
    codes(firearms).join(),
  );
  assert.ok(top('medicaments').includes('3004'));
  assert.deepEqual(top('medicaments', 2).sort(), ['3003', '3004']);
  assert.ok(top('pistol', 3).includes('930200'), '"pistol" matches "pistols" as a word prefix');
  assert.ok(top('Avocados', 1).includes('080440'));
  assert.equal(top('footwear', 1)[0], '64');
  assert.equal(top('used pneumatic tyres', 1)[0], '401220');
  // "firearm" also stands for revolvers and pistols, which heading 9302 names without the word.
  assert.ok(top('firearms revolvers').includes('930200'));
  assert.ok(top('tires', 20).includes('401220'), 'American spelling');
});

test('the parent chain is searchable with less weight than the own description', () => {
  // 930200 "Revolvers and pistols; ..." says nothing of arms: "arms" comes from chapter 93, "Arms and ammunition".
  const results = searchHs('arms revolvers', { limit: 20 });
  const inherited = results.find((e) => e.code === '930200');
  const own = results.find((e) => e.code === '9301');
  assert.ok(inherited && own, codes(results).join());
  assert.ok(own.score > inherited.score);
  // Every subheading of 8549 inherits "electronic" from its heading.
  assert.ok(top('electronic waste scrap accumulators', 20).includes('854911'));
});

test('Spanish word search through the glossary', () => {
  const armas = searchHs('armas de fuego', { limit: 5 });
  assert.ok(
    armas.some((e) => e.code.startsWith('93') && e.level <= 4),
    codes(armas).join(),
  );
  assert.ok(top('medicamentos').includes('3004'));
  assert.equal(top('aguacate', 1)[0], '080440');
  assert.equal(top('llantas usadas', 1)[0], '401220');
  assert.equal(top('calzado', 1)[0], '64');
  assert.deepEqual(searchHs('xyzzy'), []);
  assert.ok(top('camiones', 3).includes('8704'));
  assert.ok(top('computadora portátil', 3).includes('847130'));
  assert.ok(top('carne de res congelada', 3).includes('0202'));
  assert.ok(top('obras de arte', 3).includes('97'));
  assert.ok(top('marfil', 5).includes('960110'));
  assert.ok(top('uranio', 5).includes('284410'));
  assert.ok(top('leche en polvo', 10).includes('040221'));
  assert.deepEqual(top('pistolas'), top('pistola'), 'plurals');
  assert.deepEqual(top('armas usadas'), top('arma usado'), 'plural and feminine forms');
  assert.deepEqual(top('nueces', 10), top('nuez', 10), '-ces plural');
  // "peligroso" has no HS equivalent: it is ignored, unless it is all there is.
  assert.deepEqual(top('residuos peligrosos', 100), top('residuos', 100));
  assert.ok(top('residuos', 100).includes('7204'), 'ferrous waste and scrap');
  assert.deepEqual(searchHs('peligrosos'), []);
  // A Spanish word that is also an English HS word keeps its English sense.
  assert.ok(top('motor', 100).includes('8501'));
});

test('search is case- and accent-insensitive', () => {
  assert.deepEqual(top('vehículos', 20), top('vehiculos', 20));
  assert.deepEqual(top('VEHÍCULOS', 20), top('vehiculos', 20));
  assert.ok(top('vehículos').includes('87'));
  assert.deepEqual(top('petróleo', 20), top('petroleo', 20));
  assert.ok(top('petróleo crudo', 5).includes('2709'));
  assert.deepEqual(top('FIREARMS'), top('firearms'));
  assert.deepEqual(hsWords('Vehículos, n.e.c. — Año'), ['vehiculos', 'n', 'e', 'c', 'ano']);
});

test('stop words are ignored unless the query has nothing else', () => {
  assert.deepEqual(top('the firearms of', 20), top('firearms', 20));
  assert.deepEqual(top('carne de la res', 20), top('carne res', 20));
  assert.equal(searchHs('other', { limit: 5 }).length, 5);
  assert.deepEqual(searchHs('   '), []);
  assert.deepEqual(searchHs('¿?'), []);
});

test('limits, level filter, order and scores', () => {
  assert.equal(searchHs('parts').length, 20, 'default limit');
  assert.equal(searchHs('parts', { limit: 5 }).length, 5);
  assert.equal(searchHs('parts', { limit: 1000 }).length, 100, 'at most 100');
  assert.equal(searchHs('parts', { limit: 0 }).length, 1, 'at least 1');
  assert.deepEqual(codes(searchHs('footwear', { level: 2 })), ['64']);
  assert.ok(searchHs('footwear', { level: 6 }).every((e) => e.level === 6));
  const results = searchHs('steel tubes', { limit: 100 });
  for (let i = 1; i < results.length; i++) assert.ok(results[i - 1]!.score >= results[i]!.score);
  assert.deepEqual(searchHs('steel tubes', { limit: 100 }), results, 'deterministic');
  assert.ok(results.every((e) => e.code === hsEntry(e.code)?.code && typeof e.sectionName === 'string'));
});

test('the glossary: normalised keys, required words, and every alternative finds something', () => {
  assert.ok(Object.keys(ES_TO_EN).length >= 200);
  for (const key of Object.keys(ES_TO_EN))
    assert.equal(hsWords(key).join(' '), key, `key "${key}" is lowercase without accents`);
  const required =
    `arma|arma de fuego|pistola|revolver|municion|explosivo|medicamento|medicina|farmaco|vacuna|acero|hierro|tubo|
    lamina|calzado|zapato|bota|ropa|prenda|camisa|pantalon|textil|algodon|vehiculo|automovil|camion|llanta|neumatico|
    usado|animal|bovino|ganado|cerdo|porcino|pollo|ave|carne|leche|queso|huevo|fruta|aguacate|platano|manzana|semilla|
    planta|flor|cafe|maiz|trigo|arroz|frijol|pescado|camaron|atun|marisco|petroleo|gasolina|diesel|gas|radiactivo|
    uranio|isotopo|obra de arte|pintura|escultura|antiguedad|arqueologico|residuo|desecho|peligroso|marfil|piel|
    computadora|telefono|maquina|motor|juguete|mueble|papel|vidrio|plastico|caucho|madera|oro|plata|tequila|cerveza|
    vino|bebida|azucar|tabaco`
      .split('|')
      .map((w) => w.trim());
  for (const word of required) assert.ok(ES_TO_EN[word], `glossary has "${word}"`);
  const findsNothing = [...Object.entries(ES_TO_EN), ...Object.entries(EN_VARIANTS)].flatMap(([key, english]) =>
    english
      .filter((alt) => searchHs(alt.replace(/\*$/, ''), { limit: 1 }).length === 0)
      .map((alt) => `${key} -> ${alt}`),
  );
  assert.deepEqual(findsNothing, []);
  for (const word of required.filter((w) => w !== 'peligroso'))
    assert.ok(searchHs(word, { limit: 1 }).length, `"${word}" finds something`);
});
