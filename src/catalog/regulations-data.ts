/**
 * Which goods need which procedure: each rule maps an HS prefix (chapter, heading or subheading of HS 2022),
 * a flow and optionally a set of countries to a procedure code of the catalogue.
 *
 * These are representative scopes modelled on Mexico's non-tariff regulations, not the official lists:
 * the official lists are by 8-digit tariff line plus NICO, which HS 2022 cannot express, so a rule can
 * cover lines that are not actually subject (each note says when this matters).
 */

export type Flow = 'import' | 'export';

export interface RegulationRule {
  /** Unique, e.g. 'R-0001'. */
  id: string;
  /** 2, 4 or 6 digits of HS 2022. */
  hsPrefix: string;
  flow: Flow;
  /** A procedure code of the catalogue, with the same flow. */
  procedure: string;
  /** ISO 3166 alpha-2 codes: of origin for imports, of destination for exports. */
  countries?: { only?: string[]; except?: string[] };
  /** First day the rule applies (YYYY-MM-DD). */
  effectiveFrom: string;
  /** Last day the rule applies (YYYY-MM-DD), when it has ended or is scheduled to end. */
  effectiveTo?: string;
  note: { es: string; en: string };
}

export const REGULATION_RULES: readonly RegulationRule[] = [
  {
    id: 'R-0001', hsPrefix: '93', flow: 'import', procedure: 'SEDENA-ARMS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Armas y municiones, sus partes y accesorios.', en: 'Arms and ammunition, their parts and accessories.' },
  },
  {
    id: 'R-0002', hsPrefix: '3601', flow: 'import', procedure: 'SEDENA-ARMS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Pólvoras propulsoras.', en: 'Propellent powders.' },
  },
  {
    id: 'R-0003', hsPrefix: '3602', flow: 'import', procedure: 'SEDENA-ARMS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Explosivos preparados, excepto las pólvoras propulsoras.', en: 'Prepared explosives, other than propellent powders.' },
  },
  {
    id: 'R-0004', hsPrefix: '3603', flow: 'import', procedure: 'SEDENA-ARMS-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Mechas de seguridad, cordones detonantes, cebos, cápsulas fulminantes y detonadores.',
      en: 'Safety fuses, detonating cords, primers, percussion caps and detonators.',
    },
  },
  {
    id: 'R-0005', hsPrefix: '3604', flow: 'import', procedure: 'SEDENA-ARMS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Artículos para fuegos artificiales y pirotecnia.', en: 'Fireworks and other pyrotechnic articles.' },
  },
  {
    id: 'R-0006', hsPrefix: '3003', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Medicamentos sin dosificar ni acondicionar para la venta al por menor. Los que contienen estupefacientes o psicotrópicos requieren además el permiso de sustancias controladas.',
      en: 'Medicaments not in measured doses or packed for retail sale. Those containing narcotics or psychotropics also need the controlled-substances permit.',
    },
  },
  {
    id: 'R-0007', hsPrefix: '3004', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Medicamentos dosificados o acondicionados para la venta al por menor. Los que contienen estupefacientes o psicotrópicos requieren además el permiso de sustancias controladas.',
      en: 'Medicaments in measured doses or packed for retail sale. Those containing narcotics or psychotropics also need the controlled-substances permit.',
    },
  },
  {
    id: 'R-0008', hsPrefix: '300212', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Antisueros y demás fracciones de la sangre.', en: 'Antisera and other blood fractions.' },
  },
  {
    id: 'R-0009', hsPrefix: '300213', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Productos inmunológicos sin mezclar, sin dosificar.', en: 'Immunological products, unmixed, not in measured doses.' },
  },
  {
    id: 'R-0010', hsPrefix: '300214', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Productos inmunológicos mezclados, sin dosificar.', en: 'Immunological products, mixed, not in measured doses.' },
  },
  {
    id: 'R-0011', hsPrefix: '300215', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Productos inmunológicos dosificados o acondicionados para la venta al por menor.',
      en: 'Immunological products in measured doses or packed for retail sale.',
    },
  },
  {
    id: 'R-0012', hsPrefix: '300241', flow: 'import', procedure: 'COFEPRIS-MEDICINES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Vacunas para uso humano.', en: 'Vaccines for human medicine.' },
  },
  {
    id: 'R-0013', hsPrefix: '9018', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Instrumentos y aparatos de medicina, cirugía, odontología y veterinaria.',
      en: 'Medical, surgical, dental and veterinary instruments and appliances.',
    },
  },
  {
    id: 'R-0014', hsPrefix: '901920', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Aparatos de ozonoterapia, oxigenoterapia, aerosolterapia y respiración artificial.',
      en: 'Ozone, oxygen and aerosol therapy and artificial respiration apparatus.',
    },
  },
  {
    id: 'R-0015', hsPrefix: '902110', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Artículos y aparatos de ortopedia y para fracturas.', en: 'Orthopaedic and fracture appliances.' },
  },
  {
    id: 'R-0016', hsPrefix: '902121', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Dientes artificiales.', en: 'Artificial teeth.' },
  },
  {
    id: 'R-0017', hsPrefix: '902131', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Prótesis articulares.', en: 'Artificial joints.' },
  },
  {
    id: 'R-0018', hsPrefix: '902139', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Otros artículos y aparatos de prótesis.', en: 'Other artificial parts of the body.' },
  },
  {
    id: 'R-0019', hsPrefix: '902140', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Audífonos, excepto sus partes y accesorios.', en: 'Hearing aids, excluding parts and accessories.' },
  },
  {
    id: 'R-0020', hsPrefix: '902150', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Estimuladores cardiacos (marcapasos).', en: 'Pacemakers for stimulating heart muscles.' },
  },
  {
    id: 'R-0021', hsPrefix: '902212', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Aparatos de tomografía computarizada.', en: 'Computed tomography apparatus.' },
  },
  {
    id: 'R-0022', hsPrefix: '902213', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Aparatos de rayos X para uso odontológico.', en: 'X-ray apparatus for dental use.' },
  },
  {
    id: 'R-0023', hsPrefix: '902214', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Aparatos de rayos X para uso médico, quirúrgico o veterinario.',
      en: 'X-ray apparatus for medical, surgical or veterinary use.',
    },
  },
  {
    id: 'R-0024', hsPrefix: '902221', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Aparatos que utilizan radiaciones alfa, beta o gamma, para uso médico. Si incluyen una fuente radiactiva, ésta requiere además el permiso de la CNSNS.',
      en: 'Apparatus using alpha, beta or gamma radiation, for medical use. A radioactive source shipped with them also needs the CNSNS permit.',
    },
  },
  {
    id: 'R-0025', hsPrefix: '300610', flow: 'import', procedure: 'COFEPRIS-MEDICAL-DEVICES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Suturas quirúrgicas estériles, adhesivos tisulares y hemostáticos.',
      en: 'Sterile surgical sutures, tissue adhesives and haemostatics.',
    },
  },
  {
    id: 'R-0026', hsPrefix: '293911', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Alcaloides del opio y sus derivados (p. ej. morfina, codeína, buprenorfina).',
      en: 'Opium alkaloids and their derivatives (e.g. morphine, codeine, buprenorphine).',
    },
  },
  {
    id: 'R-0027', hsPrefix: '293919', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Otros alcaloides del opio y sus derivados.', en: 'Other opium alkaloids and their derivatives.' },
  },
  {
    id: 'R-0028', hsPrefix: '293333', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Fentanilo, petidina, bromazepam y demás sustancias de la subpartida.',
      en: 'Fentanyl, pethidine, bromazepam and the other substances of the subheading.',
    },
  },
  {
    id: 'R-0029', hsPrefix: '293336', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'ANPP (4-anilino-N-fenetilpiperidina), precursor del fentanilo.',
      en: 'ANPP (4-anilino-N-phenethylpiperidine), a fentanyl precursor.',
    },
  },
  {
    id: 'R-0030', hsPrefix: '293337', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'NPP (N-fenetil-4-piperidona), precursor del fentanilo.', en: 'NPP (N-phenethyl-4-piperidone), a fentanyl precursor.' },
  },
  {
    id: 'R-0031', hsPrefix: '293391', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Benzodiazepinas (alprazolam, clonazepam, diazepam y similares).',
      en: 'Benzodiazepines (alprazolam, clonazepam, diazepam and similar).',
    },
  },
  {
    id: 'R-0032', hsPrefix: '293353', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Barbitúricos (fenobarbital, pentobarbital y similares).', en: 'Barbiturates (phenobarbital, pentobarbital and similar).' },
  },
  {
    id: 'R-0033', hsPrefix: '292214', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Dextropropoxifeno y sus sales.', en: 'Dextropropoxyphene and its salts.' },
  },
  {
    id: 'R-0034', hsPrefix: '292244', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Tilidina y sus sales.', en: 'Tilidine and its salts.' },
  },
  {
    id: 'R-0035', hsPrefix: '293961', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Ergometrina y sus sales, precursor químico.', en: 'Ergometrine and its salts, a chemical precursor.' },
  },
  {
    id: 'R-0036', hsPrefix: '293962', flow: 'import', procedure: 'COFEPRIS-CONTROLLED-SUBSTANCES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Ergotamina y sus sales, precursor químico.', en: 'Ergotamine and its salts, a chemical precursor.' },
  },
  {
    id: 'R-0037', hsPrefix: '1806', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Chocolate y demás preparaciones alimenticias que contengan cacao.',
      en: 'Chocolate and other food preparations containing cocoa.',
    },
  },
  {
    id: 'R-0038', hsPrefix: '1901', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Extracto de malta y preparaciones alimenticias de harina, incluidas las fórmulas infantiles.',
      en: 'Malt extract and food preparations of flour, including infant formula.',
    },
  },
  {
    id: 'R-0039', hsPrefix: '1904', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Productos a base de cereales inflados o tostados.', en: 'Prepared foods obtained by swelling or roasting cereals.' },
  },
  {
    id: 'R-0040', hsPrefix: '1905', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Productos de panadería, pastelería y galletería.', en: 'Bread, pastry, cakes and biscuits.' },
  },
  {
    id: 'R-0041', hsPrefix: '2103', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Salsas, condimentos y sazonadores compuestos.', en: 'Sauces, mixed condiments and seasonings.' },
  },
  {
    id: 'R-0042', hsPrefix: '2106', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Preparaciones alimenticias no expresadas en otra parte, incluidos suplementos alimenticios.',
      en: 'Food preparations not elsewhere specified, including food supplements.',
    },
  },
  {
    id: 'R-0043', hsPrefix: '2202', flow: 'import', procedure: 'COFEPRIS-FOOD-PRIOR-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Bebidas no alcohólicas con adición de azúcar o edulcorantes.',
      en: 'Non-alcoholic beverages containing added sugar or sweeteners.',
    },
  },
  {
    id: 'R-0044', hsPrefix: '2709', flow: 'import', procedure: 'SENER-HYDROCARBONS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Aceites crudos de petróleo.', en: 'Crude petroleum oils.' },
  },
  {
    id: 'R-0045', hsPrefix: '2710', flow: 'import', procedure: 'SENER-HYDROCARBONS-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Gasolinas, diésel, turbosina, combustóleo y demás aceites de petróleo. Los aceites usados que son residuos peligrosos requieren además la autorización de la SEMARNAT.',
      en: 'Gasoline, diesel, jet fuel, fuel oil and other petroleum oils. Waste oils that are hazardous waste also need the SEMARNAT authorisation.',
    },
  },
  {
    id: 'R-0046', hsPrefix: '271112', flow: 'import', procedure: 'SENER-HYDROCARBONS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Propano licuado (gas LP).', en: 'Liquefied propane (LPG).' },
  },
  {
    id: 'R-0047', hsPrefix: '271113', flow: 'import', procedure: 'SENER-HYDROCARBONS-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Butanos licuados (gas LP).', en: 'Liquefied butanes (LPG).' },
  },
  {
    id: 'R-0048', hsPrefix: '2844', flow: 'import', procedure: 'CNSNS-RADIOACTIVE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Elementos e isótopos radiactivos y sus compuestos, incluidas las fuentes selladas.',
      en: 'Radioactive elements and isotopes and their compounds, including sealed sources.',
    },
  },
  {
    id: 'R-0049', hsPrefix: '970510', flow: 'export', procedure: 'INAH-CULTURAL-GOODS-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Colecciones y piezas de interés arqueológico, etnográfico o histórico. Los monumentos arqueológicos sólo salen en forma temporal.',
      en: 'Collections and pieces of archaeological, ethnographic or historical interest. Archaeological monuments may only leave temporarily.',
    },
  },
  {
    id: 'R-0050', hsPrefix: '970529', flow: 'export', procedure: 'INAH-CULTURAL-GOODS-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Piezas de interés paleontológico (la subpartida también incluye colecciones zoológicas, botánicas y mineralógicas que no son de su competencia).',
      en: 'Pieces of palaeontological interest (the subheading also covers zoological, botanical and mineralogical collections outside INAH’s remit).',
    },
  },
  {
    id: 'R-0051', hsPrefix: '970531', flow: 'export', procedure: 'INAH-CULTURAL-GOODS-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Piezas de interés numismático de más de cien años.',
      en: 'Pieces of numismatic interest more than one hundred years old.',
    },
  },
  {
    id: 'R-0052', hsPrefix: '9706', flow: 'export', procedure: 'INAH-CULTURAL-GOODS-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Antigüedades de más de cien años, que pueden ser monumentos históricos.',
      en: 'Antiques more than one hundred years old, which may be historical monuments.',
    },
  },
  {
    id: 'R-0053', hsPrefix: '9701', flow: 'export', procedure: 'INBAL-ARTWORKS-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Pinturas, dibujos, pasteles, collages y mosaicos hechos a mano. Las obras anteriores al siglo XX pueden ser monumentos históricos de competencia del INAH.',
      en: 'Paintings, drawings, pastels, collages and mosaics executed by hand. Works older than the twentieth century may be historical monuments under INAH.',
    },
  },
  {
    id: 'R-0054', hsPrefix: '9702', flow: 'export', procedure: 'INBAL-ARTWORKS-EXPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Grabados, estampas y litografías originales.', en: 'Original engravings, prints and lithographs.' },
  },
  {
    id: 'R-0055', hsPrefix: '9703', flow: 'export', procedure: 'INBAL-ARTWORKS-EXPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Obras originales de estatuaria y escultura.', en: 'Original sculptures and statuary.' },
  },
  {
    id: 'R-0056', hsPrefix: '01', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Animales vivos (los de especies listadas en la CITES requieren además el certificado CITES).',
      en: 'Live animals (species listed in CITES also need the CITES certificate).',
    },
  },
  {
    id: 'R-0057', hsPrefix: '02', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Carne y despojos comestibles.', en: 'Meat and edible offal.' },
  },
  {
    id: 'R-0058', hsPrefix: '0402', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Leche y nata concentradas o en polvo.', en: 'Milk and cream, concentrated or in powder.' },
  },
  {
    id: 'R-0059', hsPrefix: '0406', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Quesos y requesón.', en: 'Cheese and curd.' },
  },
  {
    id: 'R-0060', hsPrefix: '0407', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Huevo con cascarón, incluido el fértil para incubar.', en: 'Birds’ eggs in shell, including hatching eggs.' },
  },
  {
    id: 'R-0061', hsPrefix: '0504', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Tripas, vejigas y estómagos de animales.', en: 'Guts, bladders and stomachs of animals.' },
  },
  {
    id: 'R-0062', hsPrefix: '051110', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Semen de bovino.', en: 'Bovine semen.' },
  },
  {
    id: 'R-0063', hsPrefix: '0408', flow: 'import', procedure: 'SENASICA-ZOOSANITARY-IMPORT', effectiveFrom: '2024-02-01', effectiveTo: '2025-01-31',
    note: {
      es: 'Medida temporal de emergencia por influenza aviar para huevo sin cascarón y yemas; concluyó y se conserva para consultas históricas.',
      en: 'Temporary avian-influenza emergency measure for eggs not in shell and egg yolks; it has ended and is kept for historical look-ups.',
    },
  },
  {
    id: 'R-0064', hsPrefix: '06', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Plantas vivas, bulbos y flores cortadas.', en: 'Live plants, bulbs and cut flowers.' },
  },
  {
    id: 'R-0065', hsPrefix: '07', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Hortalizas, raíces y tubérculos.', en: 'Vegetables, roots and tubers.' },
  },
  {
    id: 'R-0066', hsPrefix: '08', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Frutas y frutos comestibles.', en: 'Edible fruit and nuts.' },
  },
  {
    id: 'R-0067', hsPrefix: '10', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Cereales en grano.', en: 'Cereal grains.' },
  },
  {
    id: 'R-0068', hsPrefix: '1201', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Habas (frijol) de soya.', en: 'Soya beans.' },
  },
  {
    id: 'R-0069', hsPrefix: '1207', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Otras semillas y frutos oleaginosos.', en: 'Other oil seeds and oleaginous fruits.' },
  },
  {
    id: 'R-0070', hsPrefix: '1209', flow: 'import', procedure: 'SENASICA-PHYTOSANITARY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Semillas para siembra.', en: 'Seeds for sowing.' },
  },
  {
    id: 'R-0071', hsPrefix: '72', flow: 'import', procedure: 'SE-STEEL-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Fundición, hierro y acero. La lista oficial es por fracción arancelaria, así que no todas las líneas del capítulo están sujetas (por ejemplo, la chatarra).',
      en: 'Iron and steel. The official list is by tariff line, so not every line in the chapter is covered (scrap, for instance).',
    },
  },
  {
    id: 'R-0072', hsPrefix: '73', flow: 'import', procedure: 'SE-STEEL-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Manufacturas de fundición, hierro o acero (tubos, perfiles, alambre, tornillería). La lista oficial es por fracción arancelaria.',
      en: 'Articles of iron or steel (tubes, structures, wire, fasteners). The official list is by tariff line.',
    },
  },
  {
    id: 'R-0073', hsPrefix: '6401', flow: 'import', procedure: 'SE-FOOTWEAR-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Calzado impermeable con suela y parte superior de caucho o plástico.',
      en: 'Waterproof footwear with outer soles and uppers of rubber or plastics.',
    },
  },
  {
    id: 'R-0074', hsPrefix: '6402', flow: 'import', procedure: 'SE-FOOTWEAR-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Demás calzado con suela y parte superior de caucho o plástico.',
      en: 'Other footwear with outer soles and uppers of rubber or plastics.',
    },
  },
  {
    id: 'R-0075', hsPrefix: '6403', flow: 'import', procedure: 'SE-FOOTWEAR-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Calzado con parte superior de cuero natural.', en: 'Footwear with uppers of leather.' },
  },
  {
    id: 'R-0076', hsPrefix: '6404', flow: 'import', procedure: 'SE-FOOTWEAR-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Calzado con parte superior de materia textil.', en: 'Footwear with uppers of textile materials.' },
  },
  {
    id: 'R-0077', hsPrefix: '6405', flow: 'import', procedure: 'SE-FOOTWEAR-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Demás calzado.', en: 'Other footwear.' },
  },
  {
    id: 'R-0078', hsPrefix: '6406', flow: 'import', procedure: 'SE-FOOTWEAR-NOTICE', effectiveFrom: '2027-07-01',
    note: {
      es: 'Partes de calzado (cortes, plantillas, tacones): ampliación programada del aviso automático.',
      en: 'Parts of footwear (uppers, insoles, heels): scheduled extension of the automatic notice.',
    },
  },
  {
    id: 'R-0079', hsPrefix: '61', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Prendas y complementos de vestir de punto.', en: 'Knitted or crocheted apparel and clothing accessories.' },
  },
  {
    id: 'R-0080', hsPrefix: '62', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Prendas y complementos de vestir, excepto los de punto.',
      en: 'Apparel and clothing accessories, not knitted or crocheted.',
    },
  },
  {
    id: 'R-0081', hsPrefix: '5208', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Tejidos de algodón de peso no superior a 200 g/m².', en: 'Woven cotton fabrics weighing not more than 200 g/m².' },
  },
  {
    id: 'R-0082', hsPrefix: '5209', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Tejidos de algodón de peso superior a 200 g/m².', en: 'Woven cotton fabrics weighing more than 200 g/m².' },
  },
  {
    id: 'R-0083', hsPrefix: '5407', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Tejidos de hilados de filamentos sintéticos.', en: 'Woven fabrics of synthetic filament yarn.' },
  },
  {
    id: 'R-0084', hsPrefix: '5512', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Tejidos con 85 % o más de fibras sintéticas discontinuas.',
      en: 'Woven fabrics containing 85 % or more of synthetic staple fibres.',
    },
  },
  {
    id: 'R-0085', hsPrefix: '5513', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: {
      es: 'Tejidos de fibras sintéticas discontinuas mezcladas con algodón, de peso ligero.',
      en: 'Light woven fabrics of synthetic staple fibres mixed with cotton.',
    },
  },
  {
    id: 'R-0086', hsPrefix: '6302', flow: 'import', procedure: 'SE-TEXTILE-NOTICE', effectiveFrom: '2024-01-01',
    note: { es: 'Ropa de cama, de mesa, de tocador y de cocina.', en: 'Bed, table, toilet and kitchen linen.' },
  },
  {
    id: 'R-0087', hsPrefix: '870321', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0088', hsPrefix: '870322', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0089', hsPrefix: '870323', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0090', hsPrefix: '870324', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0091', hsPrefix: '870331', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0092', hsPrefix: '870332', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0093', hsPrefix: '870333', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0094', hsPrefix: '870340', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0095', hsPrefix: '870350', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0096', hsPrefix: '870360', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0097', hsPrefix: '870370', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0098', hsPrefix: '870380', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0099', hsPrefix: '870390', flow: 'import', procedure: 'SE-USED-VEHICLES-IMPORT', countries: { except: ['US', 'CA'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
      en: 'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for used vehicles and only those need the licence. Vehicles from the United States and Canada are generally imported under the used-vehicle decree, without this licence.',
    },
  },
  {
    id: 'R-0100', hsPrefix: '401220', flow: 'import', procedure: 'SE-USED-TYRES-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Neumáticos (llantas neumáticas) usados.', en: 'Used pneumatic tyres.' },
  },
  {
    id: 'R-0101', hsPrefix: '6309', flow: 'import', procedure: 'SE-USED-CLOTHING-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Artículos de prendería (ropa y demás artículos textiles usados).', en: 'Worn clothing and other worn textile articles.' },
  },
  {
    id: 'R-0102', hsPrefix: '03', flow: 'import', procedure: 'CONAPESCA-FISHERY-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Pescados, crustáceos, moluscos y demás invertebrados acuáticos.',
      en: 'Fish, crustaceans, molluscs and other aquatic invertebrates.',
    },
  },
  {
    id: 'R-0103', hsPrefix: '1604', flow: 'import', procedure: 'CONAPESCA-FISHERY-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Preparaciones y conservas de pescado, incluido el atún enlatado.',
      en: 'Prepared or preserved fish, including canned tuna.',
    },
  },
  {
    id: 'R-0104', hsPrefix: '1605', flow: 'import', procedure: 'CONAPESCA-FISHERY-IMPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Crustáceos y moluscos preparados o en conserva.', en: 'Crustaceans and molluscs, prepared or preserved.' },
  },
  {
    id: 'R-0105', hsPrefix: '2620', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Cenizas y residuos con metales (zinc, plomo, cobre, arsénico, cadmio); sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Ash and residues containing metals (zinc, lead, copper, arsenic, cadmium); only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0106', hsPrefix: '7112', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Desperdicios y desechos de metales preciosos, para recuperación; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Waste and scrap of precious metals, for recovery; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0107', hsPrefix: '382541', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Disolventes orgánicos halogenados de desecho; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Halogenated waste organic solvents; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0108', hsPrefix: '382549', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Otros disolventes orgánicos de desecho; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Other waste organic solvents; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0109', hsPrefix: '382550', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Desechos de soluciones decapantes, fluidos hidráulicos, líquidos de frenos y anticongelantes; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Wastes of metal pickling liquors, hydraulic fluids, brake fluids and anti-freeze; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0110', hsPrefix: '382561', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Desechos de la industria química con componentes orgánicos; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Chemical-industry wastes mainly containing organic constituents; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0111', hsPrefix: '382569', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Otros desechos de la industria química; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Other chemical-industry wastes; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0112', hsPrefix: '854911', flow: 'import', procedure: 'SEMARNAT-HAZARDOUS-WASTE-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Acumuladores de plomo-ácido usados, para recuperar el plomo; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Spent lead-acid accumulators, for lead recovery; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0113', hsPrefix: '3825', flow: 'export', procedure: 'SEMARNAT-HAZARDOUS-WASTE-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Productos residuales de la industria química, incluidos los residuos clínicos y disolventes de desecho; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Residual products of the chemical industry, including clinical waste and waste solvents; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0114', hsPrefix: '271091', flow: 'export', procedure: 'SEMARNAT-HAZARDOUS-WASTE-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Aceites usados que contienen bifenilos policlorados (BPC); sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Waste oils containing polychlorinated biphenyls (PCBs); only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0115', hsPrefix: '271099', flow: 'export', procedure: 'SEMARNAT-HAZARDOUS-WASTE-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Demás aceites usados; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Other waste oils; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0116', hsPrefix: '300692', flow: 'export', procedure: 'SEMARNAT-HAZARDOUS-WASTE-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Desechos farmacéuticos; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Waste pharmaceuticals; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0117', hsPrefix: '854912', flow: 'export', procedure: 'SEMARNAT-HAZARDOUS-WASTE-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Pilas y acumuladores de desecho con plomo, cadmio o mercurio; sólo los lotes clasificados como residuo peligroso requieren la autorización.',
      en: 'Waste cells and batteries containing lead, cadmium or mercury; only lots classified as hazardous waste need the authorisation.',
    },
  },
  {
    id: 'R-0118', hsPrefix: '0106', flow: 'import', procedure: 'SEMARNAT-CITES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Otros animales vivos (primates, reptiles, aves, etc.); sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Other live animals (primates, reptiles, birds, etc.); only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0119', hsPrefix: '4301', flow: 'import', procedure: 'SEMARNAT-CITES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Peletería en bruto; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Raw furskins; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0120', hsPrefix: '9601', flow: 'import', procedure: 'SEMARNAT-CITES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Marfil, concha, coral y demás materias animales para tallar, trabajados; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Worked ivory, tortoiseshell, coral and other animal carving material; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0121', hsPrefix: '970522', flow: 'import', procedure: 'SEMARNAT-CITES-IMPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Colecciones de especies extintas o en peligro, y sus partes; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Collections of extinct or endangered species and parts thereof; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0122', hsPrefix: '0106', flow: 'export', procedure: 'SEMARNAT-CITES-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Otros animales vivos (primates, reptiles, aves, etc.); sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Other live animals (primates, reptiles, birds, etc.); only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0123', hsPrefix: '060290', flow: 'export', procedure: 'SEMARNAT-CITES-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Demás plantas vivas, como cactáceas y orquídeas; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Other live plants, such as cacti and orchids; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0124', hsPrefix: '4301', flow: 'export', procedure: 'SEMARNAT-CITES-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Peletería en bruto; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Raw furskins; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0125', hsPrefix: '9601', flow: 'export', procedure: 'SEMARNAT-CITES-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Marfil, concha, coral y demás materias animales para tallar, trabajados; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Worked ivory, tortoiseshell, coral and other animal carving material; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0126', hsPrefix: '970522', flow: 'export', procedure: 'SEMARNAT-CITES-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Colecciones de especies extintas o en peligro, y sus partes; sólo los ejemplares de especies listadas en los apéndices de la CITES requieren el certificado.',
      en: 'Collections of extinct or endangered species and parts thereof; only specimens of species listed in the CITES appendices need the certificate.',
    },
  },
  {
    id: 'R-0127', hsPrefix: '260111', flow: 'export', procedure: 'SE-IRON-ORE-EXPORT', effectiveFrom: '2024-01-01',
    note: { es: 'Minerales de hierro y sus concentrados, sin aglomerar.', en: 'Iron ores and concentrates, non-agglomerated.' },
  },
  {
    id: 'R-0128', hsPrefix: '260112', flow: 'export', procedure: 'SE-IRON-ORE-EXPORT', effectiveFrom: '2024-01-01',
    note: {
      es: 'Minerales de hierro y sus concentrados, aglomerados (pellets).',
      en: 'Iron ores and concentrates, agglomerated (pellets).',
    },
  },
  {
    id: 'R-0129', hsPrefix: '040210', flow: 'import', procedure: 'SE-QUOTA-CERTIFICATE', countries: { only: ['AU', 'BN', 'CA', 'CL', 'JP', 'MY', 'NZ', 'PE', 'SG', 'VN'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Leche en polvo descremada (grasa ≤ 1.5 %) dentro del cupo arancelario del CPTPP; fuera de cupo no se requiere el certificado pero se paga el arancel general.',
      en: 'Skimmed milk powder (fat ≤ 1.5 %) within the CPTPP tariff-rate quota; out of quota no certificate is needed but the general duty applies.',
    },
  },
  {
    id: 'R-0130', hsPrefix: '040221', flow: 'import', procedure: 'SE-QUOTA-CERTIFICATE', countries: { only: ['AU', 'BN', 'CA', 'CL', 'JP', 'MY', 'NZ', 'PE', 'SG', 'VN'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Leche entera en polvo sin azúcar dentro del cupo arancelario del CPTPP; fuera de cupo no se requiere el certificado pero se paga el arancel general.',
      en: 'Unsweetened whole milk powder within the CPTPP tariff-rate quota; out of quota no certificate is needed but the general duty applies.',
    },
  },
  {
    id: 'R-0131', hsPrefix: '84', flow: 'export', procedure: 'SE-ORIGIN-CERTIFICATE', countries: { only: ['JP', 'CO', 'PE', 'CL', 'UY'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Máquinas y aparatos mecánicos exportados con trato preferencial a socios cuyos tratados exigen un certificado expedido por la autoridad; sólo si el exportador pide la preferencia.',
      en: 'Machinery and mechanical appliances exported with preferential treatment to partners whose agreements require a government-issued certificate; only when the exporter claims the preference.',
    },
  },
  {
    id: 'R-0132', hsPrefix: '85', flow: 'export', procedure: 'SE-ORIGIN-CERTIFICATE', countries: { only: ['JP', 'CO', 'PE', 'CL', 'UY'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Máquinas y aparatos eléctricos exportados con trato preferencial a socios cuyos tratados exigen un certificado expedido por la autoridad; sólo si el exportador pide la preferencia.',
      en: 'Electrical machinery and equipment exported with preferential treatment to partners whose agreements require a government-issued certificate; only when the exporter claims the preference.',
    },
  },
  {
    id: 'R-0133', hsPrefix: '87', flow: 'export', procedure: 'SE-ORIGIN-CERTIFICATE', countries: { only: ['JP', 'CO', 'PE', 'CL', 'UY'] }, effectiveFrom: '2024-01-01',
    note: {
      es: 'Vehículos automóviles, sus partes y accesorios exportados con trato preferencial a socios cuyos tratados exigen un certificado expedido por la autoridad; sólo si el exportador pide la preferencia.',
      en: 'Motor vehicles, their parts and accessories exported with preferential treatment to partners whose agreements require a government-issued certificate; only when the exporter claims the preference.',
    },
  },
];
