import { useTranslation } from 'react-i18next';
import { countries, folded } from '../public/countries';
import { Lookup } from './Lookup';

/**
 * A country by name or by its two-letter code, over every ISO 3166 country named in the page's language. A code
 * typed as it is ("de") is the answer too; read it back with countryCodeOf().
 */
export function CountryPicker(p: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  onChange(text: string): void;
}) {
  const { t } = useTranslation();
  const query = folded(p.value);
  const items = (
    query ? countries().filter((c) => c.code.toLowerCase() === query || folded(c.name).includes(query)) : countries()
  ).slice(0, 8);
  return (
    <Lookup
      {...p}
      short
      items={items}
      text={(c) => `${c.name} (${c.code})`}
      render={(c) => (
        <>
          {c.name} <strong>({c.code})</strong>
        </>
      )}
      none={t('filing.goods.countryNone')}
    />
  );
}
