import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { appendAudit, verifyAudit } from '../src/audit/log.ts';
import { fullAuditCheck } from '../src/audit/checkpoint.ts';
import { signPayload } from '../src/pki/index.ts';
import { runCli } from './support/processes.ts';
import { issueCertificate, startExporterWindow, type ExporterWindow } from './support/exporter.ts';
import { PASSWORD, startTestWindow, type TestWindow } from './support/window.ts';

let exporting: ExporterWindow;
let w: TestWindow;
let exporter: { rfc: string; token: string };
let permit: any;

before(async () => {
  exporting = await startExporterWindow();
  ({ w, exporter } = exporting);
  permit = await issueCertificate(exporting);
});
after(() => w.close());

describe('permit verification by number', () => {
  test('the holder sees a random verification code, printed on the permit beside the QR', async () => {
    assert.match(permit.verificationCode, /^[0-9A-HJKMNP-TV-Z]{12}$/);
    assert.notEqual(
      (await issueCertificate(exporting)).verificationCode,
      permit.verificationCode,
      'each permit draws its own code',
    );
    if (spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error) return;
    const pdf = await w.app.inject({
      method: 'GET',
      url: `/api/v1/permits/${permit.number}/pdf`,
      headers: { authorization: `Bearer ${exporter.token}` },
    });
    const file = path.join(w.dataDir, 'permit.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    const grouped = permit.verificationCode.match(/.{4}/g).join('-');
    assert.ok(text.includes(grouped), `the PDF prints ${grouped}`);
    assert.match(text, /Código de verificación/);
  });

  test('the number alone says only that it exists: no holder, status, agency or dates', async () => {
    const res = await w.call('GET', `/api/v1/verify/${permit.number}`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['exists', 'message', 'number']);
    assert.equal(res.body.exists, true);
    const unknown = await w.call('GET', '/api/v1/verify/SE-2000-999999');
    assert.deepEqual(Object.keys(unknown.body).sort(), ['exists', 'message', 'number']);
    assert.equal(unknown.body.exists, false);
  });

  test('the number with its code (as printed, in any case) verifies in full; so does the QR token', async () => {
    for (const code of [permit.verificationCode, permit.verificationCode.match(/.{4}/g).join('-').toLowerCase()]) {
      const res = await w.call('GET', `/api/v1/verify/${permit.number}?code=${code}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.authentic, true);
      assert.equal(res.body.status, 'valid');
      assert.equal(res.body.agency.code, 'SE');
      assert.ok(!JSON.stringify(res.body).includes(exporter.rfc), 'the holder RFC stays masked');
    }
    // The same in the body (as the portal sends it), so the code stays out of access logs.
    const posted = await w.call('POST', `/api/v1/verify/${permit.number}`, { body: { code: permit.verificationCode } });
    assert.deepEqual(
      posted.body,
      (await w.call('GET', `/api/v1/verify/${permit.number}?code=${permit.verificationCode}`)).body,
    );
    const byToken = await w.call('GET', `/api/v1/verify?token=${encodeURIComponent(permit.token)}`);
    assert.equal(byToken.body.authentic, true);
    assert.equal(byToken.body.status, 'valid');
  });

  test('a wrong code answers exactly like a permit that does not exist (no oracle)', async () => {
    const wrongCode = permit.verificationCode.startsWith('0') ? '1'.repeat(12) : '0'.repeat(12);
    const wrong = await w.call('GET', `/api/v1/verify/${permit.number}?code=${wrongCode}`);
    const missing = await w.call('GET', `/api/v1/verify/SE-2000-999999?code=${permit.verificationCode}`);
    assert.equal(wrong.status, 200);
    assert.equal(wrong.body.authentic, false);
    assert.deepEqual({ ...wrong.body, number: null }, { ...missing.body, number: null });
    const malformed = await w.call('GET', `/api/v1/verify/${permit.number}?code=${encodeURIComponent("' or 1=1")}`);
    assert.equal(malformed.status, 400);
    const wrongPosted = await w.call('POST', `/api/v1/verify/${permit.number}`, { body: { code: wrongCode } });
    assert.deepEqual({ ...wrongPosted.body, number: null }, { ...missing.body, number: null });
    for (const body of [{}, { code: "' or 1=1" }, { code: permit.verificationCode, extra: 1 }]) {
      const refused = await w.call('POST', `/api/v1/verify/${permit.number}`, { body });
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
    }
  });
});

describe('public verification rate limit', () => {
  test(
    'per client address, counted in the database: ' + '429 with Retry-After, then allowed in the next minute',
    async () => {
      const limited = await startTestWindow({ VERIFY_RATE_LIMIT: '3' });
      try {
        // The window's own clock, 10 s into a minute, so the test moves time instead of waiting for it.
        let now = new Date(Date.UTC(2030, 0, 1, 12, 0, 10));
        limited.ctx.clock = { now: () => now };
        assert.equal((await limited.call('GET', '/api/v1/verify/SE-2026-000001')).status, 200);
        assert.equal((await limited.call('GET', '/api/v1/verify/SE-2026-000002?code=0000AAAA0000')).status, 200);
        assert.equal((await limited.call('GET', '/api/v1/audit/verify')).status, 200);
        for (const url of [
          '/api/v1/verify/SE-2026-000003',
          `/api/v1/verify?token=${'a'.repeat(40)}`,
          '/api/v1/audit/verify',
        ]) {
          const res = await limited.call('GET', url);
          assert.equal(res.status, 429, url);
          assert.equal(res.body.code, 'verify.rate_limited');
          assert.match(String(res.headers['content-type']), /application\/problem\+json/);
          assert.equal(res.headers['retry-after'], '50');
        }
        now = new Date(now.getTime() + 60_000);
        assert.equal((await limited.call('GET', '/api/v1/verify/SE-2026-000004')).status, 200);
        const buckets = await limited.ctx.db.query<{ bucket: string }>(
          "select bucket from rate_limits where bucket like 'verify:%'",
        );
        assert.ok(buckets.length >= 2, 'one counter row per address and minute, in the database');
      } finally {
        await limited.close();
      }
    },
  );
});

describe('public audit verification', () => {
  const append = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        w.ctx.db.transaction((tx) =>
          appendAudit(tx, { type: 'registry.seeded', actorRfc: null, objectType: 'test', objectId: `extra-${i}` }),
        ),
      ),
    );

  test('a call walks only the events since the last verified checkpoint', async () => {
    const first = await w.call('GET', '/api/v1/audit/verify');
    assert.equal(first.body.ok, true);
    const again = await w.call('GET', '/api/v1/audit/verify');
    assert.equal(again.body.ok, true);
    assert.equal(again.body.checked, 0, 'nothing new: nothing walked');
    assert.equal(again.body.events, first.body.events);
    await append(3);
    const after3 = await w.call('GET', '/api/v1/audit/verify');
    assert.equal(after3.body.ok, true);
    assert.equal(after3.body.checked, 3);
    assert.equal(after3.body.events, first.body.events + 3);
  });

  test('an altered new event fails the incremental check', async () => {
    await append(1);
    const head = await w.ctx.db.one<{ seq: number }>('select seq from audit_head');
    await w.ctx.db.query("update audit_events set object_id = 'forged' where seq = $1", [head.seq]);
    try {
      const res = await w.call('GET', '/api/v1/audit/verify');
      assert.equal(res.body.ok, false);
      assert.deepEqual(res.body.failure, { seq: head.seq, reason: 'content does not match its hash (altered)' });
    } finally {
      await w.ctx.db.query("update audit_events set object_id = 'extra-0' where seq = $1", [head.seq]);
    }
    assert.equal((await w.call('GET', '/api/v1/audit/verify')).body.ok, true);
  });

  test(
    'an edit to an old, verified event escapes the cheap check but the full walk finds it and ' +
      'the public answer says so',
    async () => {
      await w.call('GET', '/api/v1/audit/verify');
      const original = await w.ctx.db.one<{ actor_rfc: string | null }>(
        'select actor_rfc from audit_events where seq = 3',
      );
      await w.ctx.db.query("update audit_events set actor_rfc = 'XAXX010101000' where seq = 3");
      try {
        assert.equal(
          (await w.call('GET', '/api/v1/audit/verify')).body.ok,
          true,
          'the incremental check does not reread old events',
        );
        assert.equal((await verifyAudit(w.ctx.db)).failure?.seq, 3, 'the CLI walk (ventanilla audit verify) finds it');
        const full = await fullAuditCheck(w.ctx.db);
        assert.equal(full.ok, false);
        const res = await w.call('GET', '/api/v1/audit/verify');
        assert.equal(res.body.ok, false);
        assert.equal(res.body.failure.seq, 3);
        assert.match(res.body.failure.reason, /altered/);
      } finally {
        await w.ctx.db.query('update audit_events set actor_rfc = $1 where seq = 3', [original.actor_rfc]);
      }
      assert.equal((await fullAuditCheck(w.ctx.db)).ok, true);
      assert.equal((await w.call('GET', '/api/v1/audit/verify')).body.ok, true);
    },
  );
});

describe('signing payloads name their window (audience)', () => {
  test(
    "every payload carries the window's public URL; a payload relayed to another window or " +
      'signed for another is refused',
    async () => {
      const a = await startTestWindow({ PUBLIC_URL: 'https://a.ventanilla.example' });
      const b = await startTestWindow({ PUBLIC_URL: 'https://b.ventanilla.example/' });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ventanilla-audience-'));
      try {
        const person = await a.person();
        const fromA = (await a.call('POST', '/api/v1/auth/challenge')).body;
        assert.equal(fromA.payload.audience, 'https://a.ventanilla.example');
        assert.equal(
          (await b.call('POST', '/api/v1/auth/challenge')).body.payload.audience,
          'https://b.ventanilla.example',
        );
        const token = await a.login(person);
        const signedRoute = await a.call('POST', '/api/v1/api-tokens/signing-payload', {
          token,
          body: { label: 'x', scopes: ['read'], expiresInDays: 1 },
        });
        assert.equal(
          signedRoute.body.payload.audience,
          'https://a.ventanilla.example',
          'signed actions too, not only login',
        );

        // A signature over A's payload is worthless at B: B verifies against the payload it issued itself.
        const relayed = await b.call('POST', '/api/v1/auth/login', {
          body: { challengeId: fromA.challengeId, ...signPayload(fromA.payload, person.signer) },
        });
        assert.equal(relayed.body.code, 'challenge.not_found');

        // What the audience adds: the signer sees whose payload it is, and `ventanilla sign --audience` refuses another
        // window's.
        const file = path.join(dir, 'payload.json');
        fs.writeFileSync(file, JSON.stringify(fromA.payload));
        fs.writeFileSync(path.join(dir, 'p.cer'), person.cer);
        fs.writeFileSync(path.join(dir, 'p.key'), person.key);
        const sign = (extra: string[]) =>
          runCli([
            'sign',
            '--cer',
            path.join(dir, 'p.cer'),
            '--key',
            path.join(dir, 'p.key'),
            '--password',
            PASSWORD,
            ...extra,
            file,
          ]);
        const refused = await sign(['--audience', 'https://b.ventanilla.example']);
        assert.equal(refused.code, 1, refused.stderr);
        assert.match(refused.stderr, /signature.wrong_audience/);
        assert.match(refused.stderr, /https:\/\/a\.ventanilla\.example.*not.*https:\/\/b\.ventanilla\.example/s);
        assert.equal(refused.stdout, '');
        const accepted = await sign(['--audience', 'https://a.ventanilla.example/']);
        assert.equal(accepted.code, 0, accepted.stderr);
        const login = await a.call('POST', '/api/v1/auth/login', {
          body: { challengeId: fromA.challengeId, ...JSON.parse(accepted.stdout) },
        });
        assert.equal(login.status, 200, JSON.stringify(login.body));
        const unchecked = await sign([]);
        assert.equal(unchecked.code, 0, unchecked.stderr);
        assert.match(
          unchecked.stderr,
          /https:\/\/a\.ventanilla\.example/,
          'without --audience it still says which window the payload is for',
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        await a.close();
        await b.close();
      }
    },
  );
});
