import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { Lookup } from '../components/Lookup';

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
    <Lookup
      id={p.id}
      label={t('filing.goods.hs')}
      hint={t('filing.goods.hsHint')}
      value={p.value}
      error={p.error}
      onChange={p.onChange}
      items={hits}
      text={(hit) => `${hit.code} ${hit.description}`}
      render={(hit) => (
        <>
          <strong>{hit.code}</strong> {hit.description}
        </>
      )}
      onPick={p.onPick}
      none={t('filing.goods.hsNone')}
    />
  );
}
