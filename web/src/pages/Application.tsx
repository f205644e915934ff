import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Problem, type Schemas } from '../api/client';
import { sendSigned, type SigningPayload, signingPayload } from '../api/signed';
import { CheckAndSign } from '../cases/CheckAndSign';
import '../cases/cases.css';
import { focusMain, known, localized } from '../cases/text';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextArea } from '../components/fields';
import { Link } from '../components/Link';
import { Loading, Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { formatDay, formatInstant } from '../i18n/format';
import { PATHS } from '../router';
import { useSession } from '../session';
import { useData } from '../useData';

type Application = Schemas['Application'];
type Entry = Application['timeline'][number];

type Step =
  | { kind: 'view'; done?: 'answered' | 'withdrawn' }
  | { kind: 'answer'; message: string; error?: string; problem?: Problem }
  | { kind: 'answer-check'; message: string; issued: SigningPayload }
  | { kind: 'withdraw'; reason: string; problem?: Problem }
  | { kind: 'withdraw-check'; reason: string; issued: SigningPayload };

const MAX_MESSAGE = 5000;
const CLOSED = ['approved', 'approved_by_silence', 'rejected', 'denied_by_silence', 'withdrawn'];

export default function ApplicationPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [version, setVersion] = useState(0);
  const [step, setStep] = useState<Step>({ kind: 'view' });
  const data = useData(`${session?.token ?? 'none'}:${id}:${version}`, () =>
    call(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: each step is a page of its own
  useEffect(() => {
    if (step.kind !== 'view' || step.done) focusMain();
  }, [step.kind]);

  if (!session)
    return (
      <Page title={t('cases.application.title')}>
        <p>{t('cases.signInFirst')}</p>
        <Link href={PATHS.signIn}>{t('nav.signIn')}</Link>
      </Page>
    );
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error')
    return (
      <Page title={t('cases.application.title')}>
        <ProblemMessage problem={data.problem} />
        <Link href={PATHS.dashboard}>{t('cases.backToDashboard')}</Link>
      </Page>
    );
  const app = data.data;
  const path = (action: string) => `/api/v1/applications/${encodeURIComponent(app.id)}/${action}`;
  const name = localized(app.procedureName);
  const back = () => setStep({ kind: 'view' });
  const signed = async (action: string, issued: SigningPayload, done: 'answered' | 'withdrawn') => {
    await sendSigned(session.efirma, 'POST', path(action), issued);
    setVersion((v) => v + 1);
    setStep({ kind: 'view', done });
  };

  if (step.kind === 'answer') {
    const proceed = async () => {
      const message = step.message.trim();
      if (!message) return setStep({ ...step, error: t('cases.answer.required'), problem: undefined });
      if (message.length > MAX_MESSAGE)
        return setStep({ ...step, error: t('cases.answer.tooLong'), problem: undefined });
      try {
        setStep({ kind: 'answer-check', message, issued: await signingPayload(path('answer'), { message }) });
      } catch (err) {
        setStep({ ...step, error: undefined, problem: problemOf(err) });
      }
    };
    const request = [...app.timeline].reverse().find((e) => e.kind === 'information_request');
    return (
      <Page title={t('cases.answer.title')}>
        <p className="case-caption">{name}</p>
        {step.problem && <ProblemMessage problem={step.problem} />}
        <ErrorSummary problems={step.error ? [{ field: 'answer-message', message: step.error }] : []} />
        {request?.body && (
          <div className="notice">
            <h2>{t('cases.answer.request')}</h2>
            <p className="case-message">{request.body}</p>
          </div>
        )}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void proceed();
          }}
        >
          <TextArea
            id="answer-message"
            label={t('cases.answer.label')}
            hint={t('cases.answer.hint')}
            error={step.error}
            rows={8}
            value={step.message}
            onChange={(message) => setStep({ ...step, message })}
          />
          <div className="case-actions">
            <button type="submit" className="button">
              {t('cases.continue')}
            </button>
            <button type="button" className="link-button" onClick={back}>
              {t('cases.cancel')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  if (step.kind === 'answer-check')
    return (
      <Page title={t('cases.answer.checkTitle')}>
        <p className="case-caption">{name}</p>
        <CheckAndSign
          answers={[
            { label: t('cases.application.procedure'), value: `${name} (${app.procedure.code})` },
            {
              label: t('cases.answer.label'),
              value: step.message,
              change: () => setStep({ kind: 'answer', message: step.message }),
            },
          ]}
          issued={step.issued}
          declaration={t('cases.answer.declaration')}
          signLabel={t('cases.answer.sign')}
          sign={() => signed('answer', step.issued, 'answered')}
          back={back}
        />
      </Page>
    );

  if (step.kind === 'withdraw') {
    const proceed = async () => {
      const reason = step.reason.trim();
      try {
        const issued = await signingPayload(path('withdrawal'), reason ? { message: reason } : {});
        setStep({ kind: 'withdraw-check', reason, issued });
      } catch (err) {
        setStep({ ...step, problem: problemOf(err) });
      }
    };
    return (
      <Page title={t('cases.withdraw.title')}>
        <p className="case-caption">{name}</p>
        {step.problem && <ProblemMessage problem={step.problem} />}
        <div className="notice notice-error">
          <h2>{t('cases.withdraw.meansTitle')}</h2>
          <ul>
            <li>{t('cases.withdraw.means1')}</li>
            <li>{t('cases.withdraw.means2')}</li>
            <li>{t('cases.withdraw.means3')}</li>
          </ul>
        </div>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void proceed();
          }}
        >
          <TextArea
            id="withdraw-reason"
            label={t('cases.withdraw.reason')}
            hint={t('cases.withdraw.reasonHint')}
            rows={4}
            maxLength={MAX_MESSAGE}
            value={step.reason}
            onChange={(reason) => setStep({ ...step, reason })}
          />
          <div className="case-actions">
            <button type="submit" className="button button-warning">
              {t('cases.continue')}
            </button>
            <button type="button" className="link-button" onClick={back}>
              {t('cases.withdraw.keep')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  if (step.kind === 'withdraw-check')
    return (
      <Page title={t('cases.withdraw.checkTitle')}>
        <p className="case-caption">{name}</p>
        <CheckAndSign
          answers={[
            { label: t('cases.application.procedure'), value: `${name} (${app.procedure.code})` },
            {
              label: t('cases.withdraw.reason'),
              value: step.reason || t('cases.withdraw.noReason'),
              change: () => setStep({ kind: 'withdraw', reason: step.reason }),
            },
          ]}
          issued={step.issued}
          declaration={t('cases.withdraw.declaration')}
          signLabel={t('cases.withdraw.sign')}
          warning
          sign={() => signed('withdrawal', step.issued, 'withdrawn')}
          back={back}
        />
      </Page>
    );

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
            <button type="button" className="button" onClick={() => setStep({ kind: 'answer', message: '' })}>
              {t('cases.application.answer')}
            </button>
          )}
          {mayWithdraw && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setStep({ kind: 'withdraw', reason: '' })}
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

function problemOf(err: unknown): Problem {
  return err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' };
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
