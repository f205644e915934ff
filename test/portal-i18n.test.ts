import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/** Every string of the portal in Spanish and English; every problem code of the window said in both, or listed. */
const WEB = path.join(import.meta.dirname, '..', 'web', 'src');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(WEB, 'i18n', file), 'utf8'));
/** One file per area and language (web/src/i18n/es/dashboard.json...), merged as the portal merges them. */
const areaFiles = (language: string) =>
  fs
    .readdirSync(path.join(WEB, 'i18n', language))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: `${language}/${f}`, strings: read(`${language}/${f}`) as Record<string, string> }));
const merged = (language: string) => Object.assign({}, ...areaFiles(language).map((a) => a.strings));
const es: Record<string, string> = merged('es');
const en: Record<string, string> = merged('en');
const generic: string[] = read('problems-generic.json');
const released = fs
  .readFileSync(path.join(import.meta.dirname, 'error-codes.released.txt'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The keys the code asks for: t('key'), t(`prefix.${x}`) (as its prefix), problemText('code'). */
function usedKeys() {
  const literal = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of sources(WEB)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([^']+)'/g)) literal.add(m[1]!);
    for (const m of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) prefixes.add(m[1]!);
    for (const m of text.matchAll(/problemText\(\s*'([^']+)'/g)) literal.add(`problem.${m[1]}`);
  }
  return { literal, prefixes };
}

const has = (dict: Record<string, string>, key: string) =>
  key in dict || (`${key}_one` in dict && `${key}_other` in dict);

test('Spanish and English have the same keys, none empty', () => {
  assert.deepEqual(Object.keys(en).sort(), Object.keys(es).sort());
  for (const [key, text] of [...Object.entries(es), ...Object.entries(en)]) assert.ok(text.trim(), key);
});

test('each language has the same area files, and no key is in two of them', () => {
  assert.deepEqual(
    areaFiles('en').map((a) => a.file.slice(3)),
    areaFiles('es').map((a) => a.file.slice(3)),
  );
  for (const language of ['es', 'en']) {
    const seen = new Map<string, string>();
    for (const { file, strings } of areaFiles(language))
      for (const key of Object.keys(strings)) {
        assert.ok(!seen.has(key), `${key} is in ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
  }
});

test('every key the code uses is in both languages', () => {
  const { literal, prefixes } = usedKeys();
  assert.ok(literal.size > 50, 'the scan finds the keys');
  const missing = [...literal].filter((k) => !has(es, k) || !has(en, k));
  assert.deepEqual(missing, [], 'keys used in web/src but absent from web/src/i18n/es/ or en/');
  const empty = [...prefixes].filter((p) => !Object.keys(es).some((k) => k.startsWith(p)));
  assert.deepEqual(empty, [], 'dynamic keys with no translation under their prefix');
});

test('the check finds a missing key (it can fail)', () => {
  assert.equal(has(es, 'nav.no-such-key'), false);
  assert.equal(has(es, 'procedure.responseDays'), true, 'plural keys count as present');
});

test('every released problem code has an actionable sentence in both languages, or is listed as generic', () => {
  const translated = (code: string) => `problem.${code}` in es && `problem.${code}` in en;
  const neither = released.filter((code) => !translated(code) && !generic.includes(code));
  assert.deepEqual(
    neither,
    [],
    'translate these in i18n/es/problems.json and en/problems.json, or list them in problems-generic.json',
  );
  const both = generic.filter(translated);
  assert.deepEqual(both, [], 'listed as generic but translated: remove them from problems-generic.json');
  const unknown = generic.filter((code) => !released.includes(code));
  assert.deepEqual(unknown, [], 'problems-generic.json lists codes the window never released');
  assert.ok(es['problem.generic']?.includes('{{code}}') && en['problem.generic']?.includes('{{code}}'));
});
