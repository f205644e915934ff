/** A labelled file input (the browser's own control: keyboard and screen readers know it), with its error. */
export function FileField(props: {
  id: string;
  label: string;
  hint?: string;
  accept: string;
  error?: string;
  onChange(file: File | null): void;
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
        type="file"
        accept={props.accept}
        aria-describedby={described || undefined}
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.currentTarget.files?.[0] ?? null)}
      />
    </div>
  );
}
