import { useTranslation } from 'react-i18next';
import { PATHS } from '../router';
import type { Filing, Preview } from './model';

/** Step 3: the procedures these goods need, per agency, and why (the rule: which HS heading of which line). */
export function ProceduresStep(p: { filing: Filing; preview: Preview[]; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  return (
    <>
      {p.preview.length ? (
        <>
          <p className="lead">{t('filing.procedures.lead', { count: p.preview.length })}</p>
          <ul className="cards filing-procedure-cards">
            {p.preview.map((a) => (
              <li key={a.procedure.code}>
                <h2>{a.procedure.name[lang]}</h2>
                <dl className="summary">
                  <dt>{t('filing.procedures.agency')}</dt>
                  <dd>{a.procedure.agency}</dd>
                  <dt>{t('filing.procedures.lines')}</dt>
                  <dd>
                    {a.lines
                      .map(
                        (n) =>
                          `${n}: ${p.filing.goods[n - 1]?.hsCode ?? ''} ${p.filing.goods[n - 1]?.description ?? ''}`,
                      )
                      .join('; ')}
                  </dd>
                  <dt>{t('filing.procedures.why')}</dt>
                  <dd>
                    {a.because.map((r) => t('filing.procedures.rule', { prefix: r.hsPrefix, id: r.id })).join('; ')}
                  </dd>
                  <dt>{t('filing.procedures.toType')}</dt>
                  <dd>{t('filing.procedures.prefilledCount', { count: a.prefilledFields })}</dd>
                </dl>
                <a href={PATHS.procedure(a.procedure.code)} target="_blank" rel="noopener">
                  {t('filing.procedures.more')}
                  <span className="visually-hidden"> {a.procedure.name[lang]}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="lead">{t('filing.procedures.none')}</p>
      )}
      <button type="button" className="button" onClick={p.onDone}>
        {t('filing.continue')}
      </button>
    </>
  );
}
