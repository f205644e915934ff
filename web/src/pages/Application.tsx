import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../api/client';
import { ApplicationFlow, type Step } from '../cases/ApplicationFlows';
import '../cases/cases.css';
import { focusMain, known, localized } from '../cases/text';
import { useHistoryStep } from '../components/history-step';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { SignInFirst } from '../components/SignInFirst';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';

type Application = Schemas['Application'];
type Entry = Application['timeline'][number];

const CLOSED = ['approved', 'approved_by_silence', 'rejected', 'denied_by_silence', 'withdrawn'];

export default function ApplicationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [version, setVersion] = useState(0);
  const { step, go, set, finish } = useHistoryStep<Step>({ kind: 'view' });
  const data = useData(`${session?.token ?? 'none'}:${id}:${version}`, () =>
    call(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: each step is a page of its own
  useEffect(() => {
    if (step.kind !== 'view' || step.done) focusMain();
  }, [step.kind]);

  if (!session) return <SignInFirst title={t('cases.application.title')} message={t('cases.signInFirst')} />;
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={t('cases.application.title')}>
        <ProblemMessage problem={data.problem} />
        <Link href={PATHS.dashboard}>{t('cases.backToDashboard')}</Link>
      </Page>
    );
  const app = data.data;
  if (step.kind !== 'view')
    return (
      <ApplicationFlow
        app={app}
        step={step}
        go={go}
        set={set}
        onSigned={(done) => {
          setVersion((v) => v + 1);
          finish({ kind: 'view', done });
        }}
      />
    );

  const name = localized(app.procedureName);
  const events = app.timeline.filter((e) => e.kind === 'event' && e.type !== 'application.comment');
  const messages = app.timeline.filter((e) => e.kind !== 'event' && e.kind !== 'internal_comment');
  const request = [...messages].reverse().find((e) => e.kind === 'information_request');
  const mayAnswer = app.availableActions.includes('answer');
  const mayWithdraw = app.availableActions.includes('withdraw');
  return (
    <Page title={name}>
      <p className="case-caption">
        {app.procedure.code} · {app.agency}
      </p>
      {step.done && (
        <div className="notice notice-ok" role="status">
          <p>{t(step.done === 'answered' ? 'cases.answer.done' : 'cases.withdraw.done')}</p>
        </div>
      )}
      {mayAnswer && (
        <div className="notice">
          <h2>{t('cases.application.informationRequested')}</h2>
          {request?.body && <p className="case-message">{request.body}</p>}
        </div>
      )}
      <dl className="summary">
        <dt>{t('cases.application.status')}</dt>
        <dd>{known(`applicationStatus.${app.status}`, app.status)}</dd>
        <dt>{t('cases.application.agency')}</dt>
        <dd>{app.office ? `${app.agency} · ${app.office}` : app.agency}</dd>
        <dt>{t('cases.application.submittedAt')}</dt>
        <dd>{formatInstant(app.submittedAt)}</dd>
        <dt>{t('cases.application.due')}</dt>
        <dd>{dueText(app, t)}</dd>
        <dt>{t('cases.application.silence')}</dt>
        <dd>{t(`silence.${app.silence}`)}</dd>
        {app.resolvedAt && (
          <>
            <dt>{t('cases.application.resolvedAt')}</dt>
            <dd>{formatInstant(app.resolvedAt)}</dd>
          </>
        )}
        <dt>{t('cases.application.operation')}</dt>
        <dd>
          <Link href={PATHS.operation(app.operationId)}>{t('cases.application.seeOperation')}</Link>
        </dd>
      </dl>
      {app.permit && (
        <p className="lead">
          <Link href={PATHS.permit(app.permit.number)}>
            {t('cases.application.seePermit', { number: app.permit.number })}
          </Link>
        </p>
      )}
      {(mayAnswer || mayWithdraw) && (
        <div className="case-actions">
          {mayAnswer && (
            <button type="button" className="button" onClick={() => go({ kind: 'answer', message: '' })}>
              {t('cases.application.answer')}
            </button>
          )}
          {mayWithdraw && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => go({ kind: 'withdraw', reason: '' })}
            >
              {t('cases.application.withdraw')}
            </button>
          )}
        </div>
      )}
      <h2>{t('cases.application.messages')}</h2>
      {messages.length ? (
        <ul className="timeline case-messages">
          {messages.map((m) => (
            <li key={`${m.at}-${m.kind}`} className={m.role === 'officer' ? 'case-from-agency' : undefined}>
              <p>
                <strong>{known(`cases.message.${m.kind}`, m.kind)}</strong> · {who(m, t)} ·{' '}
                <span className="muted">{formatInstant(m.at)}</span>
              </p>
              <p className="case-message">{m.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('cases.application.noMessages')}</p>
      )}
      <h2>{t('cases.application.timeline')}</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={`${e.at}-${e.type}`}>
            <strong>{known(`cases.event.${e.type}`, e.type ?? '')}</strong>
            <p className="muted">
              {formatInstant(e.at)} · {who(e, t)}
              {e.signatureId ? ` · ${t('cases.application.signed')}` : ''}
            </p>
          </li>
        ))}
      </ol>
      <p>
        <Link href={PATHS.dashboard}>{t('cases.backToDashboard')}</Link>
      </p>
    </Page>
  );
}

/** Who acted: the agency (never an officer's RFC to the applicant side), the window itself, or an RFC. */
function who(e: Entry, t: TFunction): string {
  if (!e.actor) return t('cases.application.byWindow');
  if (e.role === 'officer') return t('cases.application.byAgency', { agency: e.actor });
  return e.actor;
}

function dueText(app: Application, t: TFunction): string {
  if (CLOSED.includes(app.status)) return app.dueDate ? formatDay(app.dueDate) : '—';
  if (app.clockStoppedOn) return t('cases.application.clockStopped', { day: formatDay(app.clockStoppedOn) });
  if (!app.dueDate) return '—';
  const days = app.remainingBusinessDays;
  if (days === null || days === undefined) return formatDay(app.dueDate);
  return days < 0
    ? t('cases.application.overdue', { day: formatDay(app.dueDate), count: -days })
    : t('cases.application.dueIn', { day: formatDay(app.dueDate), count: days });
}
