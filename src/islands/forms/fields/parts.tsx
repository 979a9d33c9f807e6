// The small pieces every question is made of: hint, error message, label, legend.
// Markup as nhsuk-frontend 10's fixtures give it.
import type { ReactNode } from 'react';
import { errorId, hintId } from './ids.ts';

export function Hint({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="nhsuk-hint" id={hintId(name)}>
      {children}
    </div>
  );
}

export function ErrorMessage({ name, message }: { name: string; message: string }) {
  return (
    <span className="nhsuk-error-message" id={errorId(name)}>
      <span className="nhsuk-u-visually-hidden">Error: </span>
      {message}
    </span>
  );
}

/** How a question's words are shown: the page's heading (a page that asks one question), a question among several, or one inside a reveal. */
export type QuestionSize = 'page' | 'question' | 'nested';

export function Label({ htmlFor, size, caption, children }: { htmlFor: string; size: QuestionSize; caption?: string | undefined; children: ReactNode }) {
  if (size === 'page') {
    return (
      <h1 className="nhsuk-label-wrapper">
        <label className="nhsuk-label nhsuk-label--l" htmlFor={htmlFor}>
          {caption && <span className="nhsuk-caption-l">{caption}</span>}
          {children}
        </label>
      </h1>
    );
  }
  return (
    <label className={size === 'question' ? 'nhsuk-label nhsuk-label--s' : 'nhsuk-label'} htmlFor={htmlFor}>
      {children}
    </label>
  );
}

export function Legend({ size, caption, children }: { size: QuestionSize; caption?: string | undefined; children: ReactNode }) {
  if (size === 'page') {
    return (
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
        <h1 className="nhsuk-fieldset__heading">
          {caption && <span className="nhsuk-caption-l">{caption}</span>}
          {children}
        </h1>
      </legend>
    );
  }
  return <legend className={size === 'question' ? 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' : 'nhsuk-fieldset__legend'}>{children}</legend>;
}

/** "Full name (optional)": the words of a question. */
export function questionText(label: string, optional: boolean | undefined): string {
  return optional ? `${label} (optional)` : label;
}

export const formGroupClass = (hasError: boolean, extra = '') =>
  ['nhsuk-form-group', hasError ? 'nhsuk-form-group--error' : '', extra].filter(Boolean).join(' ');
