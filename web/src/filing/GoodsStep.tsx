import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CountryPicker } from '../components/CountryPicker';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { formatMoney, formatNumber } from '../i18n/format';
import { countryCodeOf, countryName } from '../public/countries';
import { SelectInput, TextInput } from './fields';
import { HsSearch, hsCodeOf } from './HsSearch';
import { type Filing, type GoodsLine, positiveAmount } from './model';

/** Units of measure (UN/ECE Rec. 20), as the operation and its COVE both take them. */
export const UNITS = ['C62', 'KGM', 'LTR', 'MTR', 'MTK', 'MTQ', 'PR'] as const;
/** Invoice currencies offered first; the window takes any ISO 4217 code. */
export const CURRENCIES = ['USD', 'EUR', 'MXN', 'CNY', 'JPY', 'CAD', 'GBP', 'KRW', 'CHF', 'BRL'] as const;

/** Step 2: the goods, one line at a time (add another, remove one), then continue. */
export function GoodsStep(p: { filing: Filing; busy: boolean; onDone(f: Filing): void }) {
  const { t } = useTranslation();
  const [goods, setGoods] = useState<GoodsLine[]>(p.filing.goods);
  const [hs, setHs] = useState('');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState<string>('C62');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState<string>('USD');
  const [country, setCountry] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [added, setAdded] = useState<string | null>(null);
  const errorOf = (field: string) => problems.find((x) => x.field === field)?.message;
  const importing = p.filing.flow === 'import';
  const currencyName = (code: string) =>
    `${new Intl.DisplayNames([t('filing.locale')], { type: 'currency' }).of(code) ?? code} (${code})`;

  const add = () => {
    const found: FieldProblem[] = [];
    const code = hsCodeOf(hs);
    if (!/^[0-9]{6}([0-9]{2}){0,2}$/.test(code)) found.push({ field: 'hs', message: t('filing.goods.hsInvalid') });
    if (!description.trim()) found.push({ field: 'description', message: t('filing.goods.descriptionRequired') });
    const amount = positiveAmount(quantity);
    const total = positiveAmount(value);
    if (amount === null) found.push({ field: 'quantity', message: t('filing.goods.quantityInvalid') });
    if (total === null) found.push({ field: 'value', message: t('filing.goods.valueInvalid') });
    const cc = countryCodeOf(country);
    if (!cc || cc === 'MX')
      found.push({
        field: 'country',
        message: t(importing ? 'filing.goods.originInvalid' : 'filing.goods.destInvalid'),
      });
    setProblems(found);
    if (found.length || amount === null || total === null) return;
    const line: GoodsLine = {
      hsCode: code,
      description: description.trim(),
      quantity: amount,
      unit,
      value: total,
      currency,
      originCountry: importing ? cc : 'MX',
      destinationCountry: importing ? 'MX' : cc,
      customsOffice: p.filing.customsOffice,
    };
    setGoods([...goods, line]);
    setAdded(t('filing.goods.added', { n: goods.length + 1 }));
    setHs('');
    setDescription('');
    setQuantity('');
    setValue('');
    setCountry('');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!goods.length) {
      setProblems([{ field: 'hs', message: t('filing.goods.none') }]);
      return;
    }
    p.onDone({ ...p.filing, goods });
  };

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <h2>{t('filing.goods.lines')}</h2>
      {goods.length ? (
        <table className="stack filing-table">
          <caption className="visually-hidden">{t('filing.goods.lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('filing.goods.line')}</th>
              <th scope="col">{t('filing.goods.hsShort')}</th>
              <th scope="col">{t('filing.goods.description')}</th>
              <th scope="col">{t('filing.goods.quantity')}</th>
              <th scope="col">{t('filing.goods.valueShort')}</th>
              <th scope="col">{t(importing ? 'filing.goods.origin' : 'filing.goods.destination')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('filing.goods.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {goods.map((g, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a goods line is its position (line 1, 2...)
              <tr key={`${i}-${g.hsCode}`}>
                <td data-label={t('filing.goods.line')}>{i + 1}</td>
                <td data-label={t('filing.goods.hsShort')}>{g.hsCode}</td>
                <td data-label={t('filing.goods.description')}>{g.description}</td>
                <td data-label={t('filing.goods.quantity')}>
                  {formatNumber(g.quantity)} {t(`filing.unit.${g.unit}`)}
                </td>
                <td data-label={t('filing.goods.valueShort')}>{formatMoney(g.value, g.currency)}</td>
                <td data-label={t(importing ? 'filing.goods.origin' : 'filing.goods.destination')}>
                  {countryName(importing ? g.originCountry : g.destinationCountry)}
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setGoods(goods.filter((_, j) => j !== i));
                      setAdded(t('filing.goods.removed', { n: i + 1 }));
                    }}
                  >
                    {t('filing.goods.remove')}
                    <span className="visually-hidden"> {t('filing.goods.lineN', { n: i + 1 })}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('filing.goods.empty')}</p>
      )}
      <p role="status" className="visually-hidden">
        {added}
      </p>
      <fieldset className="filing-add-line">
        <legend>{t(goods.length ? 'filing.goods.addAnother' : 'filing.goods.addFirst')}</legend>
        <HsSearch
          id="hs"
          value={hs}
          error={errorOf('hs')}
          onChange={setHs}
          onPick={(hit) => {
            if (!description.trim()) setDescription(hit.description);
          }}
        />
        <TextInput
          id="description"
          label={t('filing.goods.description')}
          hint={t('filing.goods.descriptionHint')}
          value={description}
          error={errorOf('description')}
          onChange={setDescription}
        />
        <div className="filing-field-row">
          <TextInput
            id="quantity"
            label={t('filing.goods.quantity')}
            inputMode="decimal"
            width="short"
            value={quantity}
            error={errorOf('quantity')}
            onChange={setQuantity}
          />
          <SelectInput
            id="unit"
            label={t('filing.goods.unit')}
            value={unit}
            onChange={setUnit}
            options={UNITS.map((u) => ({ value: u, label: t(`filing.unit.${u}`) }))}
          />
        </div>
        <div className="filing-field-row">
          <TextInput
            id="value"
            label={t('filing.goods.value')}
            hint={t('filing.goods.valueHint')}
            inputMode="decimal"
            width="short"
            value={value}
            error={errorOf('value')}
            onChange={setValue}
          />
          <SelectInput
            id="currency"
            label={t('filing.goods.currency')}
            value={currency}
            onChange={setCurrency}
            options={CURRENCIES.map((c) => ({ value: c, label: currencyName(c) }))}
          />
        </div>
        <CountryPicker
          id="country"
          label={t(importing ? 'filing.goods.origin' : 'filing.goods.destination')}
          hint={t('filing.goods.countryHint')}
          value={country}
          error={errorOf('country')}
          onChange={setCountry}
        />
        <button type="button" className="button button-secondary" onClick={add}>
          {t('filing.goods.add')}
        </button>
      </fieldset>
      <button type="submit" className="button" disabled={p.busy}>
        {t('filing.continue')}
      </button>
    </form>
  );
}
