// Record consent, or a Best Interests Decision, before referring someone.
import { myReferralsPage, referFromConsentPath } from '../../forms/my-referrals.ts';
import { Confirmation } from './Confirmation.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';

export const consentPage: FormPageOptions = {
  intro: (
    <>
      <p>
        Before someone is added to the register, they need to agree to it, or someone with parental responsibility needs to agree for a child. If the person
        does not have the capacity to decide, a Best Interests Decision can be made under the Mental Capacity Act 2005, with their family, advocates and
        carers consulted.
      </p>
      <p>
        Keep the full record on your own organisation’s case recording system as well. If the person does not agree, their support must not be affected.
      </p>
    </>
  ),
  confirmation: (receipt) => (
    <Confirmation
      title="Consent record saved"
      reference={receipt.reference}
      referenceUse="Give this reference in the referral form, so the DSR team can match the referral to this consent record. We have emailed it to you as well."
    >
      <h2 className="nhsuk-heading-m">What happens next</h2>
      <p>The consent record is kept with the register. Nothing is shared until you send a referral.</p>
      <p>Consent can be withdrawn at any time. If that happens, the DSR team takes the person off the register.</p>
      {/* Only the reference goes in the address: the form is filled in on the server from this consent record. */}
      <a className="nhsuk-button" data-module="nhsuk-button" href={receipt.reference ? referFromConsentPath(receipt.reference) : '/refer/'} draggable="false" role="button">
        Refer this person
      </a>
      <p>
        <a href={myReferralsPage}>See your referrals and consent records</a>.
      </p>
    </Confirmation>
  ),
};

export function ConsentForm(props: IslandProps) {
  return <FormFlow options={consentPage} {...props} />;
}
