// Ask for someone to be taken off the register. Anyone may ask; no account is needed.
import site from '../../../content/site.json';
import { Confirmation } from './Confirmation.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';

/** What the page is given from content/timescales.json (src/forms/withdrawal.ts). */
export interface WithdrawalContent {
  promise: string;
}

export const withdrawalPage: FormPageOptions<WithdrawalContent> = {
  intro: (
    <>
      <p>
        Anyone on the Dynamic Support Register can change their mind about being on it at any time. You can ask for yourself, or for someone you care for
        or support.
      </p>
      <p>
        Before anything is erased, the DSR team checks what the person themselves wants and, if you are asking for someone else, that you have the standing
        to ask for them (for example, parental responsibility for a child).
      </p>
      <p>Taking someone off the register does not stop or reduce their care and support.</p>
      <p>
        You can also ask by phoning the DSR team on {site.team.phone} or emailing <a href={`mailto:${site.team.email}`}>{site.team.email}</a>.
      </p>
    </>
  ),
  confirmation: (receipt, _values, content) => (
    <Confirmation title="Request sent" reference={receipt.reference} referenceUse="Keep this reference. Give it if you contact the DSR team about this request.">
      <h2 className="nhsuk-heading-m">What happens next</h2>
      <p>
        The DSR team will check who the request is about and what they themselves want, and, if you asked for someone else, that you can ask for them.
        Then the team takes them off the register and lets you know when it is done, using the email address or phone number you gave. If you gave an email address, we have sent you an email to say we have your request.
      </p>
      {content && <p data-timescale="">{content.promise}</p>}
      <p>Their care and support carry on as before.</p>
      <p>
        If you have a question, contact the DSR team on {site.team.phone} ({site.team.hours}) or at{' '}
        <a href={`mailto:${site.team.email}`}>{site.team.email}</a>.
      </p>
    </Confirmation>
  ),
};

export function WithdrawalForm(props: IslandProps<WithdrawalContent>) {
  return <FormFlow options={withdrawalPage} {...props} />;
}
