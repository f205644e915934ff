import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../src/errors.ts';
import { parseCurp, parseRfc, withCurpCheckDigit, withRfcCheckDigit } from '../src/registry/identifiers.ts';

const refused = (code: string) => (err: unknown) => err instanceof AppError && err.code === code && err.status === 400;

test('an RFC whose date does not exist in either century is refused, before its check digit', () => {
  // 31 February never exists; 29 February 1930 and 2030 do not either (neither is a leap year).
  for (const date of ['310231', '300229', '990229', '011301', '010100', '010432']) {
    assert.throws(
      () => parseRfc(withRfcCheckDigit(`GODE${date}HN`)),
      refused('registry.rfc_invalid'),
      `person ${date}`,
    );
    assert.throws(
      () => parseRfc(withRfcCheckDigit(`VEN${date}AB`)),
      refused('registry.rfc_invalid'),
      `company ${date}`,
    );
  }
});

test('an RFC dated 29 February of a year that is leap in one of its centuries is accepted', () => {
  // 000229: 1900 is not a leap year but 2000 is; 960229 and 040229 are leap in one century each.
  for (const date of ['000229', '960229', '040229', '311231', '800101']) {
    assert.equal(parseRfc(withRfcCheckDigit(`GODE${date}HN`)).kind, 'person', date);
    assert.equal(parseRfc(withRfcCheckDigit(`VEN${date}AB`)).kind, 'company', date);
  }
});

test("a CURP's date must exist in the century its 17th character names", () => {
  const curp = (date: string, differentiator: string) => withCurpCheckDigit(`GODE${date}HNLRRN${differentiator}`);
  assert.throws(() => parseCurp(curp('310231', '0')), refused('registry.curp_invalid'));
  assert.throws(() => parseCurp(curp('300229', 'A')), refused('registry.curp_invalid'));
  // 29 February 2000 exists; 29 February 1900 does not.
  assert.equal(parseCurp(curp('000229', 'A')), curp('000229', 'A'));
  assert.throws(() => parseCurp(curp('000229', '0')), refused('registry.curp_invalid'));
  assert.equal(parseCurp(curp('960229', '0')), curp('960229', '0'));
});
