import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The ids of a field's hint and error, for aria-describedby (undefined when it has neither). */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** A field's hint and error message, each with the id its control (or fieldset) is described by. */
export function HintAndError(props: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

/** What a control says to assistive technology and to the error summary's links: its id, hint, error. */
export const describedControl = (id: string, hint?: string, error?: string) => ({
  id,
  'aria-describedby': describedBy(id, hint, error),
  'aria-invalid': error ? true : undefined,
});

/** GOV.UK's field: the label, its hint and error, then the control (which takes `describedControl`). */
export function Field(props: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`field${props.error ? ' field-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <HintAndError id={props.id} hint={props.hint} error={props.error} />
      {props.children}
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled multi-line field with its hint and error, linked for the error summary. */
export function TextArea(
  props: FieldProps & { value: string; onChange(value: string): void; rows?: number; maxLength?: number },
) {
  return (
    <Field {...props}>
      <textarea
        {...describedControl(props.id, props.hint, props.error)}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

/** A labelled text or number input with its hint and error. */
export function InputField(
  props: FieldProps & {
    value: string;
    onChange(value: string): void;
    type?: 'text' | 'number';
    inputMode?: 'numeric' | 'text';
    width?: 'short' | 'full';
    maxLength?: number;
  },
) {
  return (
    <Field {...props}>
      <input
        {...describedControl(props.id, props.hint, props.error)}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        className={props.width === 'short' ? 'input input-short' : 'input'}
        value={props.value}
        maxLength={props.maxLength}
        autoComplete="off"
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
    </Field>
  );
}

/** A labelled file input (the browser's own control: keyboard and screen readers know it), with its error. */
export function FileField(props: FieldProps & { accept: string; onChange(file: File | null): void }) {
  return (
    <Field {...props}>
      <input
        {...describedControl(props.id, props.hint, props.error)}
        type="file"
        accept={props.accept}
        onChange={(e) => props.onChange(e.currentTarget.files?.[0] ?? null)}
      />
    </Field>
  );
}

/** A form step's two ways on: continue (submits; waits while the window answers) or cancel the flow. */
export function ContinueOrCancel(props: {
  busy?: boolean;
  /** The flow ends something (a withdrawal): the button says so. */
  warning?: boolean;
  onCancel(): void;
  cancelLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="submit" className={`button${props.warning ? ' button-warning' : ''}`} disabled={props.busy}>
        {t('form.continue')}
      </button>
      <button type="button" className="link-button" onClick={props.onCancel}>
        {props.cancelLabel ?? t('form.cancel')}
      </button>
    </div>
  );
}
