// A longer answer with a character count: nhsuk-frontend's character count
// component. Without JavaScript it says the limit; with it, it counts down as the
// person types, and tells screen readers the count once they pause.
import { useEffect, useState } from 'react';
import type { TextareaField } from '../../../forms/types.ts';
import type { ShownError } from '../../../forms/steps.ts';
import { describedBy, errorId, hintId } from './ids.ts';
import { ErrorMessage, formGroupClass, Hint, Label, questionText, type QuestionSize } from './parts.tsx';

interface Props {
  field: TextareaField;
  value: string;
  error: ShownError | undefined;
  size: QuestionSize;
  caption?: string | undefined;
  enhanced: boolean;
  autoFocus?: boolean;
  onChange(value: string): void;
}

/** Characters as people count them: an emoji or an accented letter is one. */
function countCharacters(text: string): number {
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    let count = 0;
    for (const _ of new Intl.Segmenter('en-GB', { granularity: 'grapheme' }).segment(text)) count++;
    return count;
  }
  return [...text].length;
}

/** "2,000", as the design system writes counts. */
const number = (count: number) => count.toLocaleString('en-GB');

export function countMessage(remaining: number): string {
  if (remaining >= 0) return `You have ${number(remaining)} character${remaining === 1 ? '' : 's'} remaining`;
  const over = -remaining;
  return `You have ${number(over)} character${over === 1 ? '' : 's'} too many`;
}

export function Textarea({ field, value, error, size, caption, enhanced, autoFocus, onChange }: Props) {
  const infoId = `${field.name}-info`;
  const remaining = field.maxLength - countCharacters(value);
  const overLimit = remaining < 0;
  // Screen readers hear the count once typing pauses, not at every key.
  const [spokenCount, setSpokenCount] = useState('');
  useEffect(() => {
    if (!enhanced) return;
    const timer = setTimeout(() => setSpokenCount(countMessage(remaining)), 1000);
    return () => clearTimeout(timer);
  }, [enhanced, remaining]);

  const textareaClasses = ['nhsuk-textarea', error || overLimit ? 'nhsuk-textarea--error' : '', 'nhsuk-js-character-count'].filter(Boolean).join(' ');
  return (
    <div className={formGroupClass(Boolean(error), 'nhsuk-character-count')} data-module="nhsuk-character-count" data-maxlength={field.maxLength}>
      <Label htmlFor={field.name} size={size} caption={caption}>
        {questionText(field.label, field.optional)}
      </Label>
      {field.hint && <Hint name={field.name}>{field.hint}</Hint>}
      {error && <ErrorMessage name={field.name} message={error.message} />}
      <textarea
        className={textareaClasses}
        id={field.name}
        name={field.name}
        rows={field.rows ?? 5}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        aria-describedby={describedBy(infoId, field.hint && hintId(field.name), error && errorId(field.name))}
        autoFocus={autoFocus}
      />
      <div className={`nhsuk-hint nhsuk-character-count__message${enhanced ? ' nhsuk-u-visually-hidden' : ''}`} id={infoId}>
        {`You can enter up to ${number(field.maxLength)} characters`}
      </div>
      {enhanced && (
        <>
          <div
            className={`${overLimit ? 'nhsuk-error-message' : 'nhsuk-hint'} nhsuk-character-count__message nhsuk-character-count__status`}
            aria-hidden="true"
          >
            {countMessage(remaining)}
          </div>
          <div className="nhsuk-character-count__sr-status nhsuk-u-visually-hidden" aria-live="polite">
            {spokenCount}
          </div>
        </>
      )}
    </div>
  );
}
