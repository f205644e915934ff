import './signature.css';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { type SigningPayload, sendSigned } from '../api/signed';
import { EfirmaForgottenError } from '../efirma/errors';
import { problemText } from '../i18n';
import { formatInstant } from '../i18n/format';
import { useSession } from '../session';
import { ErrorSummary, type FieldProblem } from './ErrorSummary';

/** What went wrong as the error summary's line, linked to `field` when the window's problem is about it. */
export function signProblem(err: unknown, t: TFunction, field?: (code: string) => string | undefined): FieldProblem {
  if (err instanceof ApiProblem) return { field: field?.(err.problem.code), message: problemText(err.problem.code) };
  if (err instanceof EfirmaForgottenError) return { message: t('signature.keyForgotten') };
  return { message: problemText('internal') };
}

/** One answer the signature covers, with a way back to where it is changed. */
export interface CheckRow {
  label: string;
  value: ReactNode;
  change?: () => void;
}

export interface SignatureProps<T> {
  /** The signed action's path (its payload was issued at `${path}/signing-payload`). */
  path: string;
  /** The payload the window issued; none yet while it is being asked for (the button waits). */
  issued: SigningPayload | null;
  heading?: string;
  /** What the signature means. */
  declaration: ReactNode;
  /** Who signs, in a quieter line under the declaration. */
  signer?: string;
  signLabel: string;
  /** A signature that ends something (withdraw, revoke): the button says so. */
  warning?: boolean;
  onSigned(answer: T): void;
  onCancel?: () => void;
  cancelLabel?: string;
}

/**
 * The signature part of every signed action: what it means, one button that signs the issued payload in the page
 * with the open e.firma and sends it, and what went wrong if the window or the key refuses.
 */
export function Signature<T>(props: SignatureProps<T>) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const sign = async () => {
    if (!session || !props.issued) return;
    setBusy(true);
    setProblems([]);
    try {
      props.onSigned(await sendSigned<T>(session.efirma, 'POST', props.path, props.issued));
    } catch (err) {
      setProblems([signProblem(err, t)]);
      setBusy(false);
    }
  };
  return (
    <>
      <h2>{props.heading ?? t('signature.heading')}</h2>
      <ErrorSummary problems={problems} />
      <p>{props.declaration}</p>
      {props.signer && <p className="muted">{props.signer}</p>}
      <div className="button-row">
        <button
          type="button"
          className={`button${props.warning ? ' button-warning' : ''}`}
          disabled={!props.issued || busy}
          onClick={() => void sign()}
        >
          {busy ? t('signature.signing') : props.signLabel}
        </button>
        {props.onCancel && (
          <button type="button" className="link-button" onClick={props.onCancel}>
            {props.cancelLabel ?? t('form.cancel')}
          </button>
        )}
      </div>
    </>
  );
}

/** The exact payload the window issued, for whoever wants to read what the signature covers, and until when. */
export function PayloadDetails({ issued }: { issued: SigningPayload }) {
  const { t } = useTranslation();
  const expiresAt = (issued.payload as { expiresAt?: string } | null)?.expiresAt;
  return (
    <details className="signature-payload">
      <summary>{t('signature.payload')}</summary>
      {expiresAt && <p>{t('signature.expires', { time: formatInstant(expiresAt) })}</p>}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <pre tabIndex={0}>{JSON.stringify(issued.payload, null, 2)}</pre>
    </details>
  );
}

/**
 * GOV.UK's "check your answers" before a signature, the one page every signed action of the portal ends with:
 * each answer with a way to change it, the exact payload the window issued, then the signature part.
 */
export function CheckAndSign<T>(props: SignatureProps<T> & { rows: CheckRow[]; issued: SigningPayload }) {
  const { t } = useTranslation();
  return (
    <div className="signature-check">
      <dl className="summary">
        {props.rows.map((row) => (
          <div key={row.label} className="summary-row">
            <dt>{row.label}</dt>
            <dd>
              <span className="signature-value">{row.value}</span>
              {row.change && (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={row.change}>
                    {t('signature.change')}
                    <span className="visually-hidden"> {row.label}</span>
                  </button>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <PayloadDetails issued={props.issued} />
      <Signature {...props} />
    </div>
  );
}
