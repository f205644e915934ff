import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { Radios, SelectInput } from './fields';
import type { Filing, Flow } from './model';

export interface TraderChoice {
  rfc: string;
  legalName: string;
}

/** Step 1: for whom, which flow, through which customs office. */
export function StartStep(p: {
  filing: Filing;
  traders: TraderChoice[];
  offices: Array<{ code: string; name: string }>;
  onDone(f: Filing): void;
}) {
  const { t } = useTranslation();
  const [traderRfc, setTrader] = useState(p.filing.traderRfc);
  const [flow, setFlow] = useState<Flow>(p.filing.flow);
  const [office, setOffice] = useState(p.filing.customsOffice);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const fixed = !!p.filing.id; // A draft keeps its trader and flow: only its data changes.
  const errorOf = (field: string) => problems.find((x) => x.field === field)?.message;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldProblem[] = [];
    if (!traderRfc) found.push({ field: 'trader', message: t('filing.start.traderRequired') });
    if (!office) found.push({ field: 'office', message: t('filing.start.officeRequired') });
    setProblems(found);
    if (found.length) return;
    p.onDone({
      ...p.filing,
      traderRfc,
      flow,
      customsOffice: office,
      goods: p.filing.goods.map((g) => ({ ...g, customsOffice: office })),
    });
  };

  const trader = p.traders.find((x) => x.rfc === traderRfc);
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      {fixed || p.traders.length === 1 ? (
        <dl className="summary">
          <dt>{t('filing.start.trader')}</dt>
          <dd>{trader ? `${trader.legalName} · RFC ${trader.rfc}` : traderRfc}</dd>
          {fixed && (
            <>
              <dt>{t('filing.start.flow')}</dt>
              <dd>{t(`flow.${flow}`)}</dd>
            </>
          )}
        </dl>
      ) : (
        <Radios
          id="trader"
          label={t('filing.start.traderQuestion')}
          hint={t('filing.start.traderHint')}
          error={errorOf('trader')}
          value={traderRfc}
          onChange={setTrader}
          options={p.traders.map((x) => ({ value: x.rfc, label: `${x.legalName} · RFC ${x.rfc}` }))}
        />
      )}
      {!fixed && (
        <Radios
          id="flow"
          label={t('filing.start.flowQuestion')}
          value={flow}
          onChange={(v) => setFlow(v as Flow)}
          options={[
            { value: 'import', label: t('flow.import') },
            { value: 'export', label: t('flow.export') },
          ]}
        />
      )}
      <SelectInput
        id="office"
        label={t('filing.start.office')}
        hint={t('filing.start.officeHint')}
        error={errorOf('office')}
        value={office}
        onChange={setOffice}
        placeholder={t('filing.start.officePlaceholder')}
        options={p.offices.map((o) => ({ value: o.code, label: o.name }))}
      />
      <button type="submit" className="button">
        {t('filing.continue')}
      </button>
    </form>
  );
}
