// Ask for someone to be considered for the register: for yourself, or for someone you
// care about. No account is needed. The page says what the DSR team will do and by
// when (content/timescales.json, handed over by src/forms/request.ts).
import site from '../../../content/site.json';
import { Confirmation } from './Confirmation.tsx';
import { EmergencyNotice } from './EmergencyNotice.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';

/** What the page is given from content/timescales.json. */
export interface RequestContent {
  /** "The DSR team reads the request and contacts the person who asked … within five working days." */
  promise: string;
  steps: string[];
}

function WhatHappens({ content }: { content: RequestContent | undefined }) {
  if (!content) return null;
  return (
    <>
      <p data-timescale="">{content.promise}</p>
      <ol className="nhsuk-list nhsuk-list--number">
        {content.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </>
  );
}

export const requestPage: FormPageOptions<RequestContent> = {
  intro: (
    <>
      <p>
        If you are worried that someone could end up in a mental health hospital, you can ask the DSR team to consider them for the register. You can ask
        for yourself, or for someone you care about. You do not need an account.
      </p>
      <EmergencyNotice />
      <p>
        You can also ask by phoning the DSR team on {site.team.phone} or emailing <a href={`mailto:${site.team.email}`}>{site.team.email}</a>.
      </p>
    </>
  ),
  extras: (_values, _enhanced, content) =>
    content
      ? {
          askerRelationship: {
            after: (
              <details className="nhsuk-details">
                <summary className="nhsuk-details__summary">
                  <span className="nhsuk-details__summary-text">What happens after you ask</span>
                </summary>
                <div className="nhsuk-details__text">
                  <WhatHappens content={content} />
                </div>
              </details>
            ),
          },
        }
      : {},
  confirmation: (receipt, _values, content) => (
    <Confirmation title="Request sent" reference={receipt.reference} referenceUse="Keep this reference. Give it if you contact the DSR team about this request.">
      <h2 className="nhsuk-heading-m">What happens next</h2>
      <WhatHappens content={content} />
      <p>If you gave an email address, we have sent you an email to say we have your request.</p>
      <EmergencyNotice />
      <p>
        If you have a question, contact the DSR team on {site.team.phone} ({site.team.hours}) or at <a href={`mailto:${site.team.email}`}>{site.team.email}</a>.
      </p>
    </Confirmation>
  ),
};

export function RequestForm(props: IslandProps<RequestContent>) {
  return <FormFlow options={requestPage} {...props} />;
}
