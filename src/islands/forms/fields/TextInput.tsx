// A one-line answer: nhsuk-frontend's input component.
import type { TextField } from '../../../forms/types.ts';
import type { ShownError } from '../../../forms/steps.ts';
import { describedBy, errorId, hintId } from './ids.ts';
import { ErrorMessage, formGroupClass, Hint, Label, questionText, type QuestionSize } from './parts.tsx';

interface Props {
  field: TextField;
  value: string;
  error: ShownError | undefined;
  size: QuestionSize;
  caption?: string | undefined;
  autoFocus?: boolean;
  onChange(value: string): void;
}

export function TextInput({ field, value, error, size, caption, autoFocus, onChange }: Props) {
  const classes = ['nhsuk-input', error ? 'nhsuk-input--error' : '', field.width ? `nhsuk-input--width-${field.width}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={formGroupClass(Boolean(error))}>
      <Label htmlFor={field.name} size={size} caption={caption}>
        {questionText(field.label, field.optional)}
      </Label>
      {field.hint && <Hint name={field.name}>{field.hint}</Hint>}
      {error && <ErrorMessage name={field.name} message={error.message} />}
      <input
        className={classes}
        id={field.name}
        name={field.name}
        type={field.type}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autoComplete={field.autocomplete}
        inputMode={field.inputmode}
        spellCheck={field.spellcheck}
        // The schema gives a clear message for an answer that is too long; maxlength would cut it off silently.
        aria-describedby={describedBy(field.hint && hintId(field.name), error && errorId(field.name))}
        autoFocus={autoFocus}
      />
    </div>
  );
}
