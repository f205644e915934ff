import { Fragment, type ReactNode } from 'react';

/** A labelled text or number input with its hint and error, described for assistive technology (GOV.UK style). */
export function InputField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'number';
  inputMode?: 'numeric' | 'text';
  width?: 'short' | 'full';
  maxLength?: number;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${props.error ? ' field-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="error-message">
          {props.error}
        </p>
      )}
      <input
        id={props.id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        className={props.width === 'short' ? 'input input-short' : 'input'}
        value={props.value}
        maxLength={props.maxLength}
        autoComplete="off"
        aria-describedby={described || undefined}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </div>
  );
}

/** A group of checkboxes in a fieldset whose legend is the question. */
export function CheckboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  values: string[];
  onChange(values: string[]): void;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset
      className={`field fieldset${props.error ? ' field-error' : ''}`}
      aria-describedby={described || undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p id={`${props.id}-hint`} className="hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="error-message">
          {props.error}
        </p>
      )}
      {props.options.map((o, i) => (
        <div className="checkbox" key={o.value}>
          <input
            id={i === 0 ? props.id : `${props.id}-${o.value}`}
            type="checkbox"
            checked={props.values.includes(o.value)}
            aria-describedby={o.hint ? `${props.id}-${o.value}-hint` : undefined}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.checked ? [...props.values, o.value] : props.values.filter((v) => v !== o.value),
              )
            }
          />
          <div>
            <label htmlFor={i === 0 ? props.id : `${props.id}-${o.value}`}>{o.label}</label>
            {o.hint && (
              <p id={`${props.id}-${o.value}-hint`} className="hint">
                {o.hint}
              </p>
            )}
          </div>
        </div>
      ))}
    </fieldset>
  );
}

/** GOV.UK's summary list: the answers a signature covers, each row a term and its value. */
export function SummaryList({ rows }: { rows: { term: string; value: ReactNode }[] }) {
  return (
    <dl className="summary">
      {rows.map((r) => (
        <Fragment key={r.term}>
          <dt>{r.term}</dt>
          <dd>{r.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
