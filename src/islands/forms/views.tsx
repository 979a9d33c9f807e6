// The three steps of every form, drawn from its definition: the questions, the
// check-your-answers page, and the confirmation. Pure: the same props give the
// same HTML at build, on the server and in the browser.
import type { FormEvent, MouseEvent, ReactNode } from 'react';
import { honeypot } from '../../forms/input.ts';
import type { FormValues } from '../../forms/types.ts';
import { answerFor } from './answers.tsx';
import { ErrorSummary } from './fields/ErrorSummary.tsx';
import { errorTarget } from './fields/ids.ts';
import { fieldOf, fieldsOf, type FormView } from '../../forms/form-view.ts';
import { checkTitle, hasCheckStep, isAsked, listOf, textOf, dateOf, type FormProblemView, type ShownError } from '../../forms/steps.ts';
import { Question, type QuestionContext } from './Question.tsx';

/** A problem with the whole form (signed out, too many tries, service down): an error summary without links. */
export function ProblemSummary({ problem, attempt, children }: { problem: FormProblemView; attempt: number; children?: ReactNode }) {
  return (
    <ErrorSummary errors={[]} attempt={attempt} body={<p>{problem.message}</p>}>
      {children}
    </ErrorSummary>
  );
}

/** The honeypot: people never see it (hidden by the stylesheet); bots fill it in and are quietly dropped. */
function Honeypot() {
  return (
    <div className="dsr-honeypot">
      <label htmlFor={honeypot.name}>{honeypot.label}</label>
      <input id={honeypot.name} name={honeypot.name} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export interface QuestionsStepProps {
  context: QuestionContext;
  errors: readonly ShownError[];
  /** Where a summary link about a question goes, when not to the question itself. */
  errorHref?: ((field: string) => string | undefined) | undefined;
  problem?: FormProblemView | undefined;
  problemExtra?: ReactNode;
  attempt: number;
  /** Words between the <h1> and the questions. */
  intro?: ReactNode;
  /** Values the page sets rather than the person (e.g. where to go after signing in). */
  hidden?: Record<string, string> | undefined;
  busy: boolean;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
}

export function QuestionsStep({ context, errors, errorHref, problem, problemExtra, attempt, intro, hidden, busy, onSubmit }: QuestionsStepProps) {
  const { form, pageHeading } = context;
  const summaryErrors = errors.map((error) => {
    const field = fieldOf(form, error.field);
    return { error, href: errorHref?.(error.field) ?? (field ? errorTarget(field, error.code) : '#maincontent') };
  });
  const checkFirst = hasCheckStep(form);
  return (
    <>
      {errors.length > 0 && <ErrorSummary errors={summaryErrors} attempt={attempt} />}
      {problem && errors.length === 0 && <ProblemSummary problem={problem} attempt={attempt}>{problemExtra}</ProblemSummary>}
      {!pageHeading && <h1>{form.title}</h1>}
      {intro}
      {/* Without JavaScript the form posts to its own page (src/forms/steps.ts), so the address bar never shows the API. */}
      <form method="post" action={form.page} noValidate onSubmit={onSubmit} acceptCharset="utf-8">
        {form.sections.map((section, index) => (
          <section key={section.heading ?? index} aria-labelledby={section.heading ? `section-${index}` : undefined}>
            {section.heading && (
              <h2 className="nhsuk-heading-m" id={`section-${index}`}>
                {section.heading}
              </h2>
            )}
            {section.fields
              .filter((field) => !field.shownWhen)
              .map((field) => (
                <Question field={field} context={context} key={field.name} />
              ))}
          </section>
        ))}
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input type="hidden" name={name} value={value} key={name} />
        ))}
        <Honeypot />
        {/* step=check asks only for the check page; a form without one sends straight away (no step: see src/forms/steps.ts). */}
        <button className="nhsuk-button" data-module="nhsuk-button" type="submit" {...(checkFirst ? { name: 'step', value: 'check' } : {})} disabled={busy} aria-disabled={busy || undefined}>
          {checkFirst ? 'Continue' : form.submitLabel}
        </button>
      </form>
    </>
  );
}

/** Every answer as hidden fields, named as the form posts them, so the check page can send or change them without JavaScript. */
function AnswersAsHiddenFields({ form, values }: { form: FormView; values: FormValues }) {
  return (
    <>
      {fieldsOf(form).map((field) => {
        if (field.type === 'date') {
          const parts = dateOf(values, field.name);
          return (['day', 'month', 'year'] as const).map((part) => (
            <input type="hidden" name={`${field.name}-${part}`} value={parts[part]} key={`${field.name}-${part}`} />
          ));
        }
        if (field.type === 'checkboxes') {
          return listOf(values, field.name).map((value) => <input type="hidden" name={field.name} value={value} key={`${field.name}-${value}`} />);
        }
        return <input type="hidden" name={field.name} value={textOf(values, field.name)} key={field.name} />;
      })}
    </>
  );
}

export interface CheckStepProps {
  form: FormView;
  values: FormValues;
  problem?: FormProblemView | undefined;
  problemExtra?: ReactNode;
  attempt: number;
  /** Shown after the answers, e.g. whether the person must be assessed for a keyworker. */
  after?: ReactNode;
  busy: boolean;
  onChangeAnswer(field: string, event: MouseEvent<HTMLButtonElement>): void;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
}

export function CheckStep({ form, values, problem, problemExtra, attempt, after, busy, onChangeAnswer, onSubmit }: CheckStepProps) {
  return (
    <>
      {problem && <ProblemSummary problem={problem} attempt={attempt}>{problemExtra}</ProblemSummary>}
      <h1 tabIndex={-1} id="check-heading">
        {checkTitle(form)}
      </h1>
      <form method="post" action={form.page} noValidate onSubmit={onSubmit} acceptCharset="utf-8">
        {form.sections.map((section, index) => {
          const asked = section.fields.filter((field) => field.type !== 'hidden' && isAsked(field, values));
          if (asked.length === 0) return null;
          return (
            <section key={section.heading ?? index} aria-labelledby={section.heading ? `check-section-${index}` : undefined}>
              {section.heading && (
                <h2 className="nhsuk-heading-m" id={`check-section-${index}`}>
                  {section.heading}
                </h2>
              )}
              <dl className="nhsuk-summary-list">
                {asked.map((field) => (
                  <div className="nhsuk-summary-list__row" key={field.name}>
                    <dt className="nhsuk-summary-list__key">{field.label}</dt>
                    <dd className="nhsuk-summary-list__value">{answerFor(field, values)}</dd>
                    <dd className="nhsuk-summary-list__actions">
                      <button className="nhsuk-link" type="submit" name="change" value={field.name} onClick={(event) => onChangeAnswer(field.name, event)}>
                        Change<span className="nhsuk-u-visually-hidden">{` ${field.label}`}</span>
                      </button>
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
        {after}
        <AnswersAsHiddenFields form={form} values={values} />
        <button className="nhsuk-button" data-module="nhsuk-button" type="submit" name="step" value="send" disabled={busy} aria-disabled={busy || undefined}>
          {form.submitLabel}
        </button>
      </form>
    </>
  );
}
