import { KEYS_PATH, qrBlock, titleBlock } from '../pdf/blocks.ts';
import { MARGIN, MUTED, Sheet } from '../pdf/layout.ts';
import { mexicoTime, wrap } from '../pdf/text.ts';
import { sha256Hex } from '../pki/canonical.ts';

/** QR side in points, quiet zone included (about 60 mm): comfortably above 0.5 mm per module. */
const ACK_QR_SIZE = 170;
/** Longer seals make QR codes too dense to scan from paper; the acuse then encodes folio + digest. */
export const ACK_QR_MAX_SEAL = 900;

export interface Acknowledgement {
  folio: string;
  receivedAt: string;
  trader: { rfc: string; legalName: string };
  signedBy: { rfc: string; certificateSerial: string };
  applications: Array<{
    id: string;
    procedureCode: string;
    procedureName: string;
    agency: string;
    dueDate: string | null;
  }>;
  /** the window's JWS over the receipt */
  seal: string;
}

/** What the acuse's QR code holds: the seal itself when it is short enough to scan, else folio + its SHA-256. */
export function ackQrContent(ack: Pick<Acknowledgement, 'folio' | 'seal'>): {
  kind: 'seal' | 'digest';
  content: string;
} {
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
      `El sello digital de la ventanilla (JWS ES256) se verifica sin conexión con sus llaves públicas ` +
        `(${KEYS_PATH}). ` +
        (qr.kind === 'seal'
          ? 'El código QR contiene el sello completo.'
          : 'El código QR contiene el folio y el SHA-256 del sello impreso arriba.'),
      `The window's digital seal (JWS ES256) verifies offline against its published keys (${KEYS_PATH}). ` +
        (qr.kind === 'seal'
          ? 'The QR code holds the full seal.'
          : 'The QR code holds the folio and the SHA-256 of the seal printed above.'),
    ],
  });
  const { bold, mono } = sheet.fonts;
  const gutter = 16;
  const leftWidth = sheet.contentWidth - ACK_QR_SIZE - gutter;
  const qrBottom = qrBlock(sheet, qr.content, ACK_QR_SIZE, [
    qr.kind === 'seal'
      ? 'Sello digital de la ventanilla / Window seal'
      : 'Folio y SHA-256 del sello / Folio and seal SHA-256',
  ]);
  titleBlock(sheet, 'Acuse de recibo', 'Acknowledgement of receipt', leftWidth, []);
  sheet.text(`Folio ${ack.folio}`, { font: bold, size: 13, width: leftWidth });
  sheet.gap(8);
  sheet.field(
    'Recibido / Received',
    [mexicoTime(ack.receivedAt), { text: ack.receivedAt, style: { color: MUTED, size: 8.5 } }],
    MARGIN,
    leftWidth,
  );
  sheet.field('Promovente / Trader', [ack.trader.legalName, `RFC ${ack.trader.rfc}`], MARGIN, leftWidth);
  sheet.field(
    'Firmado con e.firma por / Signed with e.firma by',
    [`RFC ${ack.signedBy.rfc}`, `Certificado / Certificate serial: ${ack.signedBy.certificateSerial}`],
    MARGIN,
    leftWidth,
  );
  sheet.y = Math.min(sheet.y, qrBottom) - 4;

  sheet.heading(`Solicitudes / Applications (${ack.applications.length})`);
  const fixed = 130 + 80 + 86;
  sheet.table(
    [
      { title: 'Solicitud\nApplication', width: 130 },
      { title: 'Trámite\nProcedure', width: sheet.contentWidth - fixed },
      { title: 'Dependencia\nAgency', width: 80 },
      { title: 'Respuesta a más tardar\nResponse due by', width: 86 },
    ],
    ack.applications.map((a) => [
      a.id,
      `${a.procedureCode} · ${a.procedureName}`,
      a.agency,
      a.dueDate ?? 'Sin plazo / No deadline',
    ]),
  );

  sheet.heading('Sello digital de la ventanilla / Window digital seal');
  for (const l of wrap(ack.seal, mono, 6.5, sheet.contentWidth))
    sheet.line(l, { font: mono, size: 6.5, leading: 1.25 });
  sheet.gap(4);
  sheet.text(`SHA-256: ${sha256Hex(ack.seal)}`, { font: mono, size: 7, color: MUTED });
  sheet.gap(6);
  sheet.text(
    'Este acuse prueba que la ventanilla recibió su promoción firmada en la fecha y hora indicadas; los ' +
      'plazos de respuesta corren a partir de ella. ' +
      'This acknowledgement proves the window received your signed submission at the time shown; response ' +
      'deadlines run from it.',
    { size: 8.5, color: MUTED },
  );
  return sheet.finish(`Acuse de recibo ${ack.folio}`);
}
