// The confirmation panel: what was sent, its reference and what the reference is for.
// Each form's component adds what happens next below it.
import type { ReactNode } from 'react';

interface Props {
  title: string;
  reference?: string | undefined;
  /** What the reference is for, after "Your reference is …". */
  referenceUse?: string;
  children?: ReactNode;
}

export function Confirmation({ title, reference, referenceUse, children }: Props) {
  return (
    <>
      <div className="nhsuk-panel">
        <h1 className="nhsuk-panel__heading" tabIndex={-1}>
          {title}
        </h1>
        {reference && (
          <div className="nhsuk-panel__body">
            Your reference is
            <br />
            <strong className="dsr-reference" data-reference="">
              {reference}
            </strong>
          </div>
        )}
      </div>
      {reference && referenceUse && <p>{referenceUse}</p>}
      {children}
    </>
  );
}
