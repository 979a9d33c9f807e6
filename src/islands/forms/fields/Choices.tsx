// Radios and checkboxes, with conditional reveals: nhsuk-frontend's radios and
// checkboxes components. Without JavaScript every reveal is shown (the design
// system's own behaviour); with it, only the chosen option's.
import type { ReactNode } from 'react';
import type { ShownError } from '../../../forms/steps.ts';
import { describedBy, errorId, hintId, optionId, revealId } from './ids.ts';
import { ErrorMessage, formGroupClass, Hint, Legend, questionText, type QuestionSize } from './parts.tsx';

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
}

interface Props {
  kind: 'radios' | 'checkboxes';
  name: string;
  legend: string;
  hint?: ReactNode | undefined;
  optional?: boolean | undefined;
  choices: readonly Choice[];
  selected: readonly string[];
  error: ShownError | undefined;
  size: QuestionSize;
  caption?: string | undefined;
  inline?: boolean | undefined;
  /** The questions revealed by each option, by its value. */
  reveals?: ReadonlyMap<string, ReactNode> | undefined;
  enhanced: boolean;
  autoFocus?: boolean | undefined;
  onChange(selected: string[]): void;
}

export function Choices({ kind, name, legend, hint, optional, choices, selected, error, size, caption, inline, reveals, enhanced, autoFocus, onChange }: Props) {
  const block = kind === 'radios' ? 'nhsuk-radios' : 'nhsuk-checkboxes';
  const toggle = (value: string, checked: boolean) => {
    if (kind === 'radios') onChange(checked ? [value] : []);
    else onChange(checked ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  };
  return (
    <div className={formGroupClass(Boolean(error))}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy(hint !== undefined && hintId(name), error && errorId(name))}>
        <Legend size={size} caption={caption}>
          {questionText(legend, optional)}
        </Legend>
        {hint !== undefined && <Hint name={name}>{hint}</Hint>}
        {error && <ErrorMessage name={name} message={error.message} />}
        <div className={`${block}${inline ? ` ${block}--inline` : ''}`} data-module={block}>
          {choices.map((choice, index) => {
            const id = optionId(name, index);
            const checked = selected.includes(choice.value);
            const reveal = reveals?.get(choice.value);
            const itemHintId = `${id}-item-hint`;
            return [
              <div className={`${block}__item`} key={id}>
                <input
                  className={`${block}__input`}
                  id={id}
                  name={name}
                  type={kind === 'radios' ? 'radio' : 'checkbox'}
                  value={choice.value}
                  checked={checked}
                  onChange={(event) => toggle(choice.value, event.currentTarget.checked)}
                  aria-describedby={choice.hint ? itemHintId : undefined}
                  // The design system's script promotes data-aria-controls once it runs; the island does the same.
                  {...(reveal ? (enhanced ? { 'aria-controls': revealId(id) } : { 'data-aria-controls': revealId(id) }) : {})}
                  autoFocus={autoFocus && index === 0}
                />
                <label className={`nhsuk-label ${block}__label`} htmlFor={id}>
                  {choice.label}
                </label>
                {choice.hint && (
                  <div className={`nhsuk-hint ${block}__hint`} id={itemHintId}>
                    {choice.hint}
                  </div>
                )}
              </div>,
              reveal && (
                <div
                  className={`${block}__conditional${checked ? '' : ` ${block}__conditional--hidden`}`}
                  id={revealId(id)}
                  key={revealId(id)}
                  hidden={enhanced && !checked}
                >
                  {reveal}
                </div>
              ),
            ];
          })}
        </div>
      </fieldset>
    </div>
  );
}
