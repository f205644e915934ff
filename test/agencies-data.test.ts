import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AGENCIES, parseReferenceData, SE_OFFICE_COUNT } from '../src/registry/agencies-data.ts';

const text = readFileSync(new URL('../src/registry/agencies.json', import.meta.url), 'utf8');
const edited = (
  change: (data: { agencies: Array<{ code: string; offices: Array<Record<string, unknown>> }> }) => void,
) => {
  const data = JSON.parse(text);
  change(data);
  return JSON.stringify(data);
};

test('agencies.json as shipped loads: every agency with offices, SE with its federal offices', () => {
  assert.equal(AGENCIES.find((a) => a.code === 'SE')?.offices.length, SE_OFFICE_COUNT);
  assert.ok(AGENCIES.every((a) => a.offices.length > 0));
});

test('a malformed agencies.json stops the start, saying what is wrong', () => {
  assert.throws(
    () => parseReferenceData(edited((d) => void (d.agencies[0]!.offices[0]!.state = 'XX'))),
    /office SE-AGS-AGS is in unknown state XX/,
  );
  assert.throws(
    () => parseReferenceData(edited((d) => d.agencies[1]!.offices.push({ ...d.agencies[0]!.offices[0] }))),
    /an office code is used twice/,
  );
  assert.throws(() => parseReferenceData(edited((d) => d.agencies[0]!.offices.pop())), /SE must list 52 offices/);
  assert.throws(
    () => parseReferenceData(edited((d) => void (d.agencies[0]!.offices[0]!.city = 7))),
    /agencies\.json: .*\/agencies\/0\/offices\/0\/city/,
  );
});
