import { useTranslation } from 'react-i18next';
import { useActing } from '../acting';
import { api, call } from '../api/client';
import { Loading } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatInstant } from '../i18n/format';
import { useData } from '../useData';

/** For a broker: the traders whose delegation is active now (asked afresh), and acting for one of them. */
export function BrokerClients({ patent, version }: { patent: string; version: number }) {
  const { t } = useTranslation();
  const { acting, choose, traders } = useActing();
  const data = useData(`${patent}:${version}`, () =>
    call(api.GET('/api/v1/delegations', { params: { query: { status: 'active', limit: 200 } } })),
  );
  return (
    <section className="representation-section" aria-labelledby="clients-heading">
      <h2 id="clients-heading">{t('clients.heading')}</h2>
      <p>{t('clients.lead', { patent })}</p>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <ProblemMessage problem={data.problem} />}
      {data.state === 'ok' &&
        (() => {
          const mine = data.data.items.filter((d) => d.broker.patent === patent);
          if (!mine.length) return <p>{t('clients.none')}</p>;
          return (
            <table className="stack">
              <caption className="visually-hidden">{t('clients.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('clients.trader')}</th>
                  <th scope="col">{t('clients.rfc')}</th>
                  <th scope="col">{t('delegations.granted')}</th>
                  <th scope="col">{t('delegations.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((d) => (
                  <tr key={d.id}>
                    <td data-label={t('clients.trader')}>{d.trader.legalName}</td>
                    <td data-label={t('clients.rfc')}>{d.trader.rfc}</td>
                    <td data-label={t('delegations.granted')}>{formatInstant(d.grantedAt)}</td>
                    <td data-label={t('delegations.actions')}>
                      {acting?.rfc === d.trader.rfc ? (
                        <strong>{t('clients.actingNow')}</strong>
                      ) : traders.some((x) => x.rfc === d.trader.rfc) ? (
                        <button type="button" className="link-button" onClick={() => choose(d.trader.rfc)}>
                          {t('clients.actFor')}
                          <span className="visually-hidden"> {d.trader.legalName}</span>
                        </button>
                      ) : (
                        <span className="muted">{t('common.loading')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })()}
    </section>
  );
}
