import { Fragment, type ReactNode } from 'react';
import { describedBy, HintAndError } from '../components/fields';

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
  return (
    <fieldset
      className={`field fieldset${props.error ? ' field-error' : ''}`}
      aria-describedby={describedBy(props.id, props.hint, props.error)}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
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
