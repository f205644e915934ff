import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type Problem } from '../api/client';
import type { SigningPayload } from '../api/signed';
import { ProblemMessage } from '../components/ProblemMessage';

export interface Answer {
  label: string;
  value: string;
  /** Returns to the step where this answer is changed. */
  change?: () => void;
}

/**
 * GOV.UK's "check your answers" before a signature: what will be signed, each answer with a way to change it, the
 * exact payload the window issued (for whoever wants to read it), and one button that signs it with the open e.firma.
 */
export function CheckAndSign(props: {
  answers: Answer[];
  issued: SigningPayload;
  declaration: string;
  signLabel: string;
  warning?: boolean;
  sign(): Promise<void>;
  back(): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await props.sign();
    } catch (err) {
      setProblem(err instanceof ApiProblem ? err.problem : { status: 0, code: 'internal' });
      setBusy(false);
    }
  };
  return (
    <div className="case-check-answers">
      {problem && <ProblemMessage problem={problem} />}
      <dl className="summary">
        {props.answers.map((a) => (
          <div key={a.label} className="summary-row">
            <dt>{a.label}</dt>
            <dd>
              <p className="case-message">{a.value}</p>
              {a.change && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`${t('cases.change')}: ${a.label}`}
                  onClick={a.change}
                >
                  {t('cases.change')}
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <details>
        <summary>{t('cases.exactPayload')}</summary>
        <pre>{JSON.stringify(props.issued.payload, null, 2)}</pre>
      </details>
      <h2>{t('cases.signHeading')}</h2>
      <p>{props.declaration}</p>
      <div className="case-actions">
        <button
          type="button"
          className={`button${props.warning ? ' button-warning' : ''}`}
          disabled={busy}
          onClick={() => void submit()}
        >
          {busy ? t('cases.signing') : props.signLabel}
        </button>
        <button type="button" className="link-button" onClick={props.back}>
          {t('cases.cancel')}
        </button>
      </div>
    </div>
  );
}
