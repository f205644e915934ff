import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { AcknowledgementDownload } from '../filing/Acknowledgement';
import type { Submitted } from '../filing/model';
import { formatDay, formatInstant, formatMoney, formatNumber } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';
import '../filing/filing.css';

async function loadOperation(id: string) {
  const operation = await call(api.GET('/api/v1/operations/{id}', { params: { path: { id } } }));
  const ack = operation.acknowledgement as Submitted | null;
  const applications = await Promise.all(
    (ack?.applications ?? []).map((a) =>
      call(api.GET('/api/v1/applications/{id}', { params: { path: { id: a.id } } })).then(
        (full) => ({ ...a, status: full.status, dueDate: full.dueDate ?? a.dueDate, name: full.procedureName }),
        () => ({ ...a, status: null, name: null }),
      ),
    ),
  );
  return { operation, applications };
}

/** One operation: its lines, the applications it opened (status, due date), COVEs, eDocuments, the acknowledgement. */
export default function Operation({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const { session } = useSession();
  const data = useData(`${session?.token ?? 'none'}:${id}`, () => loadOperation(id));
  const title = t('filing.op.title');
  if (!session) return <SignInFirst title={title} message={t('filing.op.signInFirst')} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={title}>
        <ProblemMessage problem={data.problem} />
      </Page>
    );
  const { operation: op, applications } = data.data;
  const importing = op.flow === 'import';
  return (
    <Page title={op.folio ? t('filing.op.titleFolio', { folio: op.folio }) : t('filing.op.titleDraft')}>
      <dl className="summary">
        <dt>{t('filing.op.status')}</dt>
        <dd>{t(`operationStatus.${op.status}`)}</dd>
        <dt>{t('filing.start.flow')}</dt>
        <dd>{t(`flow.${op.flow}`)}</dd>
        <dt>{t('filing.op.trader')}</dt>
        <dd>RFC {op.trader}</dd>
        <dt>{op.submittedAt ? t('filing.op.submittedAt') : t('filing.op.updatedAt')}</dt>
        <dd>{formatInstant(op.submittedAt ?? op.updatedAt)}</dd>
      </dl>
      {op.status === 'draft' && (
        <div className="notice">
          <p>{t('filing.op.draftLead')}</p>
          <Link className="button" href={`${PATHS.newOperation}?borrador=${encodeURIComponent(op.id)}`}>
            {t('filing.op.continue')}
          </Link>
        </div>
      )}
      <h2>{t('filing.goods.lines')}</h2>
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
          </tr>
        </thead>
        <tbody>
          {op.data.goods.map((g, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a goods line is its position (line 1, 2...)
            <tr key={`${i}-${g.hsCode}`}>
              <td data-label={t('filing.goods.line')}>{i + 1}</td>
              <td data-label={t('filing.goods.hsShort')}>{g.hsCode}</td>
              <td data-label={t('filing.goods.description')}>{g.description}</td>
              <td data-label={t('filing.goods.quantity')}>
                {formatNumber(g.quantity)} {t(`filing.unit.${g.unit}`, { defaultValue: g.unit })}
              </td>
              <td data-label={t('filing.goods.valueShort')}>{formatMoney(g.value, g.currency)}</td>
              <td data-label={t(importing ? 'filing.goods.origin' : 'filing.goods.destination')}>
                {importing ? g.originCountry : g.destinationCountry}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {applications.length > 0 && (
        <>
          <h2>{t('filing.ack.applications')}</h2>
          <table className="stack filing-table">
            <caption className="visually-hidden">{t('filing.ack.applications')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('filing.op.procedure')}</th>
                <th scope="col">{t('filing.procedures.agency')}</th>
                <th scope="col">{t('filing.op.status')}</th>
                <th scope="col">{t('filing.op.due')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('filing.op.procedure')}>
                    <Link href={PATHS.application(a.id)}>{a.name?.[lang] ?? a.procedureName}</Link>
                  </td>
                  <td data-label={t('filing.procedures.agency')}>{a.agency}</td>
                  <td data-label={t('filing.op.status')}>{a.status ? t(`applicationStatus.${a.status}`) : '—'}</td>
                  <td data-label={t('filing.op.due')}>{a.dueDate ? formatDay(a.dueDate) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t('filing.documents.filed')}</h2>
      <dl className="summary">
        <dt>{t('filing.check.coves')}</dt>
        <dd>{op.data.coves?.join(', ') || t('filing.check.noneFiled')}</dd>
        <dt>{t('filing.check.edocuments')}</dt>
        <dd>{op.data.edocuments?.join(', ') || t('filing.check.noneFiled')}</dd>
      </dl>
      {op.folio && (
        <>
          <h2>{t('filing.op.acknowledgement')}</h2>
          <AcknowledgementDownload operationId={op.id} folio={op.folio} />
        </>
      )}
    </Page>
  );
}
