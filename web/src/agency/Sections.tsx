import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../api/client';
import { useFieldLabel, useProcedureLabels } from '../i18n/field-labels';
import { formatInstant, formatNumber } from '../i18n/format';
import { StackTable } from '../components/StackTable';
import { PdfViewer } from './PdfViewer';

type Application = Schemas['Application'];

const goodsOf = (form: Record<string, unknown>) =>
  (Array.isArray(form.goods) ? form.goods : []) as Array<{
    line?: number;
    hsCode?: string;
    description?: string;
    quantity?: number;
    unit?: string;
    value?: number;
    currency?: string;
    originCountry?: string;
  }>;

/**
 * A form value as text: lists joined, objects as their values (an address), nothing hidden; a code in words, found by
 * its field's path (a list's items are the list, an object's fields follow a dot: 'specimens.source').
 */
function valueText(value: unknown, path: string, words: (field: string, value: string) => string): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map((v) => valueText(v, path, words)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value as object)
      .map(([k, v]) => valueText(v, `${path}.${k}`, words))
      .join(', ');
  return words(path, String(value));
}

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Goods({ app }: { app: Application }) {
  const { t } = useTranslation();
  const goods = goodsOf(app.form);
  if (!goods.length) return null;
  return (
    <section aria-labelledby="goods-title">
      <h2 id="goods-title">{t('agency.goods.title')}</h2>
      <StackTable
        caption={t('agency.goods.title')}
        rows={goods.map((g, i) => ({ ...g, line: g.line ?? i + 1 }))}
        rowKey={(g) => String(g.line)}
        columns={[
          { label: t('agency.goods.line'), cell: (g) => g.line },
          { label: t('agency.goods.hsCode'), cell: (g) => g.hsCode },
          { label: t('agency.goods.description'), cell: (g) => g.description },
          { label: t('agency.goods.quantity'), cell: (g) => `${formatNumber(g.quantity ?? 0)} ${g.unit ?? ''}` },
          { label: t('agency.goods.value'), cell: (g) => `${formatNumber(g.value ?? 0)} ${g.currency ?? ''}` },
          { label: t('agency.goods.origin'), cell: (g) => g.originCountry },
        ]}
      />
    </section>
  );
}

/** The filed form, each field marked as prefilled by the window or typed by the applicant. */
export function FormData({ app }: { app: Application }) {
  const { t } = useTranslation();
  const { label, option } = useFieldLabel(useProcedureLabels(app.procedure.code));
  const prefilled = new Set(app.prefilled);
  const fields = Object.entries(app.form).filter(([k]) => k !== 'goods');
  return (
    <section aria-labelledby="form-title">
      <h2 id="form-title">{t('agency.form.title')}</h2>
      <p className="muted">{t('agency.form.lead')}</p>
      <dl className="summary">
        {fields.map(([field, value]) => (
          <Row key={field} label={label(field)}>
            {valueText(value, field, option)}{' '}
            {prefilled.has(field) ? (
              <span className="tag tag-prefilled">{t('agency.form.prefilled')}</span>
            ) : (
              <span className="tag tag-typed">{t('agency.form.typed')}</span>
            )}
          </Row>
        ))}
      </dl>
    </section>
  );
}

export function Documents({ numbers }: { numbers: string[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('agency.documents.title')}</h2>
      {numbers.length === 0 ? (
        <p>{t('agency.documents.none')}</p>
      ) : (
        <ul className="agency-docs">
          {numbers.map((n) => (
            <li key={n}>
              <strong>{n}</strong>{' '}
              {open !== n && (
                <button type="button" className="link-button" onClick={() => setOpen(n)}>
                  {t('agency.documents.show', { number: n })}
                </button>
              )}
              {open === n && <PdfViewer number={n} onClose={() => setOpen(null)} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const EVENT_TYPES = new Set([
  'submitted',
  'assign',
  'start_review',
  'request_information',
  'answer',
  'resume_review',
  'propose_approval',
  'propose_rejection',
  'return_proposal',
  'approve',
  'reject',
  'withdraw',
  'auto_approve',
  'silence_approve',
  'silence_deny',
  'comment',
]);

/** The history and the messages exchanged with the applicant (internal notes are above, apart). */
export function Timeline({ app }: { app: Application }) {
  const { t } = useTranslation();
  const entries = app.timeline.filter((e) => e.kind !== 'internal_comment');
  const label = (e: Application['timeline'][number]) => {
    if (e.kind !== 'event') return t(`agency.message.${e.kind}`);
    const type = (e.type ?? '').replace(/^application\./, '');
    if (type === 'comment') return t(e.data?.internal ? 'agency.event.internalComment' : 'agency.event.comment');
    return EVENT_TYPES.has(type) ? t(`agency.event.${type}`) : (e.type ?? '');
  };
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('agency.timeline.title')}</h2>
      <ol className="timeline">
        {entries.map((e) => (
          <li
            key={`${e.at}-${e.kind}-${e.type ?? ''}-${e.body ?? ''}`}
            className={e.kind === 'event' ? undefined : 'timeline-message'}
          >
            <strong>{label(e)}</strong>
            <br />
            <span className="muted">
              {formatInstant(e.at)}
              {e.actor ? ` · ${e.actor}` : ''}
              {e.signatureId ? ` · ${t('agency.timeline.signed')}` : ''}
            </span>
            {e.body && <p>{e.body}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
