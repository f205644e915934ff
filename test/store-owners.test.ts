import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const SRC = path.join(import.meta.dirname, '..', 'src');

/**
 * One owner per store: the registry's tables are named in SQL only by src/registry (and by the migrations, which
 * create them and the `trader_actors` view). Everyone else calls the registry's functions (traderById, traderByRfc,
 * traderNames, withTraderRfcs, brokerBy, officerById…).
 */
const REGISTRY_TABLES = [
  'traders',
  'brokers',
  'officers',
  'delegations',
  'broker_patents',
  'profile_versions',
  'agencies',
  'offices',
];
const OWNER = `registry${path.sep}`;
const NAMED_IN_SQL = new RegExp(`\\b(from|join|update|into|table)\\s+(${REGISTRY_TABLES.join('|')})\\b`, 'gi');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Where a registry table is named in SQL outside its owner, as `file:line table`. */
function foreignReads(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) =>
    [...text.matchAll(NAMED_IN_SQL)]
      .filter(() => !file.startsWith(OWNER))
      .map((m) => `${file}:${text.slice(0, m.index).split('\n').length} ${m[2]!.toLowerCase()}`),
  );
}

test("the registry's tables are read and written only by src/registry", () => {
  const files = sourceFiles(SRC).map((full) => ({
    file: path.relative(SRC, full),
    text: fs.readFileSync(full, 'utf8'),
  }));
  assert.ok(files.some((f) => f.file === path.join('registry', 'traders.ts')));
  assert.deepEqual(foreignReads(files), []);
});

test('the rule sees a join, a subquery and an update naming a registry table, and not a word in prose', () => {
  const found = foreignReads([
    { file: path.join('documents', 'x.ts'), text: 'const a = `select 1 from edocuments e\n  join traders t on true`;' },
    { file: path.join('applications', 'y.ts'), text: "q('update officers set active = false');" },
    { file: path.join('applications', 'z.ts'), text: '// the traders the caller files for, the brokers it knows' },
    { file: path.join('registry', 'traders.ts'), text: "q('select * from traders')" },
  ]);
  assert.deepEqual(found, [
    `${path.join('documents', 'x.ts')}:2 traders`,
    `${path.join('applications', 'y.ts')}:1 officers`,
  ]);
});
