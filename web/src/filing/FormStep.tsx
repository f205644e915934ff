import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { ErrorSummary, type FieldProblem } from '../components/ErrorSummary';
import { problemText } from '../i18n';
import { LinesInput, SelectInput, TextInput } from './fields';
import { type ProcedureLabels, useFieldLabel } from '../i18n/field-labels';
import { describeValue, type Filing, type Preview, problemField } from './model';

interface FieldSchema {
  type?: string;
  enum?: unknown[];
  items?: { type?: string; enum?: unknown[] };
  description?: string;
  format?: string;
}
export interface ProcedureForm {
  code: string;
  form: { properties: Record<string, FieldSchema>; required?: string[] };
  prefill: Record<string, string>;
  labels: ProcedureLabels;
}

/** The fields the applicant types: the form's fields that the registry and the operation do not fill. */
export const typedFields = (def: ProcedureForm) =>
  Object.keys(def.form.properties).filter((name) => !(name in def.prefill));

/** A typed value as the input shows it (a list one per line). */
export const asText = (v: unknown) =>
  Array.isArray(v) ? v.join('\n') : v === undefined || v === null ? '' : String(v);

function fromText(schema: FieldSchema, text: string): unknown {
  const s = text.trim();
  if (!s) return undefined;
  if (schema.type === 'array')
    return s
      .split(/\n|,/)
      .map((x) => x.trim())
      .filter(Boolean);
  if (schema.type === 'number' || schema.type === 'integer') return Number(s.replace(',', '.'));
  if (schema.type === 'boolean') return s === 'true';
  return s;
}

/** Step 4 (one page per procedure): what was prefilled, shown; what the user must type, asked. */
export function FormStep(p: {
  filing: Filing;
  preview: Preview;
  def: ProcedureForm;
  position: { n: number; of: number };
  save(procedureData: Filing['procedureData']): Promise<Preview[]>;
  onDone(): void;
}) {
  const { t, i18n } = useTranslation();
  const { label, option } = useFieldLabel(p.def.labels);
  const lang = i18n.language === 'en' ? 'en' : 'es';
  const code = p.def.code;
  const fields = typedFields(p.def);
  const typedBefore = p.filing.procedureData[code] ?? {};
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f, asText(typedBefore[f])])),
  );
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => problems.find((x) => x.field === field)?.message;
  const prefilled = Object.keys(p.def.prefill).filter((f) => p.preview.form[f] !== undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed: Record<string, unknown> = {};
    for (const f of fields) {
      const v = fromText(p.def.form.properties[f] ?? {}, values[f] ?? '');
      if (v !== undefined) typed[f] = v;
    }
    setBusy(true);
    try {
      const preview = await p.save({ ...p.filing.procedureData, [code]: typed });
      const mine = preview.find((a) => a.procedure.code === code);
      const found: FieldProblem[] = [];
      for (const problem of mine?.problems ?? []) {
        const field = problemField(problem);
        if (field && fields.includes(field)) {
          if (found.some((x) => x.field === field)) continue;
          const missing = problem.message.startsWith('missing');
          found.push({
            field: `field-${field}`,
            message: t(missing ? 'filing.form.missing' : 'filing.form.invalid', { field: label(field) }),
          });
        } else found.push({ message: t('filing.form.registryProblem', { field: field ?? problem.path }) });
      }
      setProblems(found);
      if (!found.length) p.onDone();
    } catch (err) {
      setProblems([{ message: problemText(err instanceof ApiProblem ? err.problem.code : 'internal') }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary problems={problems} />
      <p className="filing-caption">
        {t('filing.form.position', { n: p.position.n, of: p.position.of })} · {p.preview.procedure.agency}
      </p>
      <h2>{p.preview.procedure.name[lang]}</h2>
      <h3>{t('filing.form.prefilledTitle')}</h3>
      <p>{t('filing.form.prefilledLead')}</p>
      <dl className="summary prefilled">
        {prefilled.map((f) => (
          <div className="summary-row" key={f}>
            <dt>{label(f)}</dt>
            <dd>
              {describeValue(p.preview.form[f])}{' '}
              <span className="tag tag-prefilled">{t(`filing.source.${p.def.prefill[f]?.split('.')[0]}`)}</span>
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('filing.form.typedTitle')}</h3>
      {fields.length ? (
        fields.map((f) => {
          const schema = p.def.form.properties[f] ?? {};
          const id = `field-${f}`;
          const common = {
            id,
            label: label(f),
            hint: schema.description,
            hintLang: schema.description ? 'en' : undefined,
            error: errorOf(id),
            value: values[f] ?? '',
            onChange: (v: string) => setValues((old) => ({ ...old, [f]: v })),
          };
          if (schema.enum)
            return (
              <SelectInput
                key={f}
                {...common}
                placeholder={t('filing.form.choose')}
                options={schema.enum.map((v) => ({ value: String(v), label: option(f, String(v)) }))}
              />
            );
          if (schema.type === 'boolean')
            return (
              <SelectInput
                key={f}
                {...common}
                placeholder={t('filing.form.choose')}
                options={[
                  { value: 'true', label: t('filing.yes') },
                  { value: 'false', label: t('filing.no') },
                ]}
              />
            );
          if (schema.type === 'array')
            return (
              <LinesInput
                key={f}
                {...common}
                hint={`${t('filing.form.onePerLine')}${schema.description ? ` (${schema.description})` : ''}`}
                hintLang={undefined}
              />
            );
          return <TextInput key={f} {...common} />;
        })
      ) : (
        <p>{t('filing.form.nothingToType')}</p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {t('filing.continue')}
      </button>
    </form>
  );
}
