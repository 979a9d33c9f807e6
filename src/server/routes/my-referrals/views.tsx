// A professional's own page (/my-referrals/), drawn on the server with the NHS design
// system's markup, as the console's pages are (its tables and rating tags are shared
// from console/views.tsx). No JavaScript: "Refer again" is a link, signing out a post.
import { renderToStaticMarkup } from 'react-dom/server';
import { isRatingId, ratingFor } from '../../../content/ratings.ts';
import { decisionOptions } from '../../../forms/consent.ts';
import { referAgainPath, referFromConsentPath } from '../../../forms/my-referrals.ts';
import { day, RatingTag, Table, when } from '../console/views.tsx';
import type { DrawnPage } from '../../http/render.ts';

/** What my_referrals gives: the professional's own records, newest first. */
export interface MyRecords {
  referrals: {
    reference: string;
    receivedAt: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    area: string;
    ratingSent: string;
    ratingAgreedOn: string;
    acknowledgedAt: string | null;
    currentRating: string | null;
    currentRatingAgreedOn: string | null;
  }[];
  consents: {
    reference: string;
    recordedAt: string;
    personName: string;
    dateOfBirth: string;
    decision: string;
    decisionDate: string;
    referralReference: string | null;
  }[];
}

/** The consent form's words for its decisions. */
const decisionLabel = (id: string) => decisionOptions.find((option) => option.value === id)?.label ?? id;

const ratingName = (id: string) => (isRatingId(id) ? ratingFor(id).name : id);

function SignedInAs({ fullName }: { fullName: string }) {
  return (
    <form method="post" action="/api/sign-out" className="dsr-console-signed-in">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">Signed in as {fullName}.</p>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-module="nhsuk-button">
        Sign out
      </button>
    </form>
  );
}

export function myReferralsView(records: MyRecords, professional: { fullName: string }): DrawnPage {
  const title = 'Your referrals and consent records';
  const { referrals, consents } = records;
  return {
    title,
    html: renderToStaticMarkup(
      <>
        <h1 className="nhsuk-heading-xl">{title}</h1>
        <SignedInAs fullName={professional.fullName} />
        <p>What you have sent on this site, newest first, and where each referral stands. Only you see this list.</p>
        <p>
          <a href="/refer/">Refer someone to the DSR</a> or <a href="/consent/">record consent or a Best Interests Decision</a>.
        </p>
        <h2 className="nhsuk-heading-l" id="referrals">Referrals ({referrals.length})</h2>
        {referrals.length === 0 ? (
          <p>You have not sent a referral on this site yet.</p>
        ) : (
          <>
            <p>
              The rating now is the one on the register: the DSR team may have reviewed it since, at a C(E)TR or a tracking meeting. If the person’s needs
              have changed, refer them again so their multidisciplinary team can review the rating.
            </p>
            <Table
              caption="Your referrals, newest first"
              head={['Referral', 'Person', 'Sent', 'DSR team', 'Rating now', 'Action']}
              rows={referrals.map((referral) => {
                const name = `${referral.givenName} ${referral.familyName}`;
                const changed = referral.currentRating !== null && referral.currentRating !== referral.ratingSent;
                return [
                  <span className="dsr-reference">{referral.reference}</span>,
                  // One element per cell: on a narrow screen each cell's parts sit beside its heading.
                  <span>
                    {name}
                    <br />
                    <span className="nhsuk-body-s">Born {day(referral.dateOfBirth)}</span>
                  </span>,
                  when(referral.receivedAt),
                  referral.acknowledgedAt ? <>Acknowledged on {day(referral.acknowledgedAt)}</> : <>Received, not acknowledged yet</>,
                  <span>
                    <RatingTag rating={referral.currentRating ?? referral.ratingSent} />
                    {changed && (
                      <>
                        <br />
                        <span className="nhsuk-body-s">Changed since your referral (you sent {ratingName(referral.ratingSent)})</span>
                      </>
                    )}
                  </span>,
                  <a href={referAgainPath(referral.reference)}>
                    Refer again<span className="nhsuk-u-visually-hidden"> ({name}, {referral.reference})</span> (review the rating)
                  </a>,
                ];
              })}
            />
          </>
        )}
        <h2 className="nhsuk-heading-l" id="consent-records">Consent records ({consents.length})</h2>
        {consents.length === 0 ? (
          <p>You have not recorded consent or a Best Interests Decision on this site yet.</p>
        ) : (
          <Table
            caption="Your consent records, newest first"
            head={['Consent record', 'Person', 'Recorded', 'Decision', 'Referral']}
            rows={consents.map((consent) => [
              <span className="dsr-reference">{consent.reference}</span>,
              <span>
                {consent.personName}
                <br />
                <span className="nhsuk-body-s">Born {day(consent.dateOfBirth)}</span>
              </span>,
              when(consent.recordedAt),
              <>
                {decisionLabel(consent.decision)}, {day(consent.decisionDate)}
              </>,
              consent.referralReference ? (
                <>Cited by {consent.referralReference}</>
              ) : (
                <a href={referFromConsentPath(consent.reference)}>
                  Refer this person<span className="nhsuk-u-visually-hidden"> ({consent.personName}, {consent.reference})</span>
                </a>
              ),
            ])}
          />
        )}
      </>,
    ),
  };
}

/** A plain page for a problem (the service cannot be reached). */
export function myReferralsProblem(title: string, message: string): DrawnPage {
  return { title, html: renderToStaticMarkup(<><h1 className="nhsuk-heading-xl">{title}</h1><p>{message}</p></>) };
}
