import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ERROR_CODES } from '../src/error-codes.ts';

/**
 * The catalogue of problem codes (src/error-codes.ts) is checked against the source: every code thrown is in it,
 * every code in it is still thrown, and no released code (test/error-codes.released.txt, which only grows) is
 * ever removed or renamed.
 */
const SRC = path.resolve(import.meta.dirname, '../src');
const RELEASED = path.resolve(import.meta.dirname, 'error-codes.released.txt');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

const CODE = '([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)';
/** Where a code is written as a literal: each pattern and how its match names the code. */
const LITERAL_SITES: Array<[RegExp, (m: RegExpMatchArray, file: string) => string | null]> = [
  [new RegExp(`new AppError\\(\\s*'${CODE}'`, 'g'), (m) => m[1]!],
  [new RegExp(`forbidden\\(\\s*'${CODE}'`, 'g'), (m) => m[1]!],
  [/notFound\(\s*'([a-z_]+)'/g, (m) => `${m[1]}.not_found`],
  [/sendProblem\(\s*\w+,\s*\w+,\s*[^,]+,\s*'([a-z][a-z0-9_.]*)'/g, (m) => m[1]!],
  // http/problem.ts: Fastify's own errors mapped to [status, code, detail]
  [new RegExp(`\\[\\d{3}, '${CODE}', '`, 'g'), (m) => m[1]!],
  // Denials and limits given as data: { code: 'workflow.four_eyes', ... }
  [new RegExp(`code: '${CODE}'`, 'g'), (m) => m[1]!],
  // Helpers that prefix their area: signature.ts `fail('invalid', …)`,
  // declaration-input.ts `bad('amount_invalid', …)`
  [
    /\bfail\(\s*'([a-z_]+)'/g,
    (m, file) => (file.endsWith(path.join('pki', 'signature.ts')) ? `signature.${m[1]}` : null),
  ],
  [
    /\bbad\(\s*'([a-z_]+)'/g,
    (m, file) => (file.endsWith(path.join('customs', 'declaration-input.ts')) ? `declaration.${m[1]}` : null),
  ],
  [/requireFreshCrl\([^)]*'(signature|auth)'\)/g, (m) => `${m[1]}.crl_stale`],
];

/**
 * Where a code is computed rather than written: each such site is one of the helpers above, or passes on a code
 * built elsewhere. A new one fails the test until the scanner is taught how to read it.
 */
const COMPUTED_SITES = [
  'errors.ts: new AppError(`${what}.not_found`',
  'errors.ts: new AppError(code',
  'http/signed-action/perform.ts: new AppError(stale.code',
  'pki/signature.ts: new AppError(`signature.${code}`',
  'pki/trust-store.ts: new AppError(`${area}.crl_stale`',
  'rate-limit.ts: new AppError(limited.code',
  'applications/routes.ts: new AppError(denied.code',
  'applications/transition.ts: new AppError(denied.code',
  'customs/declaration-input.ts: new AppError(`declaration.${code}`',
  'customs/declaration-input.ts: new AppError(err.code',
  'http/problem.ts: sendProblem(reply: FastifyReply',
  'http/problem.ts: sendProblem(reply, req, err.status, err.code',
  'http/problem.ts: sendProblem(reply, req, known[0], known[1]',
];

function scan() {
  const thrown = new Map<string, string>();
  const computed: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const name = path.relative(SRC, file).split(path.sep).join('/');
    for (const [pattern, codeOf] of LITERAL_SITES) {
      for (const m of text.matchAll(pattern)) {
        const code = codeOf(m, file);
        if (code && !thrown.has(code)) thrown.set(code, name);
      }
    }
    for (const m of text.matchAll(/(new AppError|sendProblem)\(\s*([^'\s][^,]*(?:,\s*[^,']+){0,3})/g)) {
      if (
        m[1] === 'sendProblem' &&
        /^\w+,\s*\w+,\s*[^,]+,\s*'/.test(text.slice(m.index! + m[1].length + 1).trimStart())
      )
        continue;
      // One line, as the site list writes it, however the formatter broke the call.
      computed.push(`${name}: ${m[0].replace(/\s+/g, ' ').replace(/\( /g, '(')}`);
    }
  }
  return { thrown, computed };
}

test('every code thrown is in the catalogue, and every code in it is still thrown', () => {
  const { thrown } = scan();
  const catalogued = new Set(Object.keys(ERROR_CODES));
  assert.deepEqual(
    [...thrown].filter(([code]) => !catalogued.has(code)).map(([code, file]) => `${code} (${file})`),
    [],
    'add these codes to src/error-codes.ts',
  );
  const retired = new Set(
    Object.entries(ERROR_CODES)
      .filter(([, c]) => 'replacedBy' in c)
      .map(([code]) => code),
  );
  assert.deepEqual(
    [...catalogued].filter((code) => !thrown.has(code) && !retired.has(code)),
    [],
    'no longer thrown: a released code is never reused for something else, so keep it thrown or mark it replacedBy',
  );
  assert.deepEqual(
    [...retired].filter((code) => thrown.has(code)),
    [],
    'a code marked replacedBy is thrown again',
  );
});

test('every computed code is one the scanner knows how to read', () => {
  const unknown = scan().computed.filter((site) => !COMPUTED_SITES.some((known) => site.startsWith(known)));
  assert.deepEqual(
    unknown,
    [],
    'a code built at run time: teach LITERAL_SITES its helper and list the site in COMPUTED_SITES',
  );
});

test('no released code is removed or renamed (test/error-codes.released.txt only grows)', () => {
  const released = fs.readFileSync(RELEASED, 'utf8').split('\n').filter(Boolean);
  const catalogued = Object.keys(ERROR_CODES);
  assert.deepEqual(
    released.filter((code) => !catalogued.includes(code)),
    [],
    'these released codes disappeared from the catalogue',
  );
  assert.deepEqual(
    catalogued.filter((code) => !released.includes(code)).sort(),
    [],
    'new codes: append them to test/error-codes.released.txt',
  );
});

test('codes are area.snake_case, with HTTP error statuses and a meaning', () => {
  for (const [code, { status, meaning }] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^(internal|[a-z][a-z0-9_]*\.[a-z0-9_]+)$/, code);
    assert.ok(status >= 400 && status <= 599, `${code}: ${status}`);
    assert.ok(meaning.length > 10, code);
  }
});
