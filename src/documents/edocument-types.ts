import type { Catalogue } from '../catalog/catalogue.ts';
import { AppError } from '../errors.ts';

export interface EdocumentType {
  type: string;
  name: { es: string; en: string };
}

/** Supporting documents customs asks for whatever the procedure; the rest come from the catalogue. */
const GENERAL: EdocumentType[] = [
  { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
  { type: 'packing_list', name: { es: 'Lista de empaque', en: 'Packing list' } },
  { type: 'bill_of_lading', name: { es: 'Conocimiento de embarque', en: 'Bill of lading' } },
  { type: 'air_waybill', name: { es: 'Guía aérea', en: 'Air waybill' } },
  { type: 'certificate_of_origin', name: { es: 'Certificado de origen', en: 'Certificate of origin' } },
  { type: 'insurance_policy', name: { es: 'Póliza de seguro', en: 'Insurance policy' } },
  { type: 'power_of_attorney', name: { es: 'Poder notarial', en: 'Power of attorney' } },
  { type: 'end_user_certificate', name: { es: 'Certificado de usuario final', en: 'End-user certificate' } },
  { type: 'technical_data_sheet', name: { es: 'Ficha técnica', en: 'Technical data sheet' } },
];

const cache = new WeakMap<Catalogue, Map<string, EdocumentType>>();

/** Every document type an eDocument may have: the general ones and every one a procedure requires. */
export function edocumentTypes(catalogue: Catalogue): Map<string, EdocumentType> {
  let types = cache.get(catalogue);
  if (!types) {
    types = new Map(GENERAL.map((t) => [t.type, t]));
    for (const def of catalogue.definitions()) {
      for (const doc of def.requiredDocuments)
        if (!types.has(doc.type)) types.set(doc.type, { type: doc.type, name: doc.name });
    }
    types = new Map([...types].sort(([a], [b]) => a.localeCompare(b)));
    cache.set(catalogue, types);
  }
  return types;
}

export function checkEdocumentType(catalogue: Catalogue, type: string): EdocumentType {
  const known = edocumentTypes(catalogue).get(type);
  if (!known) {
    throw new AppError(
      'edocument.type_unknown',
      `"${type}" is not a document type the window knows: GET /api/v1/edocuments/document-types lists them.`,
      422,
    );
  }
  return known;
}
