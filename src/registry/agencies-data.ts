/**
 * Reference data: the federal agencies that take part in Mexico's foreign-trade
 * single window, and the offices that handle their procedures.
 *
 * This is seed data. Office lists are a representative set for the single
 * window, not an official directory; check current agency directories before
 * relying on an address or on the exact set of offices.
 */

export interface OfficeSeed {
  /** Unique across all agencies, e.g. 'SE-JAL-GDL'. */
  code: string;
  /** Spanish name, e.g. 'Oficina de Representación Federal en Jalisco (Guadalajara)'. */
  name: string;
  /** A code from MEXICAN_STATES, e.g. 'JAL'. */
  state: string;
  city: string;
}

export interface AgencySeed {
  code: string;
  name: { es: string; en: string };
  acronym: string;
  description: { es: string; en: string };
  /** True when the agency's procedures are handled by regional offices. */
  officeBound: boolean;
  offices: OfficeSeed[];
}

/** The 32 federal entities, in INEGI numeric order (01 Aguascalientes … 32 Zacatecas). */
export const MEXICAN_STATES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'AGS', name: 'Aguascalientes' },
  { code: 'BC', name: 'Baja California' },
  { code: 'BCS', name: 'Baja California Sur' },
  { code: 'CAM', name: 'Campeche' },
  { code: 'COAH', name: 'Coahuila de Zaragoza' },
  { code: 'COL', name: 'Colima' },
  { code: 'CHIS', name: 'Chiapas' },
  { code: 'CHIH', name: 'Chihuahua' },
  { code: 'CDMX', name: 'Ciudad de México' },
  { code: 'DGO', name: 'Durango' },
  { code: 'GTO', name: 'Guanajuato' },
  { code: 'GRO', name: 'Guerrero' },
  { code: 'HGO', name: 'Hidalgo' },
  { code: 'JAL', name: 'Jalisco' },
  { code: 'MEX', name: 'Estado de México' },
  { code: 'MICH', name: 'Michoacán de Ocampo' },
  { code: 'MOR', name: 'Morelos' },
  { code: 'NAY', name: 'Nayarit' },
  { code: 'NL', name: 'Nuevo León' },
  { code: 'OAX', name: 'Oaxaca' },
  { code: 'PUE', name: 'Puebla' },
  { code: 'QRO', name: 'Querétaro' },
  { code: 'QROO', name: 'Quintana Roo' },
  { code: 'SLP', name: 'San Luis Potosí' },
  { code: 'SIN', name: 'Sinaloa' },
  { code: 'SON', name: 'Sonora' },
  { code: 'TAB', name: 'Tabasco' },
  { code: 'TAMPS', name: 'Tamaulipas' },
  { code: 'TLAX', name: 'Tlaxcala' },
  { code: 'VER', name: 'Veracruz de Ignacio de la Llave' },
  { code: 'YUC', name: 'Yucatán' },
  { code: 'ZAC', name: 'Zacatecas' },
];

/** Number of Ministry of Economy federal offices (Oficinas de Representación Federal) listed below. */
export const SE_OFFICE_COUNT = 52;

/** Central office in Mexico City, code '<AGENCY>-CDMX' (every agency except SE and CONAPESCA). */
function centralOffice(agency: string, name: string): OfficeSeed {
  return { code: `${agency}-CDMX`, name, state: 'CDMX', city: 'Ciudad de México' };
}

/** Secretaría de Economía: Oficinas de Representación Federal, grouped by state. */
const SE_OFFICES: OfficeSeed[] = [
  {
    code: 'SE-AGS-AGS',
    name: 'Oficina de Representación Federal en Aguascalientes (Aguascalientes)',
    state: 'AGS',
    city: 'Aguascalientes',
  },
  {
    code: 'SE-BC-TIJ',
    name: 'Oficina de Representación Federal en Baja California (Tijuana)',
    state: 'BC',
    city: 'Tijuana',
  },
  {
    code: 'SE-BC-MXL',
    name: 'Oficina de Representación Federal en Baja California (Mexicali)',
    state: 'BC',
    city: 'Mexicali',
  },
  {
    code: 'SE-BC-ENS',
    name: 'Oficina de Representación Federal en Baja California (Ensenada)',
    state: 'BC',
    city: 'Ensenada',
  },
  {
    code: 'SE-BCS-LPZ',
    name: 'Oficina de Representación Federal en Baja California Sur (La Paz)',
    state: 'BCS',
    city: 'La Paz',
  },
  {
    code: 'SE-CAM-CAM',
    name: 'Oficina de Representación Federal en Campeche (Campeche)',
    state: 'CAM',
    city: 'Campeche',
  },
  {
    code: 'SE-COAH-SAL',
    name: 'Oficina de Representación Federal en Coahuila (Saltillo)',
    state: 'COAH',
    city: 'Saltillo',
  },
  {
    code: 'SE-COAH-TOR',
    name: 'Oficina de Representación Federal en Coahuila (Torreón)',
    state: 'COAH',
    city: 'Torreón',
  },
  {
    code: 'SE-COAH-PNE',
    name: 'Oficina de Representación Federal en Coahuila (Piedras Negras)',
    state: 'COAH',
    city: 'Piedras Negras',
  },
  {
    code: 'SE-COL-MAN',
    name: 'Oficina de Representación Federal en Colima (Manzanillo)',
    state: 'COL',
    city: 'Manzanillo',
  },
  {
    code: 'SE-CHIS-TUX',
    name: 'Oficina de Representación Federal en Chiapas (Tuxtla Gutiérrez)',
    state: 'CHIS',
    city: 'Tuxtla Gutiérrez',
  },
  {
    code: 'SE-CHIH-CHI',
    name: 'Oficina de Representación Federal en Chihuahua (Chihuahua)',
    state: 'CHIH',
    city: 'Chihuahua',
  },
  {
    code: 'SE-CHIH-JUA',
    name: 'Oficina de Representación Federal en Chihuahua (Ciudad Juárez)',
    state: 'CHIH',
    city: 'Ciudad Juárez',
  },
  {
    code: 'SE-CDMX-CMX',
    name: 'Oficina de Representación Federal en la Ciudad de México',
    state: 'CDMX',
    city: 'Ciudad de México',
  },
  {
    code: 'SE-DGO-DUR',
    name: 'Oficina de Representación Federal en Durango (Durango)',
    state: 'DGO',
    city: 'Durango',
  },
  { code: 'SE-GTO-LEO', name: 'Oficina de Representación Federal en Guanajuato (León)', state: 'GTO', city: 'León' },
  {
    code: 'SE-GTO-CEL',
    name: 'Oficina de Representación Federal en Guanajuato (Celaya)',
    state: 'GTO',
    city: 'Celaya',
  },
  {
    code: 'SE-GRO-ACA',
    name: 'Oficina de Representación Federal en Guerrero (Acapulco)',
    state: 'GRO',
    city: 'Acapulco',
  },
  {
    code: 'SE-HGO-PAC',
    name: 'Oficina de Representación Federal en Hidalgo (Pachuca)',
    state: 'HGO',
    city: 'Pachuca',
  },
  {
    code: 'SE-JAL-GDL',
    name: 'Oficina de Representación Federal en Jalisco (Guadalajara)',
    state: 'JAL',
    city: 'Guadalajara',
  },
  {
    code: 'SE-JAL-PVR',
    name: 'Oficina de Representación Federal en Jalisco (Puerto Vallarta)',
    state: 'JAL',
    city: 'Puerto Vallarta',
  },
  {
    code: 'SE-MEX-TOL',
    name: 'Oficina de Representación Federal en el Estado de México (Toluca)',
    state: 'MEX',
    city: 'Toluca',
  },
  {
    code: 'SE-MEX-NAU',
    name: 'Oficina de Representación Federal en el Estado de México (Naucalpan)',
    state: 'MEX',
    city: 'Naucalpan',
  },
  {
    code: 'SE-MICH-MOR',
    name: 'Oficina de Representación Federal en Michoacán (Morelia)',
    state: 'MICH',
    city: 'Morelia',
  },
  {
    code: 'SE-MICH-LZC',
    name: 'Oficina de Representación Federal en Michoacán (Lázaro Cárdenas)',
    state: 'MICH',
    city: 'Lázaro Cárdenas',
  },
  {
    code: 'SE-MOR-CUE',
    name: 'Oficina de Representación Federal en Morelos (Cuernavaca)',
    state: 'MOR',
    city: 'Cuernavaca',
  },
  { code: 'SE-NAY-TEP', name: 'Oficina de Representación Federal en Nayarit (Tepic)', state: 'NAY', city: 'Tepic' },
  {
    code: 'SE-NL-MTY',
    name: 'Oficina de Representación Federal en Nuevo León (Monterrey)',
    state: 'NL',
    city: 'Monterrey',
  },
  {
    code: 'SE-NL-APO',
    name: 'Oficina de Representación Federal en Nuevo León (Apodaca)',
    state: 'NL',
    city: 'Apodaca',
  },
  { code: 'SE-OAX-OAX', name: 'Oficina de Representación Federal en Oaxaca (Oaxaca)', state: 'OAX', city: 'Oaxaca' },
  { code: 'SE-PUE-PUE', name: 'Oficina de Representación Federal en Puebla (Puebla)', state: 'PUE', city: 'Puebla' },
  {
    code: 'SE-QRO-QRO',
    name: 'Oficina de Representación Federal en Querétaro (Querétaro)',
    state: 'QRO',
    city: 'Querétaro',
  },
  {
    code: 'SE-QROO-CUN',
    name: 'Oficina de Representación Federal en Quintana Roo (Cancún)',
    state: 'QROO',
    city: 'Cancún',
  },
  {
    code: 'SE-QROO-CHE',
    name: 'Oficina de Representación Federal en Quintana Roo (Chetumal)',
    state: 'QROO',
    city: 'Chetumal',
  },
  {
    code: 'SE-SLP-SLP',
    name: 'Oficina de Representación Federal en San Luis Potosí (San Luis Potosí)',
    state: 'SLP',
    city: 'San Luis Potosí',
  },
  {
    code: 'SE-SIN-CUL',
    name: 'Oficina de Representación Federal en Sinaloa (Culiacán)',
    state: 'SIN',
    city: 'Culiacán',
  },
  {
    code: 'SE-SIN-MZT',
    name: 'Oficina de Representación Federal en Sinaloa (Mazatlán)',
    state: 'SIN',
    city: 'Mazatlán',
  },
  {
    code: 'SE-SON-HMO',
    name: 'Oficina de Representación Federal en Sonora (Hermosillo)',
    state: 'SON',
    city: 'Hermosillo',
  },
  { code: 'SE-SON-NOG', name: 'Oficina de Representación Federal en Sonora (Nogales)', state: 'SON', city: 'Nogales' },
  {
    code: 'SE-SON-OBR',
    name: 'Oficina de Representación Federal en Sonora (Ciudad Obregón)',
    state: 'SON',
    city: 'Ciudad Obregón',
  },
  {
    code: 'SE-SON-SLR',
    name: 'Oficina de Representación Federal en Sonora (San Luis Río Colorado)',
    state: 'SON',
    city: 'San Luis Río Colorado',
  },
  {
    code: 'SE-TAB-VSA',
    name: 'Oficina de Representación Federal en Tabasco (Villahermosa)',
    state: 'TAB',
    city: 'Villahermosa',
  },
  {
    code: 'SE-TAMPS-NLD',
    name: 'Oficina de Representación Federal en Tamaulipas (Nuevo Laredo)',
    state: 'TAMPS',
    city: 'Nuevo Laredo',
  },
  {
    code: 'SE-TAMPS-REY',
    name: 'Oficina de Representación Federal en Tamaulipas (Reynosa)',
    state: 'TAMPS',
    city: 'Reynosa',
  },
  {
    code: 'SE-TAMPS-MAT',
    name: 'Oficina de Representación Federal en Tamaulipas (Matamoros)',
    state: 'TAMPS',
    city: 'Matamoros',
  },
  {
    code: 'SE-TAMPS-TAM',
    name: 'Oficina de Representación Federal en Tamaulipas (Tampico)',
    state: 'TAMPS',
    city: 'Tampico',
  },
  {
    code: 'SE-TLAX-TLA',
    name: 'Oficina de Representación Federal en Tlaxcala (Tlaxcala)',
    state: 'TLAX',
    city: 'Tlaxcala',
  },
  {
    code: 'SE-VER-VER',
    name: 'Oficina de Representación Federal en Veracruz (Veracruz)',
    state: 'VER',
    city: 'Veracruz',
  },
  {
    code: 'SE-VER-COA',
    name: 'Oficina de Representación Federal en Veracruz (Coatzacoalcos)',
    state: 'VER',
    city: 'Coatzacoalcos',
  },
  { code: 'SE-VER-XAL', name: 'Oficina de Representación Federal en Veracruz (Xalapa)', state: 'VER', city: 'Xalapa' },
  {
    code: 'SE-YUC-MER',
    name: 'Oficina de Representación Federal en Yucatán (Mérida)',
    state: 'YUC',
    city: 'Mérida',
  },
  {
    code: 'SE-ZAC-ZAC',
    name: 'Oficina de Representación Federal en Zacatecas (Zacatecas)',
    state: 'ZAC',
    city: 'Zacatecas',
  },
];

export const AGENCIES: ReadonlyArray<AgencySeed> = [
  {
    code: 'SE',
    name: { es: 'Secretaría de Economía', en: 'Ministry of Economy' },
    acronym: 'SE',
    description: {
      es:
        'Conduce la política de comercio exterior y administra medidas no arancelarias ' +
        'como permisos previos de importación y exportación, cupos y certificados de origen.',
      en:
        'Sets foreign-trade policy and administers non-tariff measures such as prior ' +
        'import and export permits, quotas and certificates of origin.',
    },
    officeBound: true,
    offices: SE_OFFICES,
  },
  {
    code: 'ANAM',
    name: { es: 'Agencia Nacional de Aduanas de México', en: 'National Customs Agency of Mexico' },
    acronym: 'ANAM',
    description: {
      es:
        'Opera las aduanas del país: controla la entrada y salida de mercancías, ' +
        'verifica en el despacho el cumplimiento de regulaciones y restricciones no ' +
        'arancelarias y recauda las contribuciones al comercio exterior.',
      en:
        "Runs the country's customs offices: it controls goods entering and leaving " +
        'Mexico, checks compliance with non-tariff regulations at clearance and collects ' +
        'foreign-trade duties and taxes.',
    },
    officeBound: true,
    offices: [
      centralOffice('ANAM', 'Oficinas centrales de la Agencia Nacional de Aduanas de México'),
      { code: 'ANAM-TAMPS-NLD', name: 'Aduana de Nuevo Laredo', state: 'TAMPS', city: 'Nuevo Laredo' },
      { code: 'ANAM-COL-MAN', name: 'Aduana de Manzanillo', state: 'COL', city: 'Manzanillo' },
      { code: 'ANAM-VER-VER', name: 'Aduana de Veracruz', state: 'VER', city: 'Veracruz' },
      { code: 'ANAM-BC-TIJ', name: 'Aduana de Tijuana', state: 'BC', city: 'Tijuana' },
      { code: 'ANAM-CHIH-JUA', name: 'Aduana de Ciudad Juárez', state: 'CHIH', city: 'Ciudad Juárez' },
      { code: 'ANAM-MICH-LZC', name: 'Aduana de Lázaro Cárdenas', state: 'MICH', city: 'Lázaro Cárdenas' },
      {
        code: 'ANAM-CDMX-AICM',
        name: 'Aduana del Aeropuerto Internacional de la Ciudad de México',
        state: 'CDMX',
        city: 'Ciudad de México',
      },
    ],
  },
  {
    code: 'SAT',
    name: { es: 'Servicio de Administración Tributaria', en: 'Tax Administration Service' },
    acronym: 'SAT',
    description: {
      es:
        'Administra las obligaciones fiscales de importadores y exportadores, incluidos ' +
        'el Registro Federal de Contribuyentes, el padrón de importadores y la e.firma ' +
        'con la que se firman los trámites.',
      en:
        'Administers the tax obligations of importers and exporters, including the ' +
        'Federal Taxpayer Registry, the importers register and the e.firma electronic signature used to sign filings.',
    },
    officeBound: false,
    offices: [centralOffice('SAT', 'Oficinas centrales del Servicio de Administración Tributaria')],
  },
  {
    code: 'SENASICA',
    name: {
      es: 'Servicio Nacional de Sanidad, Inocuidad y Calidad Agroalimentaria',
      en: 'National Service for Agri-Food Health, Safety and Quality',
    },
    acronym: 'SENASICA',
    description: {
      es:
        'Verifica y certifica la condición zoosanitaria y fitosanitaria de los animales, ' +
        'vegetales y sus productos que se importan o exportan, e inspecciona estas ' +
        'mercancías en los puntos de entrada.',
      en:
        'Checks and certifies the animal and plant health status of imported and ' +
        'exported animals, plants and their products, and inspects these goods at points of entry.',
    },
    officeBound: true,
    offices: [
      centralOffice(
        'SENASICA',
        'Oficinas centrales del Servicio Nacional de Sanidad, Inocuidad y Calidad Agroalimentaria',
      ),
      {
        code: 'SENASICA-TAMPS-NLD',
        name: 'Oficina de Inspección de Sanidad Agropecuaria en Nuevo Laredo',
        state: 'TAMPS',
        city: 'Nuevo Laredo',
      },
      {
        code: 'SENASICA-COL-MAN',
        name: 'Oficina de Inspección de Sanidad Agropecuaria en Manzanillo',
        state: 'COL',
        city: 'Manzanillo',
      },
      {
        code: 'SENASICA-VER-VER',
        name: 'Oficina de Inspección de Sanidad Agropecuaria en Veracruz',
        state: 'VER',
        city: 'Veracruz',
      },
    ],
  },
  {
    code: 'COFEPRIS',
    name: {
      es: 'Comisión Federal para la Protección contra Riesgos Sanitarios',
      en: 'Federal Commission for Protection against Sanitary Risks',
    },
    acronym: 'COFEPRIS',
    description: {
      es:
        'Autoriza la importación y exportación de medicamentos, dispositivos médicos, ' +
        'alimentos, cosméticos, sustancias tóxicas y otros productos que pueden representar un riesgo para la salud.',
      en:
        'Authorises imports and exports of medicines, medical devices, food, cosmetics, ' +
        'toxic substances and other products that may pose a health risk.',
    },
    officeBound: false,
    offices: [
      centralOffice(
        'COFEPRIS',
        'Oficinas centrales de la Comisión Federal para la Protección contra Riesgos Sanitarios',
      ),
      {
        code: 'COFEPRIS-TAMPS-NLD',
        name: 'Oficina de Sanidad Internacional en Nuevo Laredo',
        state: 'TAMPS',
        city: 'Nuevo Laredo',
      },
      {
        code: 'COFEPRIS-COL-MAN',
        name: 'Oficina de Sanidad Internacional en Manzanillo',
        state: 'COL',
        city: 'Manzanillo',
      },
    ],
  },
  {
    code: 'SEMARNAT',
    name: {
      es: 'Secretaría de Medio Ambiente y Recursos Naturales',
      en: 'Ministry of Environment and Natural Resources',
    },
    acronym: 'SEMARNAT',
    description: {
      es:
        'Autoriza la importación y exportación de vida silvestre, incluidos los permisos ' +
        'CITES, de productos forestales, de residuos peligrosos y de otras mercancías ' +
        'reguladas por razones ambientales.',
      en:
        'Authorises imports and exports of wildlife (including CITES permits), forest ' +
        'products, hazardous waste and other goods regulated for environmental reasons.',
    },
    officeBound: false,
    offices: [centralOffice('SEMARNAT', 'Oficinas centrales de la Secretaría de Medio Ambiente y Recursos Naturales')],
  },
  {
    code: 'SENER',
    name: { es: 'Secretaría de Energía', en: 'Ministry of Energy' },
    acronym: 'SENER',
    description: {
      es:
        'Expide los permisos de importación y exportación de hidrocarburos, petrolíferos ' +
        'y otros productos energéticos.',
      en: 'Issues import and export permits for hydrocarbons, petroleum products and other energy products.',
    },
    officeBound: false,
    offices: [centralOffice('SENER', 'Oficinas centrales de la Secretaría de Energía')],
  },
  {
    code: 'SEDENA',
    name: { es: 'Secretaría de la Defensa Nacional', en: 'Ministry of National Defence' },
    acronym: 'SEDENA',
    description: {
      es:
        'Autoriza y controla la importación y exportación de armas de fuego, municiones, ' +
        'explosivos y sustancias químicas relacionadas con explosivos.',
      en:
        'Authorises and controls imports and exports of firearms, ammunition, explosives ' +
        'and explosive-related chemicals.',
    },
    officeBound: false,
    offices: [centralOffice('SEDENA', 'Oficinas centrales de la Secretaría de la Defensa Nacional')],
  },
  {
    code: 'INAH',
    name: {
      es: 'Instituto Nacional de Antropología e Historia',
      en: 'National Institute of Anthropology and History',
    },
    acronym: 'INAH',
    description: {
      es:
        'Protege el patrimonio arqueológico e histórico de la nación y controla la ' +
        'salida del país de monumentos y bienes arqueológicos e históricos.',
      en:
        "Protects the nation's archaeological and historical heritage and controls the " +
        'export of archaeological and historical monuments and objects.',
    },
    officeBound: false,
    offices: [centralOffice('INAH', 'Oficinas centrales del Instituto Nacional de Antropología e Historia')],
  },
  {
    code: 'INBAL',
    name: {
      es: 'Instituto Nacional de Bellas Artes y Literatura',
      en: 'National Institute of Fine Arts and Literature',
    },
    acronym: 'INBAL',
    description: {
      es:
        'Protege el patrimonio artístico de la nación y expide los permisos o ' +
        'constancias que se requieren para exportar obras de arte.',
      en:
        "Protects the nation's artistic heritage and issues the permits or certificates " +
        'needed to export works of art.',
    },
    officeBound: false,
    offices: [centralOffice('INBAL', 'Oficinas centrales del Instituto Nacional de Bellas Artes y Literatura')],
  },
  {
    code: 'CNSNS',
    name: {
      es: 'Comisión Nacional de Seguridad Nuclear y Salvaguardias',
      en: 'National Commission for Nuclear Safety and Safeguards',
    },
    acronym: 'CNSNS',
    description: {
      es:
        'Regula la seguridad nuclear y radiológica y autoriza la importación y ' +
        'exportación de materiales radiactivos, combustible nuclear y equipos generadores de radiación ionizante.',
      en:
        'Regulates nuclear and radiological safety and authorises imports and exports of ' +
        'radioactive materials, nuclear fuel and equipment that generates ionising radiation.',
    },
    officeBound: false,
    offices: [
      centralOffice('CNSNS', 'Oficinas centrales de la Comisión Nacional de Seguridad Nuclear y Salvaguardias'),
    ],
  },
  {
    code: 'PROFEPA',
    name: {
      es: 'Procuraduría Federal de Protección al Ambiente',
      en: 'Federal Attorney for Environmental Protection',
    },
    acronym: 'PROFEPA',
    description: {
      es:
        'Inspecciona en puertos, aeropuertos y fronteras las mercancías reguladas por la ' +
        'legislación ambiental, como vida silvestre, productos forestales y residuos peligrosos.',
      en:
        'Inspects goods covered by environmental law, such as wildlife, forest products ' +
        'and hazardous waste, at ports, airports and border crossings.',
    },
    officeBound: false,
    offices: [centralOffice('PROFEPA', 'Oficinas centrales de la Procuraduría Federal de Protección al Ambiente')],
  },
  {
    code: 'SEP',
    name: { es: 'Secretaría de Educación Pública', en: 'Ministry of Public Education' },
    acronym: 'SEP',
    description: {
      es: 'Atiende los trámites de comercio exterior que corresponden a su competencia en materia educativa.',
      en: 'Handles the foreign-trade procedures that fall within its remit in education.',
    },
    officeBound: false,
    offices: [centralOffice('SEP', 'Oficinas centrales de la Secretaría de Educación Pública')],
  },
  {
    code: 'CONAPESCA',
    name: { es: 'Comisión Nacional de Acuacultura y Pesca', en: 'National Commission of Aquaculture and Fisheries' },
    acronym: 'CONAPESCA',
    description: {
      es:
        'Administra la pesca y la acuacultura y participa en el control de la ' +
        'importación y exportación de especies y productos pesqueros y acuícolas.',
      en:
        'Manages fisheries and aquaculture and takes part in controlling imports and ' +
        'exports of fish, seafood and other aquatic species and products.',
    },
    officeBound: false,
    offices: [
      // Head office is in Mazatlán, not Mexico City, so this is the one central office outside CDMX.
      {
        code: 'CONAPESCA-SIN-MZT',
        name: 'Oficinas centrales de la Comisión Nacional de Acuacultura y Pesca',
        state: 'SIN',
        city: 'Mazatlán',
      },
    ],
  },
  {
    code: 'SICT',
    name: {
      es: 'Secretaría de Infraestructura, Comunicaciones y Transportes',
      en: 'Ministry of Infrastructure, Communications and Transport',
    },
    acronym: 'SICT',
    description: {
      es:
        'Regula el autotransporte federal, los ferrocarriles y la aviación civil que ' +
        'mueven el comercio exterior y expide los permisos de transporte correspondientes.',
      en:
        'Regulates the federal road transport, rail and civil aviation services that ' +
        'carry foreign trade and issues the related transport permits.',
    },
    officeBound: false,
    offices: [
      centralOffice('SICT', 'Oficinas centrales de la Secretaría de Infraestructura, Comunicaciones y Transportes'),
    ],
  },
];
