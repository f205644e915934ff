import { useTranslation } from 'react-i18next';
import { ApiProblem, type Problem, type Schemas } from '../api/client';
import { type SigningPayload, signingPayload } from '../api/signed';
import { CheckAndSign } from '../components/CheckAndSign';
import { ErrorSummary } from '../components/ErrorSummary';
import { ContinueOrCancel, TextArea } from '../components/fields';
import { Page } from '../components/Page';
import { ProblemMessage } from '../components/ProblemMessage';
import { localized } from './text';

type Application = Schemas['Application'];
export type Done = 'answered' | 'withdrawn';

/** Where the trader is on the application's page: the application itself, or one step of answering or withdrawing. */
export type Step =
  | { kind: 'view'; done?: Done }
  | { kind: 'answer'; message: string; error?: string; problem?: Problem }
  | { kind: 'answer-check'; message: string; issued: SigningPayload }
  | { kind: 'withdraw'; reason: string; problem?: Problem }
  | { kind: 'withdraw-check'; reason: string; issued: SigningPayload };

export type FlowStep = Exclude<Step, { kind: 'view' }>;

const MAX_MESSAGE = 5000;

const problemOf = (err: unknown): Problem =>
  err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' };

/**
 * A step of the trader's signed flows on an application (answer an information request, withdraw): the form, then
 * the check page with the signature. `go` moves to a new step (a history entry), `set` changes this one.
 */
export function ApplicationFlow(props: {
  app: Application;
  step: FlowStep;
  go(step: Step): void;
  set(step: Step): void;
  onSigned(done: Done): void;
}) {
  const { t } = useTranslation();
  const { app, step, go, set } = props;
  const path = (action: string) => `/api/v1/applications/${encodeURIComponent(app.id)}/${action}`;
  const name = localized(app.procedureName);
  const back = () => go({ kind: 'view' });
  const procedure = { label: t('cases.application.procedure'), value: `${name} (${app.procedure.code})` };

  if (step.kind === 'answer') {
    const proceed = async () => {
      const message = step.message.trim();
      if (!message) return set({ ...step, error: t('cases.answer.required'), problem: undefined });
      if (message.length > MAX_MESSAGE) return set({ ...step, error: t('cases.answer.tooLong'), problem: undefined });
      try {
        go({ kind: 'answer-check', message, issued: await signingPayload(path('answer'), { message }) });
      } catch (err) {
        set({ ...step, error: undefined, problem: problemOf(err) });
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
            onChange={(message) => set({ ...step, message })}
          />
          <ContinueOrCancel onCancel={back} />
        </form>
      </Page>
    );
  }

  if (step.kind === 'answer-check')
    return (
      <Page title={t('cases.answer.checkTitle')}>
        <p className="case-caption">{name}</p>
        <CheckAndSign
          path={path('answer')}
          issued={step.issued}
          rows={[
            procedure,
            {
              label: t('cases.answer.label'),
              value: step.message,
              change: () => go({ kind: 'answer', message: step.message }),
            },
          ]}
          declaration={t('cases.answer.declaration')}
          signLabel={t('cases.answer.sign')}
          onSigned={() => props.onSigned('answered')}
          onCancel={back}
        />
      </Page>
    );

  if (step.kind === 'withdraw') {
    const proceed = async () => {
      const reason = step.reason.trim();
      try {
        const issued = await signingPayload(path('withdrawal'), reason ? { message: reason } : {});
        go({ kind: 'withdraw-check', reason, issued });
      } catch (err) {
        set({ ...step, problem: problemOf(err) });
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
            onChange={(reason) => set({ ...step, reason })}
          />
          <ContinueOrCancel warning onCancel={back} cancelLabel={t('cases.withdraw.keep')} />
        </form>
      </Page>
    );
  }

  return (
    <Page title={t('cases.withdraw.checkTitle')}>
      <p className="case-caption">{name}</p>
      <CheckAndSign
        path={path('withdrawal')}
        issued={step.issued}
        rows={[
          procedure,
          {
            label: t('cases.withdraw.reason'),
            value: step.reason || t('cases.withdraw.noReason'),
            change: () => go({ kind: 'withdraw', reason: step.reason }),
          },
        ]}
        declaration={t('cases.withdraw.declaration')}
        signLabel={t('cases.withdraw.sign')}
        warning
        onSigned={() => props.onSigned('withdrawn')}
        onCancel={back}
      />
    </Page>
  );
}
