// Refer someone to the register. Beside the rating question: each rating's
// definition, and whether the person must be assessed for a keyworker as soon as their
// date of birth and rating are known. The confirmation says what happens next for that rating.
import { todayInEngland } from '../../forms/dates.ts';
import type { FormValues } from '../../forms/types.ts';
import { Confirmation } from './Confirmation.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';
import { describeKeyworkerAdvice, keyworkerAdvice, type ReferralContent } from './referral/keyworker.ts';
import { entryUpdatedWords, type Receipt } from '../../forms/receipts.ts';
import { myReferralsPage } from '../../forms/my-referrals.ts';
import { withArticle } from '../../content/grammar.ts';

/** Says, once the date of birth and rating are given, whether the person must be assessed for a keyworker. */
function KeyworkerMessage({ values, enhanced, content }: { values: FormValues; enhanced: boolean; content: ReferralContent }) {
  const advice = enhanced ? keyworkerAdvice(values, todayInEngland(), content) : undefined;
  return (
    <div className="nhsuk-inset-text" id="keyworker">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h3 className="nhsuk-heading-s">Keyworkers</h3>
      <p>Children and young people {content.keyworkerRule} must be assessed for a keyworker.</p>
      {/* A status region: a screen reader hears the answer as soon as it is known, without looking for it. */}
      <p role="status" className="dsr-keyworker-advice">
        {advice ? describeKeyworkerAdvice(advice) : ''}
      </p>
    </div>
  );
}

function WhatHappensNext({ rating, content }: { rating: string | undefined; content: ReferralContent | undefined }) {
  const details = content?.ratings.find((candidate) => candidate.id === rating);
  if (!details) {
    return (
      <p>
        What happens next depends on the rating. <a href="/ratings/">Read what happens for each rating</a>.
      </p>
    );
  }
  return (
    <>
      {details.promise && <p data-timescale="">{details.promise}</p>}
      <p>The referral was rated {details.name}. For {withArticle(details.name)} rating:</p>
      <ul>
        {details.mustHappen.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
    </>
  );
}

function keyworkerSentence(receipt: Receipt, values: FormValues | undefined, content: ReferralContent | undefined): string | undefined {
  if (receipt.keyworker !== undefined) {
    return receipt.keyworker
      ? 'They must be assessed for a keyworker. They should be referred to the keyworking service for children and young people.'
      : 'Their age and rating are not among those that must be assessed for a keyworker.';
  }
  const advice = values && content ? keyworkerAdvice(values, todayInEngland(), content) : undefined;
  return advice && describeKeyworkerAdvice(advice);
}

export function ReferralConfirmation({ receipt, values, content }: { receipt: Receipt; values: FormValues | undefined; content: ReferralContent | undefined }) {
  const keyworker = keyworkerSentence(receipt, values, content);
  const ratingName = (id: string) => content?.ratings.find((rating) => rating.id === id)?.name ?? id.toUpperCase();
  return (
    <Confirmation
      title="Referral sent"
      reference={receipt.reference}
      referenceUse="Use this reference whenever you contact the DSR team about this person. We have emailed it to you; the email does not contain the person’s name, date of birth or NHS number."
    >
      {receipt.update && <p className="dsr-entry-updated">{entryUpdatedWords(ratingName(receipt.update.before), ratingName(receipt.update.now))}</p>}
      <h2 className="nhsuk-heading-m">What happens next</h2>
      <WhatHappensNext rating={receipt.rating} content={content} />
      {keyworker && (
        <>
          <h2 className="nhsuk-heading-m">Keyworker</h2>
          <p className="dsr-keyworker-result">{keyworker}</p>
        </>
      )}
      <p>
        The DSR team follows up every action agreed at DSR meetings. You and the other services at the meeting keep the person’s family and team up to date.
      </p>
      <p>The register does not replace crisis care: if the person needs help now, use the usual crisis services.</p>
      <p>
        <a href={myReferralsPage}>See your referrals and consent records</a>, and where each stands.
      </p>
    </Confirmation>
  );
}

export const referralPage: FormPageOptions<ReferralContent> = {
  intro: (
    <>
      <p>
        Use this form once the person has agreed to be on the register, or a Best Interests Decision has been made, and their multidisciplinary team (MDT)
        has agreed a rating.
      </p>
      <p>
        If they need help now, do not wait for the register: use the usual crisis services. <a href="/professionals/referral-pathway/">Read the referral pathway</a>.
      </p>
      <p>
        To agree the rating, the MDT can use the <a href="/professionals/rating-support/">rating support tool</a>: its summary can carry the agreed rating and the reasons into this form.
      </p>
    </>
  ),
  extras: (values, enhanced, content) =>
    content
      ? {
          rating: {
            optionHints: Object.fromEntries(
              content.ratings.map((rating) => [
                rating.id,
                <>
                  <strong>{rating.headline}.</strong> {rating.describes} It fits when:
                  <ul className="nhsuk-list nhsuk-list--bullet dsr-rating-criteria">
                    {rating.criteria.map((criterion) => (
                      <li key={criterion}>{criterion}</li>
                    ))}
                  </ul>
                </>,
              ]),
            ),
            after: <KeyworkerMessage values={values} enhanced={enhanced} content={content} />,
          },
        }
      : {},
  checkAfter: (values, content) => {
    const advice = content && keyworkerAdvice(values, todayInEngland(), content);
    return advice ? (
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p className="dsr-keyworker-advice">{describeKeyworkerAdvice(advice)}</p>
      </div>
    ) : null;
  },
  confirmation: (receipt, values, content) => <ReferralConfirmation receipt={receipt} values={values} content={content} />,
};

export function ReferralForm(props: IslandProps<ReferralContent>) {
  return <FormFlow options={referralPage} {...props} />;
}
