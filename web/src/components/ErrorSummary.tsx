import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldProblem {
  /** The id of the field the message is about (the link moves focus there); none for a problem of the whole form. */
  field?: string;
  message: string;
}

/** GOV.UK's error summary: at the top, focused when it appears, each message a link to its field. */
export function ErrorSummary({ problems }: { problems: FieldProblem[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length) box.current?.focus();
  }, [problems]);
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={box}>
      <h2 id="error-summary-title">{t('errors.title')}</h2>
      <ul>
        {problems.map((p) =>
          p.field ? (
            <li key={p.field + p.message}>
              <a
                href={`#${p.field}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(p.field!)?.focus();
                }}
              >
                {p.message}
              </a>
            </li>
          ) : (
            <li key={p.message}>{p.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}
