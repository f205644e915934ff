import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mexicoDate } from '../src/calendar/calendar.ts';
import { CUSTOMS_TYP } from '../src/customs/declarations.ts';
import { PDFDocument } from 'pdf-lib';
import { signPayload } from '../src/pki/index.ts';
import { openJws } from '../src/pki/window-key.ts';
import { postgresOnly } from './support/postgres-only.ts';
import { MEDICINES_FORM, medicines } from './support/pipeline.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let cofepris: Person & { token: string };
let customs: Person & { token: string };
const PATENT = '3170';

before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
  cofepris = await w.officer('COFEPRIS', ['reviewer', 'resolver']);
  customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
});
after(() => w.close());

/** Files an import of medicines as the trader and has COFEPRIS approve it: a real permit with a known balance. */
const medicinesPermit = (quantity: number, value: number, extra: Record<string, unknown> = {}) =>
  w.permit({ ...rep, token: trader.token }, cofepris, {
    traderRfc: trader.rfc,
    goods: medicines(quantity, value, extra),
    procedureData: MEDICINES_FORM,
  });

const today = () => mexicoDate(w.ctx.clock.now());
let sequence = 0;
/** A fresh pedimento number for Nuevo Laredo (24) and the broker's patent, in the date's year. */
const nextNumber = (date = today()) => `${date.slice(2, 4)}24${PATENT}${String(++sequence).padStart(7, '0')}`;

type Line = Record<string, unknown>;
const medicinesLine = (permit: string | null, extra: Line = {}): Line => ({
  hsCode: '3004909999',
  quantity: 10,
  unit: 'KGM',
  value: 20,
  currency: 'USD',
  originCountry: 'DE',
  destinationCountry: 'MX',
  permits: permit ? [{ number: permit }] : [],
  ...extra,
});
const declaration = (lines: Line[], extra: Record<string, unknown> = {}) => {
  const date = (extra.date as string | undefined) ?? today();
  return {
    number: nextNumber(date),
    customsOffice: 'ANAM-TAMPS-NLD',
    brokerPatent: PATENT,
    traderRfc: trader.rfc,
    flow: 'import',
    date,
    lines,
    ...extra,
  };
};

const declare = (body: unknown, token = customs.token) => w.declaration(token, body);
const keys = async () => (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
async function balance(permit: string) {
  const res = await w.call('GET', `/api/v1/customs/permits/${permit}/draws`, { token: customs.token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const [line] = res.body.balances;
  return {
    status: res.body.status as string,
    quantity: line.remainingQuantity as number,
    value: line.remainingValue as number,
    draws: res.body.draws as any[],
  };
}
const reasonCodes = (res: { body: any }) => (res.body.reasons as Array<{ code: string }>).map((r) => r.code).sort();

describe('customs declarations against permits', () => {
  let permit: string;
  let accepted: { body: Record<string, unknown>; response: any };

  before(async () => {
    permit = await medicinesPermit(500, 1000);
  });

  test('an accepted declaration draws the permit down, sealed by the window', async () => {
    const body = declaration([
      medicinesLine(permit, { quantity: 100, value: 200 }),
      medicinesLine(permit, {
        hsCode: '30049001',
        quantity: 50,
        value: 100,
        permits: [{ number: permit, quantity: 50, value: 100 }],
      }),
    ]);
    const res = await declare(body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    accepted = { body, response: res.body };
    assert.equal(res.body.status, 'accepted');
    assert.equal(res.body.replayed, false);
    const result = await openJws(res.body.seal, await keys(), { typ: CUSTOMS_TYP });
    assert.deepEqual(result, res.body.result);
    assert.equal(result.status, 'accepted');
    assert.deepEqual(
      res.body.result.lines.map((l: any) => l.requiredProcedures),
      [['COFEPRIS-MEDICINES-IMPORT'], ['COFEPRIS-MEDICINES-IMPORT']],
    );
    assert.deepEqual(
      res.body.result.lines.map((l: any) => l.draws.map((d: any) => [d.permit, d.quantity, d.value])),
      [[[permit, 100, 200]], [[permit, 50, 100]]],
    );
    assert.equal(
      res.body.result.lines[1].draws[0].remainingQuantity,
      350,
      'the result says what is left after the whole declaration',
    );

    const left = await balance(permit);
    assert.deepEqual([left.status, left.quantity, left.value], ['valid', 350, 700]);
    assert.deepEqual(left.draws.map((d) => [d.declaration, d.declarationLine, d.quantity, d.returnedAt]).sort(), [
      [body.number, 1, 100, null],
      [body.number, 2, 50, null],
    ]);
    const seen = await w.call('GET', `/api/v1/customs/declarations/${body.number}`, { token: customs.token });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.status, 'accepted');
    assert.equal(seen.body.seal, res.body.seal);
    assert.deepEqual(
      seen.body.draws.map((d: any) => [d.permit, d.quantity]),
      [
        [permit, 100],
        [permit, 50],
      ],
    );
    const audit = await w.ctx.db.query(
      "select type from audit_events where object_type = 'customs_declaration' and object_id = $1",
      [body.number],
    );
    assert.deepEqual(
      audit.map((a) => a.type),
      ['customs.declaration_accepted'],
    );
    // The holder reads its permit's draws too.
    assert.equal(
      (await w.call('GET', `/api/v1/customs/permits/${permit}/draws`, { token: trader.token })).body.draws.length,
      2,
    );
  });

  test('the same declaration again answers the same sealed result and draws nothing more', async () => {
    const number = String(accepted.body.number);
    // Spelled differently (spaces in the number, draws left to their defaults): the same declaration.
    const respelled: Record<string, unknown> = {
      ...accepted.body,
      number: `${number.slice(0, 2)} ${number.slice(2, 4)} ${number.slice(4, 8)} ${number.slice(8)}`,
    };
    respelled.lines = (accepted.body.lines as Line[]).map((l, i) =>
      i === 1 ? { ...l, permits: [{ number: permit }] } : l,
    );
    const again = await declare(respelled);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.replayed, true);
    assert.equal(again.body.seal, accepted.response.seal);
    assert.deepEqual((await balance(permit)).quantity, 350);
  });

  test('other content under a used number is refused', async () => {
    const changed = { ...accepted.body, lines: [medicinesLine(permit, { quantity: 1, value: 2 })] };
    const res = await declare(changed);
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'declaration.number_reused');
    assert.equal((await balance(permit)).quantity, 350);
  });

  describe('refusals: every reason, nothing drawn, sealed and recorded', () => {
    async function refused(body: Record<string, unknown>, expected: string[]) {
      const before = await balance(permit);
      const res = await declare(body);
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.equal(res.body.code, 'declaration.refused');
      assert.deepEqual(reasonCodes(res), [...expected].sort(), JSON.stringify(res.body.reasons));
      const result = await openJws(res.body.seal, await keys(), { typ: CUSTOMS_TYP });
      assert.equal(result.status, 'refused');
      assert.deepEqual(result.reasons, res.body.reasons);
      const afterwards = await balance(permit);
      assert.deepEqual(
        [afterwards.quantity, afterwards.value, afterwards.draws.length],
        [before.quantity, before.value, before.draws.length],
      );
      const seen = await w.call('GET', `/api/v1/customs/declarations/${body.number}`, { token: customs.token });
      assert.equal(seen.body.status, 'refused');
      assert.deepEqual(
        seen.body.refusals.map((r: any) => r.seal),
        [res.body.seal],
      );
      return res;
    }

    test('no permit for goods that need one', async () => {
      const res = await refused(declaration([medicinesLine(null)]), ['permit_missing']);
      assert.equal(res.body.reasons[0].procedure, 'COFEPRIS-MEDICINES-IMPORT');
      assert.equal(res.body.reasons[0].line, 1);
    });

    test('a permit that does not exist', async () => {
      await refused(declaration([medicinesLine('COFEPRIS-2026-999999')]), ['permit_not_found', 'permit_missing']);
    });

    test("another trader's permit", async () => {
      const other = await w.registerTrader(await w.person());
      await refused(declaration([medicinesLine(permit)], { traderRfc: other.rfc }), ['permit_wrong_holder']);
    });

    test('a permit that does not cover the HS code, or is of another procedure', async () => {
      await refused(declaration([medicinesLine(permit, { hsCode: '30042000' })]), ['permit_hs_not_covered']);
      await refused(declaration([medicinesLine(permit, { hsCode: '930190', unit: 'PCE', originCountry: 'US' })]), [
        'permit_hs_not_covered',
        'permit_missing',
        'permit_wrong_procedure',
      ]);
    });

    test('another unit, another currency, another origin', async () => {
      await refused(declaration([medicinesLine(permit, { unit: 'PCE' })]), ['unit_mismatch']);
      await refused(declaration([medicinesLine(permit, { currency: 'EUR' })]), ['currency_mismatch']);
      await refused(declaration([medicinesLine(permit, { originCountry: 'FR' })]), ['permit_country_mismatch']);
    });

    test('not enough balance, also when two lines together take more than is left', async () => {
      await refused(declaration([medicinesLine(permit, { quantity: 351 })]), ['permit_insufficient_balance']);
      await refused(declaration([medicinesLine(permit, { value: 701 })]), ['permit_insufficient_balance']);
      const res = await refused(
        declaration([medicinesLine(permit, { quantity: 200 }), medicinesLine(permit, { quantity: 151 })]),
        ['permit_insufficient_balance'],
      );
      assert.equal(res.body.reasons[0].line, 2);
      assert.equal(res.body.reasons[0].remainingQuantity, 150);
    });

    test('draws that do not add up to the goods on the line', async () => {
      await refused(declaration([medicinesLine(permit, { permits: [{ number: permit, quantity: 5 }] })]), [
        'permit_draw_mismatch',
      ]);
    });

    test('a declaration dated before the permit was issued', async () => {
      const yesterday = mexicoDate(new Date(w.ctx.clock.now().getTime() - 86_400_000));
      await refused(declaration([medicinesLine(permit)], { date: yesterday }), ['permit_not_yet_valid']);
    });

    test('an expired permit', async () => {
      const validTo = (await w.call('GET', `/api/v1/permits/${permit}`, { token: customs.token })).body
        .validTo as string;
      const realNow = w.ctx.clock.now;
      const realToken = customs.token;
      try {
        w.ctx.clock.now = () => new Date(Date.parse(`${validTo}T12:00:00-06:00`) + 86_400_000);
        // Sessions live on the window's clock too: the officer clearing goods that day logs in that day.
        customs.token = await w.login(customs);
        const res = await refused(declaration([medicinesLine(permit)]), ['permit_expired']);
        assert.equal(res.body.reasons[0].validTo, validTo);
      } finally {
        w.ctx.clock.now = realNow;
        customs.token = realToken;
      }
    });

    test('a revoked permit', async () => {
      const revokedPermit = await medicinesPermit(100, 100);
      const revoked = await w.signed(cofepris.token, cofepris, 'POST', `/api/v1/permits/${revokedPermit}/revocation`, {
        reason: 'Lote retirado del mercado.',
      });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      await refused(declaration([medicinesLine(revokedPermit)]), ['permit_revoked']);
      assert.equal((await balance(revokedPermit)).quantity, 100);
    });

    test('unknown COVEs and eDocuments', async () => {
      await refused(declaration([medicinesLine(permit)], { coves: ['COVE0000000000'], edocuments: ['ED0000000000'] }), [
        'cove_not_found',
        'edocument_not_found',
      ]);
    });

    test('every reason of every line at once', async () => {
      const res = await refused(
        declaration(
          [
            medicinesLine(null),
            medicinesLine(permit, { unit: 'PCE' }),
            medicinesLine('COFEPRIS-2026-999999', {
              hsCode: '930190',
              unit: 'PCE',
              originCountry: 'US',
              permits: [{ number: permit }, { number: 'COFEPRIS-2026-999999' }],
            }),
          ],
          { coves: ['COVE0000000000'] },
        ),
        [
          'permit_missing',
          'unit_mismatch',
          'permit_not_found',
          'permit_wrong_procedure',
          'permit_hs_not_covered',
          'permit_missing',
          'cove_not_found',
        ],
      );
      assert.deepEqual(
        res.body.reasons.map((r: any) => r.line),
        [1, 2, 3, 3, 3, 3, null],
      );
    });

    test('a refusal binds nothing: the corrected declaration is accepted under the same number', async () => {
      const body = declaration([medicinesLine(permit, { unit: 'PCE' })]);
      await refused(body, ['unit_mismatch']);
      const corrected = await declare({ ...body, lines: [medicinesLine(permit, { quantity: 1, value: 2 })] });
      assert.equal(corrected.status, 201, JSON.stringify(corrected.body));
      const seen = await w.call('GET', `/api/v1/customs/declarations/${body.number}`, { token: customs.token });
      assert.equal(seen.body.status, 'accepted');
      assert.equal(seen.body.refusals.length, 1);
    });
  });

  test('a cancellation, signed by a customs officer, gives the balances back', async () => {
    const before = await balance(permit);
    const body = declaration([medicinesLine(permit, { quantity: 40, value: 80 })]);
    assert.equal((await declare(body)).status, 201);
    assert.equal((await balance(permit)).quantity, before.quantity - 40);

    const stranger = await w.officer('COFEPRIS', ['resolver']);
    const notCustoms = await w.call(
      'POST',
      `/api/v1/customs/declarations/${body.number}/cancellation/signing-payload`,
      { token: stranger.token, body: { reason: 'x'.repeat(5) } },
    );
    assert.equal(notCustoms.status, 403);
    const cancelled = await w.signed(
      customs.token,
      customs,
      'POST',
      `/api/v1/customs/declarations/${body.number}/cancellation`,
      { reason: 'Mercancía no presentada a despacho.' },
    );
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.deepEqual(
      cancelled.body.data.restored.map((r: any) => [r.permit, r.remainingQuantity]),
      [[permit, before.quantity]],
    );
    const afterwards = await balance(permit);
    assert.deepEqual([afterwards.quantity, afterwards.value], [before.quantity, before.value]);
    assert.ok(afterwards.draws.find((d) => d.declaration === body.number).returnedAt);

    const twice = await w.signed(
      customs.token,
      customs,
      'POST',
      `/api/v1/customs/declarations/${body.number}/cancellation`,
      { reason: 'Otra vez.' },
    );
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'declaration.already_cancelled');
    const resent = await declare(body);
    assert.equal(resent.status, 200);
    assert.equal(resent.body.status, 'cancelled');
    assert.equal((await balance(permit)).quantity, before.quantity, 'a resent cancelled declaration draws nothing');
    const seen = await w.call('GET', `/api/v1/customs/declarations/${body.number}`, { token: customs.token });
    assert.equal(seen.body.cancellation.reason, 'Mercancía no presentada a despacho.');
    const audit = await w.ctx.db.query(
      'select type, signature_id from audit_events where object_id = $1 order by seq',
      [body.number],
    );
    assert.deepEqual(
      audit.map((a) => a.type),
      ['customs.declaration_accepted', 'customs.declaration_cancelled'],
    );
    assert.ok(audit[1]!.signature_id);
  });

  test('goods that need no permit are accepted without draws; naming a permit for them is a reason', async () => {
    const laptops = {
      hsCode: '84713001',
      quantity: 3,
      unit: 'PCE',
      value: 2400,
      currency: 'USD',
      originCountry: 'CN',
      destinationCountry: 'MX',
    };
    const ok = await declare(declaration([laptops]));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.result.lines[0].requiredProcedures, []);
    const named = await declare(declaration([{ ...laptops, permits: [{ number: permit }] }]));
    assert.deepEqual(reasonCodes(named), ['permit_hs_not_covered', 'permit_wrong_procedure']);
  });

  test('a permit drawn to zero shows as exhausted; a cancellation makes it valid again', async () => {
    const small = await medicinesPermit(5, 10);
    const body = declaration([medicinesLine(small, { quantity: 5, value: 10 })]);
    assert.equal((await declare(body)).status, 201);
    const { verification_code: code } = await w.ctx.db.one('select verification_code from permits where number = $1', [
      small,
    ]);
    assert.equal((await w.call('GET', `/api/v1/verify/${small}?code=${code}`)).body.status, 'exhausted');
    assert.equal((await balance(small)).status, 'exhausted');
    const more = await declare(declaration([medicinesLine(small, { quantity: 1, value: 1 })]));
    assert.deepEqual(reasonCodes(more), ['permit_insufficient_balance']);
    const cancelled = await w.signed(
      customs.token,
      customs,
      'POST',
      `/api/v1/customs/declarations/${body.number}/cancellation`,
      { reason: 'Pedimento rectificado.' },
    );
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal((await w.call('GET', `/api/v1/verify/${small}?code=${code}`)).body.status, 'valid');
  });
});

describe('COVEs and eDocuments', () => {
  let permit: string;
  let other: { rfc: string; token: string; rep: Person };
  const line = () => medicinesLine(permit, { quantity: 1, value: 1 });

  /** A one-line invoice; in an import the trader is the recipient, in an export the issuer. */
  const coveOf = (rfc: string, extra: Record<string, unknown> = {}) => {
    const mexican = {
      taxId: rfc,
      name: `Comercializadora ${rfc} S.A. de C.V.`,
      address: traderProfile(rfc).taxAddress,
    };
    const foreign = {
      taxId: '12-3456789',
      name: 'Acme Tools Inc.',
      address: {
        street: 'Main St',
        exteriorNumber: '1200',
        city: 'Laredo',
        state: 'TX',
        postalCode: '78040',
        country: 'US',
      },
    };
    const flow = (extra.operationType as string | undefined) ?? 'import';
    return {
      operationType: flow,
      invoiceNumber: `INV-${++sequence}`,
      invoiceDate: today(),
      certificateOfOrigin: false,
      invoiceTotal: 100,
      issuer: flow === 'import' ? foreign : mexican,
      recipient: flow === 'import' ? mexican : foreign,
      goods: [
        {
          description: 'Medicamento',
          quantity: 1,
          unit: 'KGM',
          currency: 'USD',
          unitValue: 100,
          total: 100,
          usdValue: 100,
        },
      ],
      brokerPatents: [PATENT],
      ...extra,
    };
  };
  async function fileCove(token: string, signer: Person, data: unknown, url = '/api/v1/coves') {
    const res = await w.signed(token, signer, 'POST', url, data);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data.number as string;
  }
  async function fileEdocument(token: string, signer: Person, traderRfc: string) {
    const pdf = await PDFDocument.create();
    pdf.addPage([612, 792]);
    const form = new FormData();
    form.append('traderRfc', traderRfc);
    form.append('documentType', 'commercial_invoice');
    form.append('file', new Blob([new Uint8Array(await pdf.save())], { type: 'application/pdf' }), 'factura.pdf');
    const request = new Request('http://window.test/', { method: 'POST', body: form });
    const uploaded = await w.app.inject({
      method: 'POST',
      url: '/api/v1/edocuments/uploads',
      headers: { authorization: `Bearer ${token}`, 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const issued = uploaded.json();
    const created = await w.call('POST', '/api/v1/edocuments', {
      token,
      body: { challengeId: issued.challengeId, ...signPayload(issued.payload, signer.signer) },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body.data.number as string;
  }

  before(async () => {
    permit = await medicinesPermit(100, 100);
    await w.registerBroker(await w.person(), PATENT);
    await w.registerBroker(await w.person(), '9001');
    const otherRep = await w.person();
    other = { ...(await w.registerTrader(otherRep)), rep: otherRep };
  });

  test("a declaration citing the trader's own current COVE and eDocument is accepted", async () => {
    const cove = await fileCove(trader.token, rep, coveOf(trader.rfc));
    const edocument = await fileEdocument(trader.token, rep, trader.rfc);
    const res = await declare(declaration([line()], { coves: [cove], edocuments: [edocument] }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  test(
    'COVEs and eDocuments of others, for another broker or flow, ' + 'or amended since, are refused with their reasons',
    async () => {
      const othersCove = await fileCove(other.token, other.rep, coveOf(other.rfc));
      const othersEdocument = await fileEdocument(other.token, other.rep, other.rfc);
      const otherBroker = await fileCove(trader.token, rep, coveOf(trader.rfc, { brokerPatents: ['9001'] }));
      const exportCove = await fileCove(trader.token, rep, coveOf(trader.rfc, { operationType: 'export' }));
      const original = await fileCove(trader.token, rep, coveOf(trader.rfc));
      const amended = await fileCove(
        trader.token,
        rep,
        { ...coveOf(trader.rfc), reason: 'Factura corregida.' },
        `/api/v1/coves/${original}/amendments`,
      );
      const res = await declare(
        declaration([line()], {
          coves: [othersCove, otherBroker, exportCove, original, amended],
          edocuments: [othersEdocument],
        }),
      );
      assert.equal(res.status, 422, JSON.stringify(res.body));
      assert.deepEqual(
        res.body.reasons.map((r: any) => [r.code, r.document]),
        [
          ['cove_wrong_party', othersCove],
          ['cove_wrong_party', otherBroker],
          ['cove_wrong_flow', exportCove],
          ['cove_superseded', original],
          ['edocument_wrong_party', othersEdocument],
        ],
      );
      assert.match(res.body.reasons[3].message, new RegExp(amended));
    },
  );
});

describe('who may declare, and what is checked before any permit', () => {
  let permit: string;
  before(async () => {
    permit = await medicinesPermit(100, 100);
  });

  test(
    'only ANAM customs officers, with their registered certificate; a customs system uses its ' + "officer's API token",
    async () => {
      const body = () => declaration([medicinesLine(permit, { quantity: 1, value: 1 })]);
      for (const token of [
        trader.token,
        cofepris.token,
        (await w.officer('ANAM', ['supervisor'], 'ANAM-TAMPS-NLD')).token,
      ]) {
        const res = await declare(body(), token);
        assert.equal(res.status, 403);
        assert.equal(res.body.code, 'auth.not_agency_officer');
      }
      const issue = async (scopes: string[]) => {
        const res = await w.signed(customs.token, customs, 'POST', '/api/v1/api-tokens', {
          label: 'SAAI validador',
          scopes,
          expiresInDays: 30,
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res.body.data.token as string;
      };
      const system = await issue(['read', 'write']);
      const ok = await declare(body(), system);
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.result.validatedBy, customs.rfc);
      assert.equal(
        (await w.call('GET', `/api/v1/customs/declarations/${ok.body.number}`, { token: system })).status,
        200,
      );
      const readOnly = await declare(body(), await issue(['read']));
      assert.equal(readOnly.status, 403);
      assert.equal(readOnly.body.code, 'auth.scope_missing');
      const hidden = await w.call('GET', `/api/v1/customs/declarations/${ok.body.number}`, { token: trader.token });
      assert.equal(hidden.status, 403);
    },
  );

  test('a malformed or inconsistent declaration is a 400 that records nothing', async () => {
    const refusals = async () => (await w.ctx.db.one('select count(*)::int as n from customs_declaration_refusals')).n;
    const before = await refusals();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ customsOffice: 'ANAM-CDMX' }, 'declaration.customs_office_unknown'],
      [{ number: `${today().slice(2, 4)}16${PATENT}0000001` }, 'declaration.number_office_mismatch'],
      [{ number: `${today().slice(2, 4)}241234${'0000001'}` }, 'declaration.number_patent_mismatch'],
      [{ date: '2031-01-01', number: `3124${PATENT}0000001` }, 'declaration.date_out_of_range'],
      [{ lines: [medicinesLine(permit, { hsCode: '999999' })] }, 'catalog.hs_invalid'],
      [{ lines: [medicinesLine(permit, { destinationCountry: 'US' })] }, 'declaration.country_invalid'],
      [{ lines: [medicinesLine(permit, { quantity: 0.1234567 })] }, 'declaration.amount_invalid'],
      [
        { lines: [medicinesLine(permit, { permits: [{ number: permit }, { number: permit }] })] },
        'declaration.permit_listed_twice',
      ],
      [{ traderRfc: trader.rfc.slice(0, -1) + (trader.rfc.endsWith('0') ? '1' : '0') }, 'registry.rfc_check_digit'],
      [{ lines: [{ ...medicinesLine(permit), extra: 1 }] }, 'request.invalid'],
    ];
    for (const [change, code] of cases) {
      const res = await declare({ ...declaration([medicinesLine(permit)]), ...change });
      assert.equal(res.status, 400, `${code}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.code, code);
    }
    assert.equal(await refusals(), before);
    assert.equal((await balance(permit)).quantity, 99);
  });
});

// The draw to zero one at a time is tested above ('a permit drawn to zero shows as exhausted'); throughput is
// measured by `npm run bench`, not here.
describe('concurrency (PostgreSQL)', postgresOnly, () => {
  test('concurrent declarations on one permit never overdraw it', async () => {
    const units = 60;
    const permit = await medicinesPermit(units, units);
    const attempts = 120;
    const bodies = Array.from({ length: attempts }, () =>
      declaration([medicinesLine(permit, { quantity: 1, value: 1 })]),
    );
    const results = await Promise.all(bodies.map((b) => declare(b)));
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, units);
    assert.equal(statuses.filter((s) => s === 422).length, attempts - units);
    assert.ok(
      results.filter((r) => r.status === 422).every((r) => reasonCodes(r).join() === 'permit_insufficient_balance'),
    );
    const left = await balance(permit);
    assert.deepEqual([left.status, left.quantity, left.value, left.draws.length], ['exhausted', 0, 0, units]);
    const sums = await w.ctx.db.one<{ quantity: string }>(
      'select sum(d.quantity)::text as quantity from permit_draws d join permits p on p.id = ' +
        'd.permit_id where p.number = $1',
      [permit],
    );
    assert.equal(Number(sums.quantity), units);
    assert.equal((await w.call('GET', '/api/v1/audit/verify')).body.ok, true);
  });
});
