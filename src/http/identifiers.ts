import { Type } from 'typebox';

/**
 * The identifiers of the window's API, one schema each. Routes and bodies use these rather than their own
 * patterns, so an RFC means the same thing everywhere. Check digits and dates are checked by the domain
 * (`registry/identifiers.ts`); these check shape only.
 */

/** RFC (Registro Federal de Contribuyentes): 12 characters for a company, 13 for a person. */
export const Rfc = Type.String({
  pattern: '^[A-Za-zÑñ&0-9]{12,13}$',
  description: 'RFC: 12 characters (company) or 13 (person)',
  examples: ['GODE561231GR8'],
});
/** CURP (Clave Única de Registro de Población): a person's 18-character population key. */
export const Curp = Type.String({
  pattern: '^[A-Za-z0-9]{18}$',
  description: 'CURP (18 characters)',
  examples: ['GODE561231HNLRRN06'],
});
/** A customs broker's patent (patente de agente aduanal): four digits. */
export const PatentNumber = Type.String({
  pattern: '^[0-9]{4}$',
  description: 'Patente de agente aduanal (4 digits)',
  examples: ['3210'],
});
export const PermitNumber = Type.String({
  pattern: '^[A-Z]+-[0-9]{4}-[0-9]{6}$',
  description: 'A permit number: issuing agency, year, sequence',
  examples: ['COFEPRIS-2026-000123'],
});
export const CountryCode = Type.String({
  pattern: '^[A-Z]{2}$',
  description: 'ISO 3166-1 alpha-2 country code',
  examples: ['US'],
});
export const CurrencyCode = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code',
  examples: ['USD'],
});
/** What a goods line is classified under: the HS subheading, the Mexican tariff fraction, or fraction + NICO. */
export const HsCode = Type.String({
  pattern: '^[0-9]{6}([0-9]{2}){0,2}$',
  description: 'HS subheading (6 digits), tariff fraction (8) or fraction + NICO (10)',
  examples: ['30049099'],
});
/** An HS prefix that selects goods: chapter (2) to fraction + NICO (10). */
export const HsPrefix = Type.String({
  pattern: '^[0-9]{2}([0-9]{2}){0,4}$',
  description: 'HS chapter (2 digits), heading (4), subheading (6), fraction (8) or fraction + NICO (10)',
  examples: ['3004'],
});
/** The two-digit customs office key (clave de aduana) that opens a pedimento number. */
export const CustomsOfficeKey = Type.String({
  pattern: '^[0-9]{2}$',
  description: 'Customs office key (clave de aduana), 2 digits',
  examples: ['47'],
});
/** The 15-digit pedimento number: year (2), customs office (2), broker patent (4), sequence (7). */
export const PedimentoNumber = Type.String({
  pattern: '^[0-9]{15}$',
  description: 'The 15-digit pedimento number, without spaces',
  examples: ['264732100000123'],
});
export const ProcedureCode = Type.String({
  pattern: '^[A-Z]+-[A-Z0-9-]+$',
  description: 'Agency prefix and a short name',
  examples: ['COFEPRIS-MEDICINES-IMPORT'],
});
export const AgencyCode = Type.String({ pattern: '^[A-Z]{2,12}$', description: 'Agency code', examples: ['COFEPRIS'] });
export const Uuid = Type.String({ format: 'uuid' });
