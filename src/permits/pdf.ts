import { ISSUED_KINDS, type IssuedKind, type Text } from '../catalog/procedure.ts';
import { AppError } from '../errors.ts';
import { type PermitDocument, verificationLink } from './document.ts';
import { KEYS_PATH, qrBlock, titleBlock } from '../pdf/blocks.ts';
import { INK, MARGIN, MUTED, Sheet, type Column, type TextStyle } from '../pdf/layout.ts';
import { formatNumber, mexicoTime, wrap } from '../pdf/text.ts';
import { goodsDigestClaim } from './token.ts';
import { formatVerificationCode } from './verification-code.ts';

/**
 * Printable permits. Spanish first, English second (acknowledgements: applications/acknowledgement-pdf.ts).
 * The permit's QR code carries the sealed permit token itself, so a border officer can check
 * it offline; the URL under it is for the online check (revocation, exhaustion).
 */

/** QR side in points, quiet zone included (about 60 mm): comfortably above 0.5 mm per module. */
const PERMIT_QR_SIZE = 170;

function kindLabel(kind: string): Text {
  return ISSUED_KINDS[kind as IssuedKind] ?? { es: kind, en: kind };
}

/** Form field -> code -> label, from the procedure's file (Catalogue.labels); a code without one prints as itself. */
export type PermitLabels = Record<string, Record<string, Text>>;

function labelled(labels: PermitLabels, field: string, code: string): string {
  const label = labels[field]?.[code];
  return label ? `${label.es} / ${label.en}` : code;
}

function originLines(origin: NonNullable<PermitDocument['origin']>, labels: PermitLabels): string[] {
  return [
    `Criterio / Criterion: ${labelled(labels, 'originCriterion', origin.criterion)} [${origin.criterion}]`,
    `Tratado / Agreement: ${labelled(labels, 'tradeAgreement', origin.agreement)}`,
  ];
}

function approval(permit: PermitDocument): string[] {
  switch (permit.approvedBy) {
    case 'officer': {
      const r = permit.resolution;
      if (!r)
        throw new AppError(
          'permit.document_invalid',
          `Permit ${permit.number} says an officer approved it but carries no resolution`,
          500,
        );
      return [
        `Resuelto por / Resolved by: ${r.officerName} (RFC ${r.officerRfc})`,
        `Certificado e.firma del servidor público / Officer's e.firma certificate serial: ${r.certificateSerial}`,
        `Firma electrónica de la resolución / Resolution signature id: ${r.signatureId}`,
      ];
    }
    case 'automatic':
      return [
        'Aprobado automáticamente / Approved automatically (reglas de la dependencia / ' +
          'agency rules, sin intervención de un servidor público / no officer involved)',
      ];
    case 'silence':
      return [
        'Afirmativa ficta (silence): aprobado porque la dependencia no resolvió dentro ' +
          'del plazo legal / approved because the agency did not decide within the legal deadline',
      ];
    default:
      throw new AppError(
        'permit.document_invalid',
        `Permit ${permit.number} has an unknown approvedBy "${String(permit.approvedBy)}"`,
        500,
      );
  }
}

/**
 * The QR must belong to this very permit: a PDF that prints one permit and carries another's
 * token would pass an offline check. The signature is the verifier's business; here we only
 * compare the claims that identify the permit.
 */
function assertTokenMatches(permit: PermitDocument, token: string): void {
  let claims: Record<string, unknown> = {};
  try {
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    // reported below
  }
  const expected = {
    num: permit.number,
    rfc: permit.holder.rfc,
    vf: permit.validFrom,
    vt: permit.validTo,
    gd: goodsDigestClaim(permit.goods),
  };
  const wrong = Object.entries(expected)
    .filter(([k, v]) => claims[k] !== v)
    .map(([k]) => k);
  if (wrong.length) {
    throw new AppError(
      'permit.token_mismatch',
      `The token given for permit ${permit.number} does not match it (${wrong.join(', ')}); seal the permit again`,
      500,
    );
  }
}

/**
 * `verificationCode` is printed beside the QR: with the permit's number it unlocks the online status check
 * for someone who cannot scan the QR (the number alone only says that it was issued).
 */
export async function renderPermitPdf(
  permit: PermitDocument,
  token: string,
  verificationCode: string,
  labels: PermitLabels = {},
): Promise<Uint8Array> {
  assertTokenMatches(permit, token);
  const kind = kindLabel(permit.kind);
  const sheet = await Sheet.create({
    title: `${kind.es} ${permit.number}`,
    subject: `${kind.en} ${permit.number}: ${permit.procedure.name.en} (${permit.holder.rfc})`,
    createdAt: permit.issuedAt,
    runningHead: `${kind.es} / ${kind.en} ${permit.number} · RFC ${permit.holder.rfc} · continuación / continued`,
    footer: [
      'Verificación sin conexión: el código QR contiene este documento firmado ' +
        'electrónicamente por la ventanilla (JWS ES256) y se comprueba sin internet ' +
        `con las llaves públicas de la ventanilla (${KEYS_PATH}), p. ej. con «ventanilla verify-permit». ` +
        `La revocación, suspensión o agotamiento solo se conocen en línea: ` +
        `${permit.verificationUrl} con el código de verificación impreso junto al QR.`,
      'Offline verification: the QR code holds this document as signed by the window ' +
        "(JWS ES256); it verifies without a connection against the window's " +
        `published keys (${KEYS_PATH}), e.g. with 'ventanilla verify-permit'. ` +
        `Revocation, suspension or exhaustion can only be checked online, ` +
        'with the verification code printed beside the QR.',
    ],
  });
  const { bold } = sheet.fonts;
  const gutter = 16;
  const leftWidth = sheet.contentWidth - PERMIT_QR_SIZE - gutter;

  const qrBottom = qrBlock(
    sheet,
    verificationLink(permit, token),
    PERMIT_QR_SIZE,
    ['Escanee para verificar (también sin conexión) / Scan to verify (offline too). En línea / Online:'],
    permit.verificationUrl,
    [
      { text: 'Código de verificación / Verification code:' },
      { text: formatVerificationCode(verificationCode), style: { font: sheet.fonts.bold, size: 9, color: INK } },
      {
        text:
          'Sin el QR, ingrese el número del permiso y este código (?code=) / Without the ' +
          'QR, give the permit number and this code (?code=).',
      },
    ],
  );
  titleBlock(sheet, kind.es, kind.en, leftWidth, [[permit.agency.name.es, permit.agency.name.en]]);
  sheet.text(`No. ${permit.number}`, { font: bold, size: 13, width: leftWidth });
  sheet.gap(8);
  const flow = permit.flow === 'import' ? 'Importación / Import' : 'Exportación / Export';
  const fields: Array<[string, Array<string | { text: string; style?: TextStyle }>]> = [
    ['Titular / Holder', [permit.holder.legalName, `RFC ${permit.holder.rfc}`]],
    [
      'Trámite / Procedure',
      [
        `${permit.procedure.code} · ${permit.procedure.name.es}`,
        { text: permit.procedure.name.en, style: { color: MUTED } },
      ],
    ],
    ['Operación / Flow', [flow]],
    [
      'Vigencia / Validity',
      [`Del ${permit.validFrom} al ${permit.validTo} (inclusive) / From ${permit.validFrom} to ${permit.validTo}`],
    ],
    ['Emitido / Issued', [mexicoTime(permit.issuedAt)]],
    ['Solicitud / Application', [permit.applicationId]],
  ];
  if (permit.origin) fields.push(['Origen / Origin', originLines(permit.origin, labels)]);
  for (const [label, values] of fields) sheet.field(label, values, MARGIN, leftWidth);
  sheet.y = Math.min(sheet.y, qrBottom) - 4;

  sheet.heading(
    `Mercancías / Goods (${permit.goods.length} ${permit.goods.length === 1 ? 'línea / line' : 'líneas / lines'})`,
  );
  const country = permit.flow === 'import' ? 'País de origen\nOrigin' : 'País de destino\nDestination';
  const fixed = 20 + 62 + 58 + 40 + 70 + 40 + 46;
  const columns: Column[] = [
    { title: '#', width: 20 },
    { title: 'Fracción\nHS code', width: 62 },
    { title: 'Descripción\nDescription', width: sheet.contentWidth - fixed },
    { title: 'Cantidad\nQuantity', width: 58, align: 'right' },
    { title: 'Unidad\nUnit', width: 40 },
    { title: 'Valor\nValue', width: 70, align: 'right' },
    { title: 'Moneda\nCurrency', width: 40 },
    { title: country, width: 46 },
  ];
  const goods = [...permit.goods].sort((a, b) => a.line - b.line);
  sheet.table(
    columns,
    goods.map((g) => [
      String(g.line),
      g.hsCode,
      g.description,
      formatNumber(g.quantity),
      g.unit,
      formatNumber(g.value, 2),
      g.currency,
      (permit.flow === 'import'
        ? (g.originCountry ?? g.destinationCountry)
        : (g.destinationCountry ?? g.originCountry)) ?? '—',
    ]),
  );
  const totals = new Map<string, number>();
  for (const g of goods) totals.set(g.currency, (totals.get(g.currency) ?? 0) + g.value);
  if (totals.size) {
    sheet.gap(3);
    sheet.text(`Valor total / Total value: ${[...totals].map(([c, v]) => `${formatNumber(v, 2)} ${c}`).join('; ')}`, {
      font: bold,
      size: 8.5,
    });
  }

  sheet.heading('Condiciones / Conditions');
  if (!permit.conditions.length) sheet.text('Sin condiciones adicionales / No additional conditions.', { size: 9.5 });
  permit.conditions.forEach((condition, i) => {
    const indent = 18;
    wrap(condition, sheet.fonts.regular, 9.5, sheet.contentWidth - indent).forEach((l, j) => {
      sheet.line(l, { x: MARGIN + indent, size: 9.5 });
      if (j === 0) sheet.page.drawText(`${i + 1}.`, { x: MARGIN, y: sheet.y + 9.5 * 0.3, size: 9.5, font: bold });
    });
    sheet.gap(3);
  });

  sheet.heading('Resolución / Resolution');
  for (const l of approval(permit)) sheet.text(l, { size: 9.5 });
  return sheet.finish(`${kind.es} ${permit.number}`);
}
