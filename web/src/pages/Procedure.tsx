import { Link } from '../components/Link';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { DecidedBy } from '../components/DecidedBy';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatMoney } from '../i18n/format';
import { PATHS } from '../router';
import { useData } from '../useData';

export default function Procedure({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const one = useData(code, () => call(api.GET('/api/v1/procedures/{code}', { params: { path: { code } } })));
  if (one.state === 'loading') return <Loading />;
  if (one.state === 'error')
    return (
      <Page title={t('procedure.notFound')}>
        <ProblemMessage problem={one.problem} />
        <Link href={PATHS.catalogue}>{t('procedure.back')}</Link>
      </Page>
    );
  const p = one.data;
  return (
    <Page title={p.name[lang]}>
      <p className="lead">{p.description[lang]}</p>
      <dl className="summary">
        <dt>{t('procedure.agency')}</dt>
        <dd>{p.agency}</dd>
        <dt>{t('procedure.flow')}</dt>
        <dd>{t(`flow.${p.flow}`)}</dd>
        <dt>{t('procedure.responseTime')}</dt>
        <dd>{t('procedure.responseDays', { count: p.responseDays })}</dd>
        <DecidedBy procedure={p} />
        <dt>{t('procedure.silence')}</dt>
        <dd>{t(`silence.${p.silence}`)}</dd>
        <dt>{t('procedure.fee')}</dt>
        <dd>{p.fee ? formatMoney(p.fee.amount, p.fee.currency) : t('procedure.noFee')}</dd>
        <dt>{t('procedure.issues')}</dt>
        <dd>{t('procedure.validity', { kind: t(`kind.${p.issues.kind}`), count: p.issues.validityDays })}</dd>
        <dt>{t('procedure.legalBasis')}</dt>
        <dd>{p.legalBasis[lang]}</dd>
        <dt>{t('procedure.effectiveFrom')}</dt>
        <dd>{formatDay(p.effectiveFrom)}</dd>
      </dl>
      <h2>{t('procedure.documents')}</h2>
      {p.requiredDocuments.length ? (
        <ul>
          {p.requiredDocuments.map((d) => (
            <li key={d.type}>{d.name[lang]}</li>
          ))}
        </ul>
      ) : (
        <p>{t('procedure.noDocuments')}</p>
      )}
      <p>
        <Link href={PATHS.catalogue}>{t('procedure.back')}</Link>
      </p>
    </Page>
  );
}
