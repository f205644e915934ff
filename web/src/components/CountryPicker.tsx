import { ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { countries, folded } from '../public/countries';

/**
 * A country by name or by its two-letter code: a combobox over every ISO 3166 country, named in the page's
 * language. A code typed as it is ("de") is the answer too; read it back with countryCodeOf().
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
    <ComboBox
      className={`field${p.error ? ' field-error' : ''}`}
      allowsCustomValue
      allowsEmptyCollection
      menuTrigger="input"
      inputValue={p.value}
      onInputChange={p.onChange}
      items={items}
      isInvalid={!!p.error}
      onSelectionChange={(key) => {
        const c = items.find((x) => x.code === key);
        if (c) p.onChange(`${c.name} (${c.code})`);
      }}
    >
      <Label>{p.label}</Label>
      {p.hint && (
        <Text slot="description" className="hint">
          {p.hint}
        </Text>
      )}
      <FieldError className="error-message">{p.error}</FieldError>
      <Input id={p.id} className="input input-short" spellCheck={false} autoComplete="off" />
      <Popover className="hs-popover" placement="bottom start">
        <ListBox
          className="hs-list"
          renderEmptyState={() => <p className="hs-empty">{t('filing.goods.countryNone')}</p>}
        >
          {(c: { code: string; name: string }) => (
            <ListBoxItem id={c.code} className="hs-option" textValue={`${c.name} (${c.code})`}>
              {c.name} <strong>({c.code})</strong>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
