import type { ReactNode } from 'react';

interface Common {
  id: string;
  label: string;
  hint?: string;
  /** The hint's language when it is not the page's (a procedure's schema speaks English). */
  hintLang?: string;
  error?: string;
  /** Shown before the input, e.g. "Prefilled" badges. */
  extra?: ReactNode;
}

const describedBy = (p: Common) =>
  [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Frame(p: Common & { children: ReactNode }) {
  return (
    <div className={`field${p.error ? ' field-error' : ''}`}>
      <label htmlFor={p.id}>{p.label}</label>
      {p.hint && (
        <p id={`${p.id}-hint`} className="hint" lang={p.hintLang}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p id={`${p.id}-error`} className="error-message">
          {p.error}
        </p>
      )}
      {p.children}
    </div>
  );
}

/** A labelled text input with its hint and error (GOV.UK's text input). */
export function TextInput(
  p: Common & {
    value: string;
    onChange(value: string): void;
    inputMode?: 'text' | 'decimal' | 'numeric';
    width?: 'short' | 'full';
    autoComplete?: string;
  },
) {
  return (
    <Frame {...p}>
      <input
        id={p.id}
        name={p.id}
        type="text"
        className={`input${p.width === 'short' ? ' input-short' : ''}`}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete ?? 'off'}
        spellCheck={false}
        value={p.value}
        aria-describedby={describedBy(p)}
        aria-invalid={p.error ? true : undefined}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      />
    </Frame>
  );
}

/** Several values, one per line. */
export function LinesInput(p: Common & { value: string; onChange(value: string): void }) {
  return (
    <Frame {...p}>
      <textarea
        id={p.id}
        name={p.id}
        className="input"
        rows={3}
        spellCheck={false}
        value={p.value}
        aria-describedby={describedBy(p)}
        aria-invalid={p.error ? true : undefined}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      />
    </Frame>
  );
}

/** A native select: typing a letter picks the option that starts with it, so the keyboard is enough. */
export function SelectInput(
  p: Common & {
    value: string;
    onChange(value: string): void;
    options: Array<{ value: string; label: string }>;
    placeholder?: string;
  },
) {
  return (
    <Frame {...p}>
      <select
        id={p.id}
        name={p.id}
        className="input"
        value={p.value}
        aria-describedby={describedBy(p)}
        aria-invalid={p.error ? true : undefined}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Radios in a fieldset with a legend (GOV.UK's radios); the first option's id is the one errors link to. */
export function Radios(
  p: Common & { value: string; onChange(value: string): void; options: Array<{ value: string; label: string }> },
) {
  return (
    <fieldset className={`field fieldset${p.error ? ' field-error' : ''}`} aria-describedby={describedBy(p)}>
      <legend>{p.label}</legend>
      {p.hint && (
        <p id={`${p.id}-hint`} className="hint">
          {p.hint}
        </p>
      )}
      {p.error && (
        <p id={`${p.id}-error`} className="error-message">
          {p.error}
        </p>
      )}
      {p.options.map((o, i) => (
        <div className="radio" key={o.value}>
          <input
            type="radio"
            id={i === 0 ? p.id : `${p.id}-${o.value}`}
            name={p.id}
            value={o.value}
            checked={p.value === o.value}
            onChange={() => p.onChange(o.value)}
          />
          <label htmlFor={i === 0 ? p.id : `${p.id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** One row of a summary list with its "change" action (GOV.UK's summary list). */
export function SummaryRow(p: { label: string; value: ReactNode; change?: () => void; changeLabel?: string }) {
  return (
    <div className="summary-row">
      <dt>{p.label}</dt>
      <dd>{p.value}</dd>
      <dd className="summary-action">
        {p.change && (
          <button type="button" className="link-button" onClick={p.change}>
            {p.changeLabel}
            <span className="visually-hidden"> {p.label}</span>
          </button>
        )}
      </dd>
    </div>
  );
}
