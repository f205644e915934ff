import { useEffect, useState } from 'react';
import { ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';

type Hit = Schemas['HsSearchResult'];

/** The HS code at the start of what was typed or picked ("3004.90 Los demás" -> "300490"). */
export const hsCodeOf = (text: string) => text.replace(/[.\s]/g, '').match(/^[0-9]+/)?.[0] ?? '';

/**
 * HS search by code or by words (GET /api/v1/hs, subheadings only): a combobox whose list follows what is typed.
 * A complete code can also be typed as it is and the field left: the typed code is the answer.
 */
export function HsSearch(p: {
  id: string;
  value: string;
  error?: string;
  onChange(text: string): void;
  onPick(hit: Hit): void;
}) {
  const { t } = useTranslation();
  const [hits, setHits] = useState<Hit[]>([]);
  const query = p.value.trim();
  useEffect(() => {
    let live = true;
    if (query.length < 2) {
      setHits([]);
      return;
    }
    call(api.GET('/api/v1/hs', { params: { query: { q: query, level: 6, limit: 8 } } })).then(
      (r) => live && setHits(r.items),
      () => live && setHits([]),
    );
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <ComboBox
      className={`field${p.error ? ' field-error' : ''}`}
      allowsCustomValue
      // Results arrive after the typing: the list opens at once and fills when they come.
      allowsEmptyCollection
      menuTrigger="input"
      inputValue={p.value}
      onInputChange={p.onChange}
      items={hits}
      isInvalid={!!p.error}
      onSelectionChange={(key) => {
        const hit = hits.find((h) => h.code === key);
        if (hit) {
          p.onChange(`${hit.code} ${hit.description}`);
          p.onPick(hit);
        }
      }}
    >
      <Label>{t('filing.goods.hs')}</Label>
      <Text slot="description" className="hint">
        {t('filing.goods.hsHint')}
      </Text>
      <FieldError className="error-message">{p.error}</FieldError>
      <Input id={p.id} className="input" spellCheck={false} />
      <Popover className="hs-popover" placement="bottom start">
        <ListBox className="hs-list" renderEmptyState={() => <p className="hs-empty">{t('filing.goods.hsNone')}</p>}>
          {(hit: Hit) => (
            <ListBoxItem id={hit.code} className="hs-option" textValue={`${hit.code} ${hit.description}`}>
              <strong>{hit.code}</strong> {hit.description}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
