// A date as three boxes, day, month and year: nhsuk-frontend's date input.
// Only the boxes an error is about are outlined in red.
import { datePartsInError } from '../../../forms/dates.ts';
import type { DateField, DateParts } from '../../../forms/types.ts';
import type { ShownError } from '../../../forms/steps.ts';
import { describedBy, errorId, hintId } from './ids.ts';
import { ErrorMessage, formGroupClass, Hint, Legend, questionText, type QuestionSize } from './parts.tsx';

interface Props {
  field: DateField;
  value: DateParts;
  error: ShownError | undefined;
  size: QuestionSize;
  caption?: string | undefined;
  autoFocus?: boolean;
  onChange(value: DateParts): void;
}

const parts = [
  { part: 'day', label: 'Day', width: 2 },
  { part: 'month', label: 'Month', width: 2 },
  { part: 'year', label: 'Year', width: 4 },
] as const;

export function DateInput({ field, value, error, size, caption, autoFocus, onChange }: Props) {
  const partsInError = error ? datePartsInError(error.code ?? 'not_real') : [];
  return (
    <div className={formGroupClass(Boolean(error))}>
      <fieldset
        className="nhsuk-fieldset"
        role="group"
        aria-describedby={describedBy(field.hint && hintId(field.name), error && errorId(field.name))}
      >
        <Legend size={size} caption={caption}>
          {questionText(field.label, field.optional)}
        </Legend>
        {field.hint && <Hint name={field.name}>{field.hint}</Hint>}
        {error && <ErrorMessage name={field.name} message={error.message} />}
        <div className="nhsuk-date-input" id={field.name}>
          {parts.map(({ part, label, width }) => {
            const partHasError = partsInError.includes(part);
            return (
              <div className="nhsuk-date-input__item" key={part}>
                <div className={formGroupClass(partHasError)}>
                  <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${field.name}-${part}`}>
                    {label}
                  </label>
                  <input
                    className={`nhsuk-input${partHasError ? ' nhsuk-input--error' : ''} nhsuk-input--width-${width} nhsuk-date-input__input`}
                    id={`${field.name}-${part}`}
                    name={`${field.name}-${part}`}
                    type="text"
                    value={value[part]}
                    onChange={(event) => onChange({ ...value, [part]: event.currentTarget.value })}
                    autoComplete={field.ownBirthday ? `bday-${part}` : 'off'}
                    inputMode="numeric"
                    autoFocus={autoFocus && part === 'day'}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
