import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { type SigningPayload, sendSigned, signingPayload } from '../api/signed';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { Page } from '../components/Page';
import { problemText } from '../i18n';
import { useSession } from '../session';

const asProblem = (err: unknown): FieldProblem => ({
  message: problemText(err instanceof ApiProblem ? err.problem.code : 'internal'),
});

/**
 * A signed action in two pages (GOV.UK "check your answers"): the form, then what will be signed, with the
 * signature. The window computes the payload when the form is done, so the check page shows what it will hold.
 */
export function SignFlow(props: {
  title: string;
  checkTitle: string;
  /** The signed action's path (without /signing-payload). */
  path: string;
  /** Checks the form: problems linked to their fields, or the data to sign. */
  validate(): { problems: FieldProblem[] } | { data: unknown };
  /** The form's fields. */
  form: ReactNode;
  /** The check page's rows: what the officer is about to sign. */
  rows: Array<[string, ReactNode]>;
  /** Shown above the signature button (what the signature means). */
  declaration: string;
  signLabel: string;
  onCancel(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [issued, setIssued] = useState<SigningPayload | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when the step changes
  useEffect(() => {
    heading.current?.querySelector('h1')?.setAttribute('tabindex', '-1');
    (heading.current?.querySelector('h1') as HTMLElement | null)?.focus();
  }, [issued]);

  const next = async () => {
    const checked = props.validate();
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      setIssued(await signingPayload(props.path, checked.data));
    } catch (err) {
      setProblems([asProblem(err)]);
    } finally {
      setBusy(false);
    }
  };

  const sign = async () => {
    if (!issued || !session) return;
    setBusy(true);
    setProblems([]);
    try {
      await sendSigned(session.efirma, 'POST', props.path, issued);
      props.onDone();
    } catch (err) {
      setProblems([asProblem(err)]);
      setBusy(false);
    }
  };

  if (!issued)
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
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                {t('agency.continue')}
              </button>
              <button type="button" className="link-button" onClick={props.onCancel}>
                {t('agency.cancel')}
              </button>
            </div>
          </form>
        </Page>
      </div>
    );
  return (
    <div ref={heading}>
      <Page title={props.checkTitle}>
        <ErrorSummary problems={problems} />
        <dl className="summary">
          {props.rows.map(([label, value]) => (
            <div className="summary-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p>
          <button type="button" className="link-button" onClick={() => setIssued(null)}>
            {t('agency.change')}
          </button>
        </p>
        <h2>{t('agency.signNow')}</h2>
        <p>{props.declaration}</p>
        <p className="muted">
          {t('agency.signedBy', { name: session?.efirma.name ?? '', rfc: session?.efirma.rfc ?? '' })}
        </p>
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => void sign()}>
            {busy ? t('agency.signing') : props.signLabel}
          </button>
          <button type="button" className="link-button" onClick={props.onCancel}>
            {t('agency.cancel')}
          </button>
        </div>
      </Page>
    </div>
  );
}
