import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { DecidedBy } from '../components/DecidedBy';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatMoney } from '../i18n/format';
import { countries, countryName } from '../public/countries';
import { PATHS } from '../router';
import '../public/public.css';

type Hs = Schemas['HsSearchResult'];
type Requirements = Schemas['Requirements'];
type Flow = 'import' | 'export';

/** "300490" as people write it: "3004.90". */
const dotted = (code: string) => (code.length > 4 ? `${code.slice(0, 4)}.${code.slice(4)}` : code);
const asProblem = (err: unknown): Problem =>
  err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' };

export default function WhatDoINeed() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Hs[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [chosen, setChosen] = useState<Hs | null>(null);
  const [flow, setFlow] = useState<Flow | ''>('');
  const [country, setCountry] = useState('');
  const [errors, setErrors] = useState<FieldProblem[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [answer, setAnswer] = useState<Requirements | 'loading' | null>(null);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    const q = query.trim();
    setProblem(null);
    if (!q) {
      setErrors([{ field: 'hs-query', message: t('requirements.queryRequired') }]);
      return;
    }
    setErrors([]);
    setSearching(true);
    try {
      // Subheadings only: the level the requirements are asked at (a tariff fraction narrows it further).
      const { items } = await call(api.GET('/api/v1/hs', { params: { query: { q, level: 6, limit: 10 } } }));
      setFound(items);
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setSearching(false);
    }
  };

  const choose = (hs: Hs) => {
    setChosen(hs);
    setAnswer(null);
    setTimeout(() => document.getElementById('flow-legend')?.focus());
  };

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    setProblem(null);
    if (!flow) {
      setErrors([{ field: 'flow-import', message: t('requirements.flowRequired') }]);
      return;
    }
    setErrors([]);
    setAnswer('loading');
    try {
      const query = { hs: chosen.code, flow, ...(country ? { country } : {}) };
      setAnswer(await call(api.GET('/api/v1/requirements', { params: { query } })));
    } catch (err) {
      setAnswer(null);
      setProblem(asProblem(err));
    }
  };

  return (
    <Page title={t('requirements.title')}>
      <ErrorSummary problems={errors} />
      <p className="lead">{t('requirements.lead')}</p>
      {problem && <ProblemMessage problem={problem} />}

      <h2>{t('requirements.step1')}</h2>
      <form onSubmit={search} noValidate className="public-inline-form">
        <div className={`field${errors.some((x) => x.field === 'hs-query') ? ' field-error' : ''}`}>
          <label htmlFor="hs-query">{t('requirements.queryLabel')}</label>
          <p className="hint" id="hs-query-hint">
            {t('requirements.queryHint')}
          </p>
          <input
            id="hs-query"
            type="text"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby="hs-query-hint"
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button">
          {t('requirements.search')}
        </button>
      </form>
      {searching && <Loading />}
      {found && !searching && (
        <section aria-labelledby="hs-results">
          <h3 id="hs-results">{t('requirements.results', { count: found.length })}</h3>
          {found.length === 0 && <p>{t('requirements.noResults')}</p>}
          <ul className="public-choices">
            {found.map((hs) => (
              <li key={hs.code}>
                <p>
                  <span className="public-code">{dotted(hs.code)}</span> <span lang="en">{hs.description}</span>
                </p>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-pressed={chosen?.code === hs.code}
                  onClick={() => choose(hs)}
                >
                  {t('requirements.choose')}
                  <span className="visually-hidden"> {dotted(hs.code)}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {chosen && (
        <>
          <h2>{t('requirements.step2')}</h2>
          <p>
            {t('requirements.chosen')} <span className="public-code">{dotted(chosen.code)}</span>{' '}
            <span lang="en">{chosen.description}</span>
          </p>
          <form onSubmit={ask} noValidate>
            <fieldset
              className={`fieldset${errors.some((x) => x.field === 'flow-import') ? ' field-error' : ''}`}
              aria-describedby={errors.length ? 'flow-error' : undefined}
            >
              <legend id="flow-legend" tabIndex={-1}>
                {t('requirements.flowLabel')}
              </legend>
              {errors.some((x) => x.field === 'flow-import') && (
                <p className="error-message" id="flow-error">
                  {t('requirements.flowRequired')}
                </p>
              )}
              {(['import', 'export'] as const).map((f) => (
                <div className="radio" key={f}>
                  <input
                    type="radio"
                    id={`flow-${f}`}
                    name="flow"
                    value={f}
                    checked={flow === f}
                    onChange={() => setFlow(f)}
                  />
                  <label htmlFor={`flow-${f}`}>{t(`flow.${f}`)}</label>
                </div>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="country">{t('requirements.countryLabel')}</label>
              <p className="hint" id="country-hint">
                {t('requirements.countryHint')}
              </p>
              <select
                id="country"
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                aria-describedby="country-hint"
              >
                <option value="">{t('requirements.anyCountry')}</option>
                {countries().map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t('requirements.show')}
            </button>
          </form>
        </>
      )}

      {answer === 'loading' && <Loading />}
      {answer && answer !== 'loading' && <Answer answer={answer} />}
    </Page>
  );
}

function Answer({ answer }: { answer: Requirements }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const where = answer.country ? countryName(answer.country) : t('requirements.anyCountryShort');
  return (
    <section aria-labelledby="answer-title" aria-live="polite">
      <h2 id="answer-title">{t('requirements.answerTitle', { count: answer.requirements.length })}</h2>
      <p>
        {t('requirements.answerFor', {
          code: dotted(answer.hs.code),
          flow: t(`flow.${answer.flow}`).toLowerCase(),
          country: where,
        })}
      </p>
      {answer.requirements.length === 0 && <p>{t('requirements.none')}</p>}
      {answer.requirements.map(({ procedure: p, because }) => (
        <article className="public-requirement" key={p.code} aria-labelledby={`req-${p.code}`}>
          <h3 id={`req-${p.code}`}>
            <Link href={PATHS.procedure(p.code)}>{p.name[lang]}</Link>
          </h3>
          <dl className="summary">
            <dt>{t('procedure.agency')}</dt>
            <dd>{p.agency}</dd>
            <dt>{t('procedure.responseTime')}</dt>
            <dd>
              {p.autoApprove ? t('requirements.automatic') : t('procedure.responseDays', { count: p.responseDays })}
            </dd>
            <DecidedBy procedure={p} />
            <dt>{t('procedure.fee')}</dt>
            <dd>{p.fee ? formatMoney(p.fee.amount, p.fee.currency) : t('procedure.noFee')}</dd>
            <dt>{t('procedure.silence')}</dt>
            <dd>{t(`silence.${p.silence}`)}</dd>
          </dl>
          <h4>{t('requirements.why')}</h4>
          {because.map((rule) => (
            <div className="public-because" key={rule.rule}>
              <p>{rule.note[lang]}</p>
              <p className="muted">
                {t('requirements.ruleLine', {
                  prefix: dotted(rule.hsPrefix),
                  from: formatDay(rule.effectiveFrom),
                })}
                {rule.countries?.only &&
                  ` ${t('requirements.onlyCountries', { list: rule.countries.only.map(countryName).join(', ') })}`}
                {rule.countries?.except &&
                  ` ${t('requirements.exceptCountries', { list: rule.countries.except.map(countryName).join(', ') })}`}
              </p>
              <p className="muted">
                {t('requirements.ruleId')} <code>{rule.rule}</code>
              </p>
            </div>
          ))}
        </article>
      ))}
    </section>
  );
}
