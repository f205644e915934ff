import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { type SigningPayload, signingPayload } from '../api/signed';
import { CheckAndSign, signProblem } from '../components/CheckAndSign';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { ContinueOrCancel, TextArea } from '../components/fields';
import { Page } from '../components/Page';
import { useSession } from '../session';

type Application = Schemas['Application'];
export type Flow = 'information' | 'proposal' | 'resolution' | 'revocation';
type Decision = 'approve' | 'reject';

/** Where the officer is in a decision: the form, or (once the window issued the payload) its check page. */
export interface FlowStep {
  issued: SigningPayload | null;
  onIssued(issued: SigningPayload): void;
  onChange(): void;
  onCancel(): void;
  onDone(): void;
}

/** A row of the check page; `typed` when the officer wrote it in the form (it gets a link back there). */
type Row = { label: string; value: ReactNode; typed?: boolean };

/**
 * A signed decision in two pages (GOV.UK "check your answers"): the form, then what will be signed with the
 * signature. The window computes the payload when the form is done, so the check page shows what it will hold.
 */
function SignFlow(
  props: FlowStep & {
    title: string;
    checkTitle: string;
    /** The signed action's path (without /signing-payload). */
    path: string;
    /** Checks the form: problems linked to their fields, or the data to sign. */
    validate(): { problems: FieldProblem[] } | { data: unknown };
    form: ReactNode;
    rows: Row[];
    declaration: string;
    signLabel: string;
  },
) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when the step changes
  useEffect(() => {
    const h1 = heading.current?.querySelector('h1');
    h1?.setAttribute('tabindex', '-1');
    h1?.focus();
  }, [props.issued]);

  const next = async () => {
    const checked = props.validate();
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      props.onIssued(await signingPayload(props.path, checked.data));
    } catch (err) {
      setProblems([signProblem(err, t)]);
    } finally {
      setBusy(false);
    }
  };

  if (!props.issued)
    return (
      <div ref={heading}>
        <Page title={props.title}>
          <ErrorSummary problems={problems} />
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void next();
            }}
          >
            {props.form}
            <ContinueOrCancel busy={busy} onCancel={props.onCancel} />
          </form>
        </Page>
      </div>
    );
  return (
    <div ref={heading}>
      <Page title={props.checkTitle}>
        <CheckAndSign
          path={props.path}
          issued={props.issued}
          rows={props.rows.map((r) => ({
            label: r.label,
            value: r.value,
            change: r.typed ? props.onChange : undefined,
          }))}
          declaration={props.declaration}
          signer={t('agency.signedBy', { name: session?.efirma.name ?? '', rfc: session?.efirma.rfc ?? '' })}
          signLabel={props.signLabel}
          onSigned={props.onDone}
          onCancel={props.onCancel}
        />
      </Page>
    </div>
  );
}

export function InformationFlow(props: FlowStep & { app: Application }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <SignFlow
      title={t('agency.information.title')}
      checkTitle={t('agency.information.check')}
      path={`/api/v1/applications/${props.app.id}/information-request`}
      validate={() => {
        if (!message.trim()) {
          const problem = { field: 'information-message', message: t('agency.information.required') };
          setError(problem.message);
          return { problems: [problem] };
        }
        setError(undefined);
        return { data: { message: message.trim() } };
      }}
      form={
        <>
          <p>{t('agency.information.lead')}</p>
          <TextArea
            id="information-message"
            label={t('agency.information.label')}
            hint={t('agency.information.hint')}
            error={error}
            value={message}
            onChange={setMessage}
          />
        </>
      }
      rows={[
        { label: t('agency.check.application'), value: `${props.app.procedure.code} · ${props.app.trader.legalName}` },
        { label: t('agency.check.action'), value: t('agency.information.action') },
        { label: t('agency.information.label'), value: message.trim(), typed: true },
      ]}
      declaration={t('agency.information.declaration')}
      signLabel={t('agency.information.sign')}
      {...stepOf(props)}
    />
  );
}

export function DecisionFlow(props: FlowStep & { kind: 'proposal' | 'resolution'; app: Application }) {
  const { t } = useTranslation();
  const { app, kind } = props;
  const options: Decision[] =
    kind === 'proposal'
      ? (['approve', 'reject'] as const).filter((d) =>
          app.availableActions.includes(d === 'approve' ? 'propose_approval' : 'propose_rejection'),
        )
      : (['approve', 'reject'] as const).filter((d) => app.availableActions.includes(d));
  const [decision, setDecision] = useState<Decision | ''>(options.length === 1 ? options[0]! : '');
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <SignFlow
      title={t(`agency.${kind}.title`)}
      checkTitle={t(`agency.${kind}.check`)}
      path={`/api/v1/applications/${app.id}/${kind}`}
      validate={() => {
        const found: FieldProblem[] = [];
        if (!decision)
          found.push({ field: `decision-${options[0] ?? 'approve'}`, message: t('agency.decision.required') });
        if (decision === 'reject' && !message.trim())
          found.push({ field: 'decision-message', message: t('agency.decision.reasonRequired') });
        setProblems(found);
        if (found.length) return { problems: found };
        return { data: { decision, ...(message.trim() ? { message: message.trim() } : {}) } };
      }}
      form={
        <>
          <p>{t(`agency.${kind}.lead`)}</p>
          {app.fourEyes && <p className="notice">{t(`agency.${kind}.fourEyes`)}</p>}
          <fieldset className={`field${errorOf(`decision-${options[0] ?? 'approve'}`) ? ' field-error' : ''}`}>
            <legend>{t('agency.decision.label')}</legend>
            {errorOf(`decision-${options[0] ?? 'approve'}`) && (
              <p className="error-message">{errorOf(`decision-${options[0] ?? 'approve'}`)}</p>
            )}
            {options.map((d) => (
              <div className="checkbox" key={d}>
                <input
                  type="radio"
                  id={`decision-${d}`}
                  name="decision"
                  value={d}
                  checked={decision === d}
                  onChange={() => setDecision(d)}
                />
                <label htmlFor={`decision-${d}`}>{t(`agency.decision.${d}`)}</label>
              </div>
            ))}
          </fieldset>
          <TextArea
            id="decision-message"
            label={t('agency.decision.message')}
            hint={t('agency.decision.messageHint')}
            error={errorOf('decision-message')}
            value={message}
            onChange={setMessage}
          />
        </>
      }
      rows={[
        { label: t('agency.check.application'), value: `${app.procedure.code} · ${app.trader.legalName}` },
        { label: t('agency.check.action'), value: t(`agency.${kind}.action`) },
        { label: t('agency.decision.label'), value: decision ? t(`agency.decision.${decision}`) : '—', typed: true },
        { label: t('agency.decision.message'), value: message.trim() || '—', typed: true },
      ]}
      declaration={t(`agency.${kind}.declaration`)}
      signLabel={t(`agency.${kind}.sign`)}
      {...stepOf(props)}
    />
  );
}

export function RevocationFlow(props: FlowStep & { number: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <SignFlow
      title={t('agency.revocation.title', { number: props.number })}
      checkTitle={t('agency.revocation.check', { number: props.number })}
      path={`/api/v1/permits/${encodeURIComponent(props.number)}/revocation`}
      validate={() => {
        if (reason.trim().length < 3) {
          const problem = { field: 'revocation-reason', message: t('agency.revocation.required') };
          setError(problem.message);
          return { problems: [problem] };
        }
        setError(undefined);
        return { data: { reason: reason.trim() } };
      }}
      form={
        <>
          <p>{t('agency.revocation.lead')}</p>
          <TextArea
            id="revocation-reason"
            label={t('agency.revocation.label')}
            hint={t('agency.revocation.hint')}
            error={error}
            value={reason}
            onChange={setReason}
          />
        </>
      }
      rows={[
        { label: t('agency.field.permit'), value: props.number },
        { label: t('agency.check.action'), value: t('agency.revocation.action') },
        { label: t('agency.revocation.label'), value: reason.trim(), typed: true },
      ]}
      declaration={t('agency.revocation.declaration')}
      signLabel={t('agency.revocation.sign')}
      {...stepOf(props)}
    />
  );
}

/** The step's part of a flow's props, passed on to its SignFlow. */
const stepOf = ({ issued, onIssued, onChange, onCancel, onDone }: FlowStep): FlowStep => ({
  issued,
  onIssued,
  onChange,
  onCancel,
  onDone,
});
