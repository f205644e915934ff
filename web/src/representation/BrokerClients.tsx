import { useTranslation } from 'react-i18next';
import { useActing } from '../acting';
import { api, call } from '../api/client';
import { StackTable } from '../components/StackTable';
import { formatInstant } from '../i18n/format';
import { useData } from '../useData';
import { ListSection } from './ListSection';

/** For a broker: the traders whose delegation is active now (asked afresh), and acting for one of them. */
export function BrokerClients({ patent, version }: { patent: string; version: number }) {
  const { t } = useTranslation();
  const { acting, choose, traders } = useActing();
  const data = useData(`${patent}:${version}`, () =>
    call(api.GET('/api/v1/delegations', { params: { query: { status: 'active', limit: 200 } } })),
  );
  return (
    <ListSection id="clients-heading" heading={t('clients.heading')} lead={t('clients.lead', { patent })} data={data}>
      {(list) => {
        const mine = list.items.filter((d) => d.broker.patent === patent);
        if (!mine.length) return <p>{t('clients.none')}</p>;
        return (
          <StackTable
            caption={t('clients.heading')}
            rows={mine}
            rowKey={(d) => d.id}
            columns={[
              { label: t('clients.trader'), cell: (d) => d.trader.legalName },
              { label: t('clients.rfc'), cell: (d) => d.trader.rfc },
              { label: t('delegations.granted'), cell: (d) => formatInstant(d.grantedAt) },
              {
                label: t('delegations.actions'),
                cell: (d) =>
                  acting?.rfc === d.trader.rfc ? (
                    <strong>{t('clients.actingNow')}</strong>
                  ) : traders.some((x) => x.rfc === d.trader.rfc) ? (
                    <button type="button" className="link-button" onClick={() => choose(d.trader.rfc)}>
                      {t('clients.actFor')}
                      <span className="visually-hidden"> {d.trader.legalName}</span>
                    </button>
                  ) : (
                    <span className="muted">{t('common.loading')}</span>
                  ),
              },
            ]}
          />
        );
      }}
    </ListSection>
  );
}
