import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type Problem } from '../api/client';
import { type SigningPayload, signingPayload } from '../api/signed';
import { PayloadDetails, Signature } from '../components/CheckAndSign';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatMoney, formatNumber } from '../i18n/format';
import { SummaryRow } from './fields';
import { useFieldLabel } from '../i18n/field-labels';
import { type ProcedureForm, typedFields } from './FormStep';
import type { Filing, Preview, Submitted } from './model';

export type StepName = 'start' | 'goods' | 'documents' | { form: number };

/** Step 6: every answer with a link back to its step, the exact payload, and one signature. */
export function CheckStep(p: {
  filing: Filing;
  preview: Preview[];
  defs: Record<string, ProcedureForm>;
  officeName: string;
  traderName: string;
  change(step: StepName): void;
  onSubmitted(s: Submitted): void;
}) {
  const { t, i18n } = useTranslation();
  const { label, option } = useFieldLabel();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const [issued, setIssued] = useState<SigningPayload | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const id = p.filing.id!;
  const change = t('filing.check.change');

  useEffect(() => {
    let live = true;
    signingPayload(`/api/v1/operations/${id}/submit`, {}).then(
      (x) => live && setIssued(x),
      (err: unknown) => live && setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' }),
    );
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <>
      <h2>{t('filing.check.operation')}</h2>
      <dl className="summary filing-check">
        <SummaryRow label={t('filing.start.trader')} value={p.traderName} />
        <SummaryRow label={t('filing.start.flow')} value={t(`flow.${p.filing.flow}`)} />
        <SummaryRow
          label={t('filing.start.office')}
          value={p.officeName}
          change={() => p.change('start')}
          changeLabel={change}
        />
      </dl>
      <h2>{t('filing.goods.lines')}</h2>
      <dl className="summary filing-check">
        {p.filing.goods.map((g, i) => (
          <SummaryRow
            // biome-ignore lint/suspicious/noArrayIndexKey: a goods line is its position (line 1, 2...)
            key={`${i}-${g.hsCode}`}
            label={t('filing.goods.lineN', { n: i + 1 })}
            value={`${g.hsCode} · ${g.description} · ${formatNumber(g.quantity)} ${t(`filing.unit.${g.unit}`)} · ${formatMoney(g.value, g.currency)} · ${p.filing.flow === 'import' ? g.originCountry : g.destinationCountry}`}
            change={() => p.change('goods')}
            changeLabel={change}
          />
        ))}
      </dl>
      {p.preview.map((a, index) => {
        const def = p.defs[a.procedure.code];
        const typed = p.filing.procedureData[a.procedure.code] ?? {};
        return (
          <section key={a.procedure.code}>
            <h2>{a.procedure.name[lang]}</h2>
            <p className="filing-caption">
              {a.procedure.agency} · {t('filing.procedures.prefilledCount', { count: a.prefilledFields })}
            </p>
            <dl className="summary filing-check">
              {(def ? typedFields(def) : Object.keys(typed)).map((f) => (
                <SummaryRow
                  key={f}
                  label={label(f)}
                  value={
                    [typed[f] ?? []]
                      .flat()
                      .map((v) => option(f, String(v), def?.labels))
                      .join(', ') || '—'
                  }
                  change={() => p.change({ form: index })}
                  changeLabel={change}
                />
              ))}
            </dl>
          </section>
        );
      })}
      <h2>{t('filing.documents.filed')}</h2>
      <dl className="summary filing-check">
        <SummaryRow
          label={t('filing.check.coves')}
          value={p.filing.coves.join(', ') || t('filing.check.noneFiled')}
          change={() => p.change('documents')}
          changeLabel={change}
        />
        <SummaryRow
          label={t('filing.check.edocuments')}
          value={p.filing.edocuments.map((e) => e.number).join(', ') || t('filing.check.noneFiled')}
          change={() => p.change('documents')}
          changeLabel={change}
        />
      </dl>
      {problem && <ProblemMessage problem={problem} />}
      {issued && <PayloadDetails issued={issued} />}
      <Signature<{ data: Submitted }>
        path={`/api/v1/operations/${id}/submit`}
        issued={issued}
        heading={t('filing.check.signTitle')}
        declaration={t('filing.check.signLead', { count: p.preview.length })}
        signLabel={t('filing.check.sign')}
        onSigned={(answer) => p.onSubmitted(answer.data)}
      />
    </>
  );
}
