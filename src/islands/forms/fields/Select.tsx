// A choice from a long list: nhsuk-frontend's select component.
import type { SelectField } from '../../../forms/types.ts';
import type { ShownError } from '../../../forms/steps.ts';
import { describedBy, errorId, hintId } from './ids.ts';
import { ErrorMessage, formGroupClass, Hint, Label, questionText, type QuestionSize } from './parts.tsx';

interface Props {
  field: SelectField;
  value: string;
  error: ShownError | undefined;
  size: QuestionSize;
  autoFocus?: boolean;
  onChange(value: string): void;
}

export function Select({ field, value, error, size, autoFocus, onChange }: Props) {
  return (
    <div className={formGroupClass(Boolean(error))}>
      <Label htmlFor={field.name} size={size}>
        {questionText(field.label, field.optional)}
      </Label>
      {field.hint && <Hint name={field.name}>{field.hint}</Hint>}
      {error && <ErrorMessage name={field.name} message={error.message} />}
      <select
        className={`nhsuk-select${error ? ' nhsuk-select--error' : ''}`}
        id={field.name}
        name={field.name}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby={describedBy(field.hint && hintId(field.name), error && errorId(field.name))}
        autoFocus={autoFocus}
      >
        <option value="">Select an option</option>
        {field.options.map((option) => (
          <option value={option.value} key={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
