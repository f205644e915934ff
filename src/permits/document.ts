import type { IssuedKind } from '../catalog/procedure.ts';
import { canonicalJson, sha256Hex } from '../pki/canonical.ts';

/**
 * An issued permit as it is printed and sealed. The database layer builds it; the PDF
 * and the QR token are both rendered from it, so they cannot disagree.
 */
export interface PermitGoodsLine {
  line: number;
  /** Fracción arancelaria (tariff item) of the TIGIE, e.g. '9306.30.99'. */
  hsCode: string;
  description: string;
  quantity: number;
  unit: string;
  value: number;
  currency: string;
  originCountry?: string;
  destinationCountry?: string;
}

export interface PermitResolution {
  officerName: string;
  officerRfc: string;
  certificateSerial: string;
  signatureId: string;
}

export interface PermitDocument {
  /** e.g. 'SEDENA-2026-000042' */
  number: string;
  /** What the procedure issues (its `issues.kind`): the catalogue's list of kinds, not a copy. */
  kind: IssuedKind;
  procedure: { code: string; name: { es: string; en: string } };
  agency: { code: string; name: { es: string; en: string } };
  /** RFC: the Mexican taxpayer registry number (Registro Federal de Contribuyentes). */
  holder: { rfc: string; legalName: string };
  flow: 'import' | 'export';
  goods: PermitGoodsLine[];
  /** YYYY-MM-DD, inclusive */
  validFrom: string;
  /** YYYY-MM-DD, inclusive */
  validTo: string;
  conditions: string[];
  /** ISO instant */
  issuedAt: string;
  /** null when approved automatically or by positive silence (afirmativa ficta) */
  resolution: PermitResolution | null;
  approvedBy: 'officer' | 'automatic' | 'silence';
  applicationId: string;
  /** e.g. https://host/api/v1/verify/SEDENA-2026-000042 */
  verificationUrl: string;
  /** Certificates of origin only: the origin criterion the goods meet, under which trade agreement. */
  origin?: PermitOrigin;
}

/**
 * What the permit's QR holds: the portal's verification page with the signed token in the fragment, so a phone
 * camera opens the page and the token never reaches a server log. Offline tools take the part after '#'.
 */
export function verificationLink(permit: Pick<PermitDocument, 'verificationUrl'>, token: string): string {
  return `${permit.verificationUrl.replace(/\/api\/v1\/verify\/[^/]+$/, '/verificar')}#${token}`;
}

export interface PermitOrigin {
  /** the form's code, e.g. 'wholly_obtained', 'tariff_shift' */
  criterion: string;
  /** the form's code, e.g. 'mexico_japan_epa' */
  agreement: string;
}

/** The `origin` of a certificate of origin, from its application form (nothing for other kinds). */
export function originOfCertificate(kind: IssuedKind, form: Record<string, unknown>): { origin?: PermitOrigin } {
  if (
    kind !== 'certificate_of_origin' ||
    typeof form.originCriterion !== 'string' ||
    typeof form.tradeAgreement !== 'string'
  )
    return {};
  return { origin: { criterion: form.originCriterion, agreement: form.tradeAgreement } };
}

/**
 * sha256 hex of the canonical JSON of the goods lines (hsCode, quantity, unit, value, currency
 * per line, in line-number order). Descriptions are left out on purpose: they may be reworded or
 * transliterated for print, while what customs checks at the border is the tariff item and amounts.
 */
export function goodsDigest(goods: PermitGoodsLine[]): string {
  const lines = [...goods]
    .sort((a, b) => a.line - b.line)
    .map(({ hsCode, quantity, unit, value, currency }) => ({ hsCode, quantity, unit, value, currency }));
  return sha256Hex(canonicalJson(lines));
}
