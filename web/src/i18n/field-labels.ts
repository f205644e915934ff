import { useTranslation } from 'react-i18next';

/** "sanitaryRegistrations" -> "Sanitary registrations": the field's name when no label is known. */
function humanise(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A procedure form's field names and option values in words, for the applicant who types them and the officer who
 * reads them: translated when known, else the name in words (an option value the officer reads stays as filed).
 */
export function useFieldLabel() {
  const { t, i18n } = useTranslation();
  const known = (key: string) => i18n.exists(key);
  return {
    label: (name: string) => (known(`filing.field.${name}`) ? t(`filing.field.${name}`) : humanise(name)),
    option: (value: string) => (known(`filing.option.${value}`) ? t(`filing.option.${value}`) : humanise(value)),
    filed: (value: string) => (known(`filing.option.${value}`) ? t(`filing.option.${value}`) : value),
  };
}
