import { useTranslation } from 'react-i18next';
import { useActing } from '../acting';
import { problemText } from '../i18n';
import '../representation/acting.css';

/**
 * The trader a broker acts for now, on every page (in the header), and the switch between the traders that
 * delegated to it. Nothing for a person who acts only for one trader of their own.
 */
export function ActingFor() {
  const { t } = useTranslation();
  const { traders, acting, choose, refusal, forOthers } = useActing();
  if (!forOthers && traders.length < 2) return null;
  return (
    <section className="acting" aria-label={t('acting.region')}>
      <div className="width acting-row">
        <p className="acting-now" data-testid="acting-now">
          {acting ? (
            <>
              {t('acting.now')} <strong>{acting.legalName}</strong> <span className="nowrap">({acting.rfc})</span>
            </>
          ) : (
            t(traders.length ? 'acting.none' : 'acting.noTraders')
          )}
        </p>
        {traders.length > 1 && (
          <div className="acting-switch">
            <label htmlFor="acting-trader">{t('acting.switch')}</label>
            <select
              id="acting-trader"
              value={acting?.rfc ?? ''}
              onChange={(e) => choose(e.currentTarget.value || null)}
            >
              {!acting && <option value="">{t('acting.choose')}</option>}
              {traders.map((trader) => (
                <option key={trader.rfc} value={trader.rfc}>
                  {trader.legalName} ({trader.rfc})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {refusal && (
        <div className="width">
          <div className="notice notice-error" role="alert">
            <p>
              {t('acting.refused', { name: refusal.trader.legalName, rfc: refusal.trader.rfc })}{' '}
              {problemText(refusal.problem.code)}
            </p>
          </div>
        </div>
      )}
    </section>
  );
}
