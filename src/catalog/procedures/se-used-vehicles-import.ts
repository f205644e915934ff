import { defineProcedure } from '../define.ts';
import { countriesField, customsOfficesField, goodsForm, importerFields, importPrefill } from './_shared.ts';

export default defineProcedure({
  code: 'SE-USED-VEHICLES-IMPORT',
  version: 1,
  effectiveFrom: '2024-01-01',
  agency: 'SE',
  name: {
    es: 'Permiso previo de importación de vehículos usados',
    en: 'Prior import licence for used vehicles',
  },
  description: {
    es:
      'Autorización de la Secretaría de Economía para importar en definitiva vehículos automotores usados que ' +
      'no se acogen al decreto de importación de vehículos usados de Norteamérica.',
    en:
      'Ministry of Economy authorisation to import used motor vehicles definitively when they do not qualify ' +
      'under the decree on used vehicles from North America.',
  },
  legalBasis: {
    es:
      'Ley de Comercio Exterior y su reglamento; acuerdo de la Secretaría de Economía que sujeta a permiso ' +
      'previo la importación de vehículos usados y sus reglas y criterios generales en materia de comercio ' +
      'exterior.',
    en:
      'Foreign Trade Law and its regulations; the Ministry of Economy agreement subjecting imports of used ' +
      'vehicles to a prior licence, and its general foreign-trade rules and criteria.',
  },
  flow: 'import',
  form: {
    type: 'object',
    required: ['importer', 'goods', 'customsOffices', 'originCountries', 'vehicles', 'intendedUse'],
    additionalProperties: false,
    properties: {
      ...importerFields,
      goods: goodsForm,
      customsOffices: customsOfficesField,
      originCountries: countriesField,
      vehicles: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: {
          type: 'object',
          required: ['vin', 'modelYear', 'make'],
          additionalProperties: false,
          properties: {
            vin: { type: 'string', pattern: '^[A-HJ-NPR-Z0-9]{17}$' },
            modelYear: { type: 'integer', minimum: 1950, maximum: 2030 },
            make: { type: 'string', minLength: 1, maxLength: 60 },
            model: { type: 'string', minLength: 1, maxLength: 60 },
          },
        },
      },
      intendedUse: { type: 'string', enum: ['resale', 'own_fleet', 'special_purpose', 'collection'] },
    },
  },
  prefill: { ...importPrefill },
  requiredDocuments: [
    { type: 'commercial_invoice', name: { es: 'Factura comercial', en: 'Commercial invoice' } },
    { type: 'vehicle_title', name: { es: 'Título de propiedad del vehículo', en: 'Vehicle title of ownership' } },
    {
      type: 'emissions_compliance_certificate',
      name: { es: 'Constancia de cumplimiento de emisiones', en: 'Emissions compliance certificate' },
    },
  ],
  responseDays: 15,
  silence: 'negative',
  autoApprove: false,
  fourEyes: false,
  officeBound: true,
  issues: { kind: 'licence', validityDays: 365, balances: true },
  fee: null,
  trigger: 'goods',
  rules: [
    {
      hsPrefix: '870321',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870322',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870323',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870324',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870331',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870332',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870333',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870340',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870350',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870360',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870370',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870380',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
    {
      hsPrefix: '870390',
      countries: { except: ['US', 'CA'] },
      effectiveFrom: '2024-01-01',
      note: {
        es:
          'Automóviles de turismo. El código SA no distingue nuevos de usados: la tarifa mexicana tiene ' +
          'fracciones propias para los usados y sólo éstos requieren el permiso. Los procedentes de Estados ' +
          'Unidos y Canadá se importan por lo general conforme al decreto de vehículos usados, sin este permiso.',
        en:
          'Passenger cars. The HS code cannot tell new from used: the Mexican tariff has separate lines for ' +
          'used vehicles and only those need the licence. Vehicles from the United States and Canada are ' +
          'generally imported under the used-vehicle decree, without this licence.',
      },
    },
  ],
  labels: {
    intendedUse: {
      resale: { es: 'Reventa', en: 'Resale' },
      own_fleet: { es: 'Flota propia', en: 'Own fleet' },
      special_purpose: { es: 'Uso especial', en: 'Special purpose' },
      collection: { es: 'Colección', en: 'Collection' },
    },
  },
  example: {
    goods: [
      {
        hsCode: '870323',
        description: 'Automóvil usado, modelo 2018',
        quantity: 1,
        unit: 'PCE',
        value: 9000,
        currency: 'USD',
        originCountry: 'JP',
        destinationCountry: 'MX',
        customsOffice: 'ANAM-TAMPS-NLD',
      },
    ],
    data: {
      vehicles: [{ vin: 'JTDBR32E520012345', modelYear: 2018, make: 'Toyota', model: 'Corolla' }],
      intendedUse: 'resale',
    },
  },
});
