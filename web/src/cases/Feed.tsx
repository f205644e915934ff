import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { Link } from '../components/Link';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { localized } from './text';

type Notification = Schemas['Notification'];

/** The portal page of what a notification is about (the feed's `link` is the API's). */
function pageOf(n: Notification): string | null {
  if (n.object.type === 'application') return PATHS.application(n.object.id);
  if (n.object.type === 'operation') return PATHS.operation(n.object.id);
  if (n.object.type === 'permit') return PATHS.permit(n.object.id);
  return null;
}

/** The notifications feed: newest first, unread marked, each one or all marked read. */
export function Feed({ items, unread, changed }: { items: Notification[]; unread: number; changed(): void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (request: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await request();
      changed();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="feed-title">
      <div className="case-feed-header">
        <h2 id="feed-title">{t('dashboard.notifications')}</h2>
        <p role="status">{t('dashboard.unread', { count: unread })}</p>
        {unread > 0 && (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void act(() => call(api.POST('/api/v1/notifications/read-all')))}
          >
            {t('dashboard.markAllRead')}
          </button>
        )}
      </div>
      {problem && <ProblemMessage problem={problem} />}
      {items.length ? (
        <ul className="case-feed">
          {items.map((n) => {
            const page = pageOf(n);
            const title = localized(n.title);
            return (
              <li key={n.id} className={n.readAt ? undefined : 'case-unread'}>
                <p>
                  {!n.readAt && <span className="tag tag-new">{t('dashboard.new')}</span>}
                  <strong>{page ? <Link href={page}>{title}</Link> : title}</strong>
                </p>
                <p>{localized(n.body)}</p>
                <p className="muted">{formatInstant(n.createdAt)}</p>
                {!n.readAt && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`${t('dashboard.markRead')}: ${title}`}
                    disabled={busy}
                    onClick={() =>
                      void act(() =>
                        call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } })),
                      )
                    }
                  >
                    {t('dashboard.markRead')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{t('dashboard.noNotifications')}</p>
      )}
    </section>
  );
}
