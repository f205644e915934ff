import type { ReactNode } from 'react';
import { ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';

/**
 * A text field with a list of matches under it (react-aria's ComboBox): what is typed stays the field's value
 * (a code typed as it is is an answer too), and picking a match writes its text into the field.
 */
export function Lookup<T extends { code: string }>(p: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  error?: string;
  onChange(text: string): void;
  /** The matches for what is typed now (they may arrive after the typing: the list opens at once and fills). */
  items: T[];
  /** What the field holds once a match is picked. */
  text(item: T): string;
  render(item: T): ReactNode;
  onPick?(item: T): void;
  /** Said in the list when nothing matches. */
  none: string;
  short?: boolean;
}) {
  return (
    <ComboBox
      className={`field${p.error ? ' field-error' : ''}`}
      allowsCustomValue
      allowsEmptyCollection
      menuTrigger="input"
      inputValue={p.value}
      onInputChange={p.onChange}
      items={p.items}
      isInvalid={!!p.error}
      onSelectionChange={(key) => {
        const item = p.items.find((x) => x.code === key);
        if (item) {
          p.onChange(p.text(item));
          p.onPick?.(item);
        }
      }}
    >
      <Label>{p.label}</Label>
      {p.hint && (
        <Text slot="description" className="hint">
          {p.hint}
        </Text>
      )}
      <FieldError className="error-message">{p.error}</FieldError>
      <Input id={p.id} className={p.short ? 'input input-short' : 'input'} spellCheck={false} autoComplete="off" />
      <Popover className="hs-popover" placement="bottom start">
        <ListBox className="hs-list" renderEmptyState={() => <p className="hs-empty">{p.none}</p>}>
          {(item: T) => (
            <ListBoxItem id={item.code} className="hs-option" textValue={p.text(item)}>
              {p.render(item)}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
