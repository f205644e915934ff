import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, api, call, type Schemas } from '../api/client';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { TextArea } from '../components/fields';
import { problemText } from '../i18n';
import { formatInstant } from '../i18n/format';

type Application = Schemas['Application'];

/** Internal notes: between officers only, kept visibly apart from what the applicant reads. */
export function InternalNotes({ app, onSaved }: { app: Application; onSaved(): void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const notes = app.timeline.filter((e) => e.kind === 'internal_comment');
  const save = async () => {
    if (!body.trim()) {
      setProblems([{ field: 'internal-comment', message: t('agency.internal.required') }]);
      return;
    }
    try {
      await call(
        api.POST('/api/v1/applications/{id}/comments', {
          params: { path: { id: app.id } },
          body: { body: body.trim(), internal: true },
        }),
      );
      setBody('');
      setProblems([]);
      onSaved();
    } catch (err) {
      setProblems([{ message: problemText(err instanceof ApiProblem ? err.problem.code : 'internal') }]);
    }
  };
  return (
    <section className="agency-internal" aria-labelledby="internal-title">
      <h2 id="internal-title">{t('agency.internal.title')}</h2>
      <p>
        <strong>{t('agency.internal.lead')}</strong>
      </p>
      {notes.length ? (
        <ul className="timeline">
          {notes.map((n) => (
            <li key={n.at + (n.body ?? '')}>
              <span className="muted">
                {formatInstant(n.at)} · {n.actor}
              </span>
              <p>{n.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('agency.internal.none')}</p>
      )}
      <ErrorSummary problems={problems} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextArea
          id="internal-comment"
          label={t('agency.internal.label')}
          hint={t('agency.internal.hint')}
          error={problems.find((p) => p.field)?.message}
          value={body}
          onChange={setBody}
        />
        <button type="submit" className="button button-secondary">
          {t('agency.internal.submit')}
        </button>
      </form>
    </section>
  );
}
