import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { useData } from '../useData';

/** Coded form field (its path: 'purpose', 'specimens.source') -> code -> its words, from the procedure's file. */
export type ProcedureLabels = Schemas['Procedure']['labels'];

/** "sanitaryRegistrations" -> "Sanitary registrations": the field's name when no label is known. */
function humanise(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A procedure form's field names and coded values in words, in the page's language, for the applicant who types
 * them and the officer who reads them. Field names: translated when known, else in words. Codes: the procedure's
 * own labels (the catalogue requires one for every code; a value that is no code, e.g. a number, stays as filed).
 */
export function useFieldLabel(labels: ProcedureLabels = {}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  return {
    label: (name: string) => (i18n.exists(`filing.field.${name}`) ? t(`filing.field.${name}`) : humanise(name)),
    option: (field: string, value: string, of: ProcedureLabels = labels) => of[field]?.[value]?.[lang] ?? value,
  };
}

/** The labels of a procedure, for a page that shows its filed form (none while they load or if they cannot). */
export function useProcedureLabels(code: string): ProcedureLabels {
  const loaded = useData(code, () => call(api.GET('/api/v1/procedures/{code}', { params: { path: { code } } })));
  return loaded.state === 'ok' ? loaded.data.labels : {};
}
