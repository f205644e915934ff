import { ISSUED_KINDS, type IssuedKind, type Text } from '../catalog/procedure.ts';
import { AppError } from '../errors.ts';
import { sha256Hex } from '../pki/canonical.ts';
import type { PermitDocument } from './document.ts';
import { ACCENT, INK, MARGIN, MUTED, Sheet, type Column, type TextStyle } from './pdf-layout.ts';
import { drawQr } from './pdf-qr.ts';
import { formatNumber, mexicoTime, wrap, wrapUrl } from './pdf-text.ts';
import { goodsDigestClaim } from './token.ts';
import { formatVerificationCode } from './verification-code.ts';

/**
 * Printable permits and acknowledgements (acuses de recibo). Spanish first, English second.
 * The permit's QR code carries the sealed permit token itself, so a border officer can check
 * it offline; the URL under it is for the online check (revocation, exhaustion).
 */

const WINDOW_NAME = 'VENTANILLA ÚNICA DE COMERCIO EXTERIOR · NATIONAL TRADE SINGLE WINDOW';
const KEYS_PATH = '/.well-known/ventanilla-keys.json';
/** QR side in points, quiet zone included (about 60 mm): comfortably above 0.5 mm per module. */
const PERMIT_QR_SIZE = 170;
const ACK_QR_SIZE = 170;
/** Longer seals make QR codes too dense to scan from paper; the acuse then encodes folio + digest. */
export const ACK_QR_MAX_SEAL = 900;

function kindLabel(kind: string): Text {
  return ISSUED_KINDS[kind as IssuedKind] ?? { es: kind, en: kind };
}

/** Title block at the top left of page 1; returns nothing, moves the cursor. */
function titleBlock(sheet: Sheet, es: string, en: string, width: number, lines: Array<[string, string]>): void {
  const { bold, regular } = sheet.fonts;
  sheet.line(WINDOW_NAME, { font: bold, size: 7, color: ACCENT });
  sheet.gap(6);
  for (const [a, b] of lines) {
    sheet.text(a, { font: bold, size: 12, width });
    sheet.text(b, { font: regular, size: 8.5, color: MUTED, width });
  }
  sheet.gap(8);
  sheet.text(es.toUpperCase(), { font: bold, size: 18, color: ACCENT, width });
  sheet.text(en, { size: 10, color: MUTED, width });
  sheet.gap(4);
}

/** QR at the top right of page 1 with a caption, a URL and notes under it; returns the y below them. */
function qrBlock(sheet: Sheet, content: string, size: number, caption: string[], url?: string, notes: Array<{ text: string; style?: TextStyle }> = []): number {
  const x = MARGIN + sheet.contentWidth - size;
  const top = sheet.page.getHeight() - MARGIN - 12;
  drawQr(sheet.page, content, { x, y: top - size, size, ecc: 'M' });
  const saved = sheet.y;
  sheet.y = top - size - 2;
  for (const c of caption) sheet.text(c, { x: x + 6, width: size - 12, size: 6.5, color: MUTED });
  if (url) for (const l of wrapUrl(url, sheet.fonts.regular, 6.5, size - 12)) sheet.line(l, { x: x + 6, size: 6.5, color: MUTED });
  for (const n of notes) sheet.text(n.text, { x: x + 6, width: size - 12, size: 6.5, color: MUTED, ...n.style });
  const below = sheet.y;
  sheet.y = saved;
  return below;
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
      if (!r) throw new AppError('permit.document_invalid', `Permit ${permit.number} says an officer approved it but carries no resolution`, 500);
      return [
        `Resuelto por / Resolved by: ${r.officerName} (RFC ${r.officerRfc})`,
        `Certificado e.firma del servidor público / Officer's e.firma certificate serial: ${r.certificateSerial}`,
        `Firma electrónica de la resolución / Resolution signature id: ${r.signatureId}`,
      ];
    }
    case 'automatic':
      return ['Aprobado automáticamente / Approved automatically (reglas de la dependencia / agency rules, sin intervención de un servidor público / no officer involved)'];
    case 'silence':
      return ['Afirmativa ficta (silence): aprobado porque la dependencia no resolvió dentro del plazo legal / approved because the agency did not decide within the legal deadline'];
    default:
      throw new AppError('permit.document_invalid', `Permit ${permit.number} has an unknown approvedBy "${String(permit.approvedBy)}"`, 500);
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
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    // reported below
  }
  const expected = { num: permit.number, rfc: permit.holder.rfc, vf: permit.validFrom, vt: permit.validTo, gd: goodsDigestClaim(permit.goods) };
  const wrong = Object.entries(expected).filter(([k, v]) => claims[k] !== v).map(([k]) => k);
  if (wrong.length) {
    throw new AppError('permit.token_mismatch', `The token given for permit ${permit.number} does not match it (${wrong.join(', ')}); seal the permit again`, 500);
  }
}

/**
 * `verificationCode` is printed beside the QR: with the permit's number it unlocks the online status check
 * for someone who cannot scan the QR (the number alone only says that it was issued).
 */
export async function renderPermitPdf(permit: PermitDocument, token: string, verificationCode: string, labels: PermitLabels = {}): Promise<Uint8Array> {
  assertTokenMatches(permit, token);
  const kind = kindLabel(permit.kind);
  const sheet = await Sheet.create({
    title: `${kind.es} ${permit.number}`,
    subject: `${kind.en} ${permit.number}: ${permit.procedure.name.en} (${permit.holder.rfc})`,
    createdAt: permit.issuedAt,
    runningHead: `${kind.es} / ${kind.en} ${permit.number} · RFC ${permit.holder.rfc} · continuación / continued`,
    footer: [
      'Verificación sin conexión: el código QR contiene este documento firmado electrónicamente por la ventanilla (JWS ES256) y se comprueba sin internet ' +
      `con las llaves públicas de la ventanilla (${KEYS_PATH}), p. ej. con «ventanilla verify-permit». ` +
      `La revocación, suspensión o agotamiento solo se conocen en línea: ${permit.verificationUrl} con el código de verificación impreso junto al QR.`,
      "Offline verification: the QR code holds this document as signed by the window (JWS ES256); it verifies without a connection against the window's " +
      `published keys (${KEYS_PATH}), e.g. with 'ventanilla verify-permit'. Revocation, suspension or exhaustion can only be checked online, ` +
      'with the verification code printed beside the QR.',
    ],
  });
  const { bold } = sheet.fonts;
  const gutter = 16;
  const leftWidth = sheet.contentWidth - PERMIT_QR_SIZE - gutter;

  const qrBottom = qrBlock(sheet, token, PERMIT_QR_SIZE, [
    'Escanee para verificar sin conexión / Scan to verify offline. En línea / Online:',
  ], permit.verificationUrl, [
    { text: 'Código de verificación / Verification code:' },
    { text: formatVerificationCode(verificationCode), style: { font: sheet.fonts.bold, size: 9, color: INK } },
    { text: 'Sin el QR, ingrese el número del permiso y este código (?code=) / Without the QR, give the permit number and this code (?code=).' },
  ]);
  titleBlock(sheet, kind.es, kind.en, leftWidth, [[permit.agency.name.es, permit.agency.name.en]]);
  sheet.text(`No. ${permit.number}`, { font: bold, size: 13, width: leftWidth });
  sheet.gap(8);
  const flow = permit.flow === 'import' ? 'Importación / Import' : 'Exportación / Export';
  const fields: Array<[string, Array<string | { text: string; style?: TextStyle }>]> = [
    ['Titular / Holder', [permit.holder.legalName, `RFC ${permit.holder.rfc}`]],
    ['Trámite / Procedure', [`${permit.procedure.code} · ${permit.procedure.name.es}`, { text: permit.procedure.name.en, style: { color: MUTED } }]],
    ['Operación / Flow', [flow]],
    ['Vigencia / Validity', [`Del ${permit.validFrom} al ${permit.validTo} (inclusive) / From ${permit.validFrom} to ${permit.validTo}`]],
    ['Emitido / Issued', [mexicoTime(permit.issuedAt)]],
    ['Solicitud / Application', [permit.applicationId]],
  ];
  if (permit.origin) fields.push(['Origen / Origin', originLines(permit.origin, labels)]);
  for (const [label, values] of fields) sheet.field(label, values, MARGIN, leftWidth);
  sheet.y = Math.min(sheet.y, qrBottom) - 4;

  sheet.heading(`Mercancías / Goods (${permit.goods.length} ${permit.goods.length === 1 ? 'línea / line' : 'líneas / lines'})`);
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
  sheet.table(columns, goods.map((g) => [
    String(g.line), g.hsCode, g.description, formatNumber(g.quantity), g.unit, formatNumber(g.value, 2), g.currency,
    (permit.flow === 'import' ? g.originCountry ?? g.destinationCountry : g.destinationCountry ?? g.originCountry) ?? '—',
  ]));
  const totals = new Map<string, number>();
  for (const g of goods) totals.set(g.currency, (totals.get(g.currency) ?? 0) + g.value);
  if (totals.size) {
    sheet.gap(3);
    sheet.text(`Valor total / Total value: ${[...totals].map(([c, v]) => `${formatNumber(v, 2)} ${c}`).join('; ')}`, { font: bold, size: 8.5 });
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

export interface Acknowledgement {
  folio: string;
  receivedAt: string;
  trader: { rfc: string; legalName: string };
  signedBy: { rfc: string; certificateSerial: string };
  applications: Array<{ id: string; procedureCode: string; procedureName: string; agency: string; dueDate: string | null }>;
  /** the window's JWS over the receipt */
  seal: string;
}

/** What the acuse's QR code holds: the seal itself when it is short enough to scan, else folio + its SHA-256. */
export function ackQrContent(ack: Pick<Acknowledgement, 'folio' | 'seal'>): { kind: 'seal' | 'digest'; content: string } {
  return ack.seal.length <= ACK_QR_MAX_SEAL
    ? { kind: 'seal', content: ack.seal }
    : { kind: 'digest', content: `ventanilla-ack:${ack.folio}:sha256=${sha256Hex(ack.seal)}` };
}

/** The acuse de recibo of one signed submission. */
export async function renderAcknowledgementPdf(ack: Acknowledgement): Promise<Uint8Array> {
  const qr = ackQrContent(ack);
  const sheet = await Sheet.create({
    title: `Acuse de recibo ${ack.folio}`,
    subject: `Acknowledgement of receipt ${ack.folio} (${ack.trader.rfc})`,
    createdAt: ack.receivedAt,
    runningHead: `Acuse de recibo / Acknowledgement ${ack.folio} · RFC ${ack.trader.rfc} · continuación / continued`,
    footer: [
      `El sello digital de la ventanilla (JWS ES256) se verifica sin conexión con sus llaves públicas (${KEYS_PATH}). ` +
      (qr.kind === 'seal' ? 'El código QR contiene el sello completo.' : 'El código QR contiene el folio y el SHA-256 del sello impreso arriba.'),
      `The window's digital seal (JWS ES256) verifies offline against its published keys (${KEYS_PATH}). ` +
      (qr.kind === 'seal' ? 'The QR code holds the full seal.' : 'The QR code holds the folio and the SHA-256 of the seal printed above.'),
    ],
  });
  const { bold, mono } = sheet.fonts;
  const gutter = 16;
  const leftWidth = sheet.contentWidth - ACK_QR_SIZE - gutter;
  const qrBottom = qrBlock(sheet, qr.content, ACK_QR_SIZE, [
    qr.kind === 'seal' ? 'Sello digital de la ventanilla / Window seal' : 'Folio y SHA-256 del sello / Folio and seal SHA-256',
  ]);
  titleBlock(sheet, 'Acuse de recibo', 'Acknowledgement of receipt', leftWidth, []);
  sheet.text(`Folio ${ack.folio}`, { font: bold, size: 13, width: leftWidth });
  sheet.gap(8);
  sheet.field('Recibido / Received', [mexicoTime(ack.receivedAt), { text: ack.receivedAt, style: { color: MUTED, size: 8.5 } }], MARGIN, leftWidth);
  sheet.field('Promovente / Trader', [ack.trader.legalName, `RFC ${ack.trader.rfc}`], MARGIN, leftWidth);
  sheet.field('Firmado con e.firma por / Signed with e.firma by', [`RFC ${ack.signedBy.rfc}`, `Certificado / Certificate serial: ${ack.signedBy.certificateSerial}`], MARGIN, leftWidth);
  sheet.y = Math.min(sheet.y, qrBottom) - 4;

  sheet.heading(`Solicitudes / Applications (${ack.applications.length})`);
  const fixed = 130 + 80 + 86;
  sheet.table([
    { title: 'Solicitud\nApplication', width: 130 },
    { title: 'Trámite\nProcedure', width: sheet.contentWidth - fixed },
    { title: 'Dependencia\nAgency', width: 80 },
    { title: 'Respuesta a más tardar\nResponse due by', width: 86 },
  ], ack.applications.map((a) => [a.id, `${a.procedureCode} · ${a.procedureName}`, a.agency, a.dueDate ?? 'Sin plazo / No deadline']));

  sheet.heading('Sello digital de la ventanilla / Window digital seal');
  for (const l of wrap(ack.seal, mono, 6.5, sheet.contentWidth)) sheet.line(l, { font: mono, size: 6.5, leading: 1.25 });
  sheet.gap(4);
  sheet.text(`SHA-256: ${sha256Hex(ack.seal)}`, { font: mono, size: 7, color: MUTED });
  sheet.gap(6);
  sheet.text('Este acuse prueba que la ventanilla recibió su promoción firmada en la fecha y hora indicadas; los plazos de respuesta corren a partir de ella. ' +
    'This acknowledgement proves the window received your signed submission at the time shown; response deadlines run from it.', { size: 8.5, color: MUTED });
  return sheet.finish(`Acuse de recibo ${ack.folio}`);
}
