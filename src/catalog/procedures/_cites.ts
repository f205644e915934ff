/**
 * Fragments of the two SEMARNAT CITES procedures (import and export): the convention they rest on, the specimen
 * lines, the purpose, the terms of the permit and the goods that may hold listed species.
 */

/** A CITES specimen line: which goods line, the species and how it is listed. */
export const citesSpecimensField = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['goodsLine', 'scientificName', 'appendix', 'source'],
    additionalProperties: false,
    properties: {
      goodsLine: { type: 'integer', minimum: 1 },
      scientificName: {
        type: 'string',
        pattern: '^[A-Z][a-z]+ ([a-z-]+|spp\\.)( [a-z-]+)?$',
        description: 'Genus and species, e.g. Ara militaris',
      },
      appendix: { type: 'string', enum: ['I', 'II', 'III'] },
      source: {
        type: 'string',
        enum: ['W', 'R', 'D', 'A', 'C', 'F', 'U', 'I', 'O', 'X'],
        description: 'CITES source code',
      },
    },
  },
} as const;

/** CITES purpose-of-transaction codes. */
export const citesPurposeField = {
  type: 'string',
  enum: ['T', 'Z', 'G', 'Q', 'S', 'H', 'P', 'M', 'E', 'N', 'B', 'L'],
} as const;

export const citesLegalBasis = {
  es:
    'Convención sobre el Comercio Internacional de Especies Amenazadas de Fauna y Flora Silvestres (CITES); Ley ' +
    'General de Vida Silvestre y su reglamento.',
  en:
    'Convention on International Trade in Endangered Species of Wild Fauna and Flora (CITES); General Wildlife ' +
    'Law and its regulations.',
};

export const legalAcquisitionEvidence = {
  type: 'legal_acquisition_evidence',
  name: { es: 'Documentos que acreditan la legal procedencia', en: 'Evidence of legal acquisition' },
};

/** How SEMARNAT decides a CITES application and what it grants: the same both ways. */
export const citesTerms = {
  responseDays: 20,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: false,
  issues: { kind: 'permit', validityDays: 180, balances: true },
  fee: null,
  trigger: 'goods',
} as const;

/** Goods that may be (or contain) specimens of listed species, by HS prefix. */
const CITES_GOODS = {
  '0106': {
    es: 'Otros animales vivos (primates, reptiles, aves, etc.)',
    en: 'Other live animals (primates, reptiles, birds, etc.)',
  },
  '060290': {
    es: 'Demás plantas vivas, como cactáceas y orquídeas',
    en: 'Other live plants, such as cacti and orchids',
  },
  '4301': { es: 'Peletería en bruto', en: 'Raw furskins' },
  '9601': {
    es: 'Marfil, concha, coral y demás materias animales para tallar, trabajados',
    en: 'Worked ivory, tortoiseshell, coral and other animal carving material',
  },
  '970522': {
    es: 'Colecciones de especies extintas o en peligro, y sus partes',
    en: 'Collections of extinct or endangered species and parts thereof',
  },
};

const ONLY_LISTED = {
  es: 'sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
  en: 'only specimens of species listed in the CITES appendices need the certificate.',
};

/**
 * The trigger rules for these HS prefixes: an HS code cannot tell a listed species from another, so each note says
 * that only listed specimens need the certificate.
 */
export function citesRules(hsPrefixes: Array<keyof typeof CITES_GOODS>) {
  return hsPrefixes.map((hsPrefix) => ({
    hsPrefix,
    effectiveFrom: '2024-01-01',
    note: {
      es: `${CITES_GOODS[hsPrefix].es}; ${ONLY_LISTED.es}`,
      en: `${CITES_GOODS[hsPrefix].en}; ${ONLY_LISTED.en}`,
    },
  }));
}

/** The words for the CITES codes of both procedures' forms (appendix, source and purpose). */
export const citesLabels = {
  'specimens.appendix': {
    I: { es: 'Apéndice I', en: 'Appendix I' },
    II: { es: 'Apéndice II', en: 'Appendix II' },
    III: { es: 'Apéndice III', en: 'Appendix III' },
  },
  'specimens.source': {
    W: { es: 'W: extraído del medio silvestre', en: 'W: taken from the wild' },
    R: { es: 'R: criado en granja (rancheo)', en: 'R: ranched' },
    D: {
      es: 'D: Apéndice I, criado en cautividad o reproducido con fines comerciales',
      en: 'D: Appendix I, bred in captivity or propagated for commercial purposes',
    },
    A: { es: 'A: planta reproducida artificialmente', en: 'A: artificially propagated plant' },
    C: { es: 'C: animal criado en cautividad', en: 'C: animal bred in captivity' },
    F: { es: 'F: animal nacido en cautividad (F1 o siguientes)', en: 'F: animal born in captivity (F1 or later)' },
    U: { es: 'U: origen desconocido', en: 'U: source unknown' },
    I: { es: 'I: decomisado o confiscado', en: 'I: confiscated or seized' },
    O: { es: 'O: preconvención', en: 'O: pre-Convention' },
    X: {
      es: 'X: capturado en el mar fuera de toda jurisdicción',
      en: 'X: taken in the marine environment beyond any jurisdiction',
    },
  },
  purpose: {
    T: { es: 'T: comercial', en: 'T: commercial' },
    Z: { es: 'Z: parque zoológico', en: 'Z: zoo' },
    G: { es: 'G: jardín botánico', en: 'G: botanical garden' },
    Q: { es: 'Q: circo o exhibición itinerante', en: 'Q: circus or travelling exhibition' },
    S: { es: 'S: científico', en: 'S: scientific' },
    H: { es: 'H: trofeo de caza', en: 'H: hunting trophy' },
    P: { es: 'P: personal', en: 'P: personal' },
    M: { es: 'M: investigación biomédica', en: 'M: biomedical research' },
    E: { es: 'E: educativo', en: 'E: educational' },
    N: {
      es: 'N: reintroducción o introducción en el medio silvestre',
      en: 'N: reintroduction or introduction into the wild',
    },
    B: {
      es: 'B: cría en cautividad o reproducción artificial',
      en: 'B: breeding in captivity or artificial propagation',
    },
    L: { es: 'L: aplicación de la ley, judicial o forense', en: 'L: law enforcement, judicial or forensic' },
  },
};
