import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { downloadPdf } from '../api/download';
import '../cases/cases.css';
import { known, localized } from '../cases/text';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant, formatMoney, formatNumber } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';

type Permit = Schemas['Permit'];
/** The printed permit's parts this page shows (the API passes the sealed document through whole). */
interface PermitDocument {
  goods?: GoodsLine[];
  procedure?: { code: string; name: { es: string; en: string } };
}
interface GoodsLine {
  line: number;
  hsCode: string;
  description: string;
  quantity: number;
  unit: string;
  value: number;
  currency: string;
  originCountry?: string;
}

async function loadPermit(number: string) {
  const params = { params: { path: { number } } };
  const [permit, draws] = await Promise.all([
    call(api.GET('/api/v1/permits/{number}', params)),
    call(api.GET('/api/v1/customs/permits/{number}/draws', params)),
  ]);
  return { permit, draws: draws.draws };
}

export default function PermitPage({ number }: { number: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const data = useData(`${session?.token ?? 'none'}:${number}`, () => loadPermit(number));
  const [download, setDownload] = useState<'idle' | 'busy' | 'done' | Problem>('idle');
  if (!session) return <SignInFirst title={t('cases.permit.title', { number })} message={t('cases.signInFirst')} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={t('cases.permit.title', { number })}>
        <ProblemMessage problem={data.problem} />
        <Link href={PATHS.dashboard}>{t('cases.backToDashboard')}</Link>
      </Page>
    );
  const { permit, draws } = data.data;
  const printed = permit.document as PermitDocument;
  const goods = printed.goods ?? [];
  const describe = (line: number) => goods.find((g) => g.line === line)?.description;
  const save = async () => {
    setDownload('busy');
    try {
      await downloadPdf(
        api.GET('/api/v1/permits/{number}/pdf', { params: { path: { number: permit.number } }, parseAs: 'blob' }),
        `${permit.number}.pdf`,
      );
      setDownload('done');
    } catch (err) {
      setDownload(err instanceof ApiProblem ? err.problem : { status: 0, code: 'network.unreachable' });
    }
  };
  return (
    <Page title={t('cases.permit.title', { number: permit.number })}>
      <p className="case-caption">
        {t(`kind.${permit.kind}`)} · {printed.procedure ? localized(printed.procedure.name) : permit.procedure} ·{' '}
        {permit.agency}
      </p>
      <dl className="summary">
        <dt>{t('cases.permit.status')}</dt>
        <dd>
          <strong>{known(`permitStatus.${permit.status}`, permit.status)}</strong>
          {permit.revokeReason && ` · ${permit.revokeReason}`}
        </dd>
        <dt>{t('cases.permit.holder')}</dt>
        <dd>
          {permit.holder.legalName} · RFC {permit.holder.rfc}
        </dd>
        <dt>{t('cases.permit.validity')}</dt>
        <dd>{t('cases.permit.validFromTo', { from: formatDay(permit.validFrom), to: formatDay(permit.validTo) })}</dd>
        <dt>{t('cases.permit.issuedAt')}</dt>
        <dd>{formatInstant(permit.issuedAt)}</dd>
        <dt>{t('cases.permit.approvedBy')}</dt>
        <dd>{known(`cases.approvedBy.${permit.approvedBy}`, permit.approvedBy)}</dd>
        <dt>{t('cases.permit.verificationCode')}</dt>
        <dd>
          <code>{permit.verificationCode}</code>
        </dd>
        <dt>{t('cases.permit.application')}</dt>
        <dd>
          <Link href={PATHS.application(permit.applicationId)}>{t('cases.permit.seeApplication')}</Link>
        </dd>
      </dl>
      <div className="case-actions">
        <button type="button" className="button" disabled={download === 'busy'} onClick={() => void save()}>
          {t('cases.permit.download')}
        </button>
      </div>
      <div aria-live="polite">
        {download === 'done' && <p>{t('cases.permit.downloaded', { file: `${permit.number}.pdf` })}</p>}
      </div>
      {typeof download === 'object' && <ProblemMessage problem={download} />}

      <h2>{t('cases.permit.goods')}</h2>
      <div className="table-wrap">
        <table className="stack">
          <thead>
            <tr>
              <th scope="col">{t('cases.permit.line')}</th>
              <th scope="col">{t('cases.permit.goodsDescription')}</th>
              <th scope="col">{t('cases.permit.authorised')}</th>
              <th scope="col">{t('cases.permit.remaining')}</th>
              <th scope="col">{t('cases.permit.authorisedValue')}</th>
              <th scope="col">{t('cases.permit.remainingValue')}</th>
            </tr>
          </thead>
          <tbody>
            {permit.balances.map((b) => (
              <tr key={b.line}>
                <td data-label={t('cases.permit.line')}>{b.line}</td>
                <td data-label={t('cases.permit.goodsDescription')}>
                  <span>
                    {describe(b.line) ?? ''} <span className="muted">({b.hsCode})</span>
                  </span>
                </td>
                <td data-label={t('cases.permit.authorised')} className="numeric">
                  {formatNumber(b.authorisedQuantity)} {b.unit}
                </td>
                <td data-label={t('cases.permit.remaining')} className="numeric">
                  {formatNumber(b.remainingQuantity)} {b.unit}
                </td>
                <td data-label={t('cases.permit.authorisedValue')} className="numeric">
                  {formatMoney(b.authorisedValue, b.currency)}
                </td>
                <td data-label={t('cases.permit.remainingValue')} className="numeric">
                  {formatMoney(b.remainingValue, b.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('cases.permit.draws')}</h2>
      {draws.length ? (
        <div className="table-wrap">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t('cases.permit.declaration')}</th>
                <th scope="col">{t('cases.permit.line')}</th>
                <th scope="col">{t('cases.permit.drawnQuantity')}</th>
                <th scope="col">{t('cases.permit.drawnValue')}</th>
                <th scope="col">{t('cases.permit.drawnAt')}</th>
              </tr>
            </thead>
            <tbody>
              {draws.map((d) => (
                <tr key={`${d.declaration}-${d.declarationLine}-${d.permitLine}`}>
                  <td data-label={t('cases.permit.declaration')}>
                    <div>
                      {d.declaration}
                      {d.returnedAt && (
                        <p className="muted">{t('cases.permit.returned', { time: formatInstant(d.returnedAt) })}</p>
                      )}
                    </div>
                  </td>
                  <td data-label={t('cases.permit.line')}>{d.permitLine}</td>
                  <td data-label={t('cases.permit.drawnQuantity')} className="numeric">
                    {formatNumber(d.quantity)} {unitOf(permit, d.permitLine)}
                  </td>
                  <td data-label={t('cases.permit.drawnValue')} className="numeric">
                    {formatMoney(d.value, currencyOf(permit, d.permitLine))}
                  </td>
                  <td data-label={t('cases.permit.drawnAt')}>{formatInstant(d.drawnAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('cases.permit.noDraws')}</p>
      )}
      <p>
        <Link href={PATHS.dashboard}>{t('cases.backToDashboard')}</Link>
      </p>
    </Page>
  );
}

const unitOf = (permit: Permit, line: number) => permit.balances.find((b) => b.line === line)?.unit ?? '';
const currencyOf = (permit: Permit, line: number) => permit.balances.find((b) => b.line === line)?.currency ?? 'MXN';
