// "There is a problem": nhsuk-frontend's error summary, above the page's <h1>,
// linking to each question that needs an answer. The island moves focus to it.
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import type { ShownError } from '../../../forms/steps.ts';

interface Props {
  errors: readonly { error: ShownError; href: string }[];
  /** Changes every time the person submits, so focus moves again even if the errors are the same. */
  attempt: number;
  /** Words about the whole form, before the links (or instead of them). */
  body?: ReactNode;
  /** Anything after the links, such as a sign-in link. */
  children?: ReactNode;
}

export function ErrorSummary({ errors, attempt, body, children }: Props) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    summary.current?.focus();
  }, [attempt]);

  // A link moves focus to its box and scrolls the question's label into view, as the design system's script does.
  const followLink = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
    const input = document.getElementById(href.slice(1));
    if (!input) return;
    event.preventDefault();
    const legendOrLabel = input.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${input.id}"]`);
    (legendOrLabel ?? input).scrollIntoView();
    input.focus({ preventScroll: true });
  };

  return (
    <div className="nhsuk-error-summary" data-module="nhsuk-error-summary" tabIndex={-1} ref={summary}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading">There is a problem</h2>
        <div className="nhsuk-error-summary__body">
          {body}
          {errors.length > 0 && (
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {errors.map(({ error, href }) => (
                <li key={error.field}>
                  <a href={href} onClick={(event) => followLink(event, href)}>
                    {error.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {children}
        </div>
      </div>
    </div>
  );
}
