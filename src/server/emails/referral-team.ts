// To the DSR team: a referral, by reference, with its rating, area and what applies.
// A rating that needs action on the day (RED) says so first, in the subject too. Never
// who the person is: their details are on the register.
import { ratingFor } from '../../content/ratings.ts';
import { defineEmail } from './template.ts';
import { ageGroupWords, decisionWords, livesWords, longDate, reviewWords } from './words.ts';

interface ReferralTeamFacts {
  [fact: string]: string | boolean | undefined;
  reference: string;
  rating: string;
  ratingAgreedOn: string;
  area: string;
  ageGroup: string;
  livesIn: string;
  keyworkerEligible: boolean;
  reviewType: string;
  hasEhcp?: string;
  consentBasis: string;
  consentReference?: string;
  existingPerson: boolean;
  previousRating?: string;
  previousAgreedOn?: string;
  /** An earlier entry with the same full name and date of birth, by its latest DSR- reference. */
  possibleMatch?: string;
  /** The entry that holds the NHS number given, with another date of birth. */
  nhsNumberConflict?: string;
  jobTitle: string;
  organisation: string;
}

// "Already on the register" only when the NHS number and date of birth agree: details
// alone never make two people one (the team decides, with the lines below).
function onRegister(facts: ReferralTeamFacts): string {
  if (!facts.existingPerson) return 'no - a new entry';
  if (!facts.previousRating || !facts.previousAgreedOn) return 'yes';
  return `yes - previous rating ${ratingFor(facts.previousRating).name}, agreed on ${longDate(facts.previousAgreedOn)}`;
}

export const referralTeam = defineEmail<ReferralTeamFacts>({
  kind: 'referral_team',
  facts: [
    'reference', 'rating', 'ratingAgreedOn', 'area', 'ageGroup', 'livesIn', 'keyworkerEligible', 'reviewType', 'hasEhcp',
    'consentBasis', 'consentReference', 'existingPerson', 'previousRating', 'previousAgreedOn', 'possibleMatch', 'nhsNumberConflict', 'jobTitle', 'organisation',
  ],
  draw: (facts) => {
    const rating = ratingFor(facts.rating);
    const consent = decisionWords[facts.consentBasis] ?? facts.consentBasis;
    const earlier = facts.possibleMatch ?? facts.nhsNumberConflict;
    return {
      subject: `${rating.urgent ? `[${rating.name} – urgent] ` : ''}DSR referral ${facts.reference}: ${rating.actionsInShort}, ${facts.area}`,
      blocks: [
        ...(rating.urgent ? [{ notice: `URGENT: this referral is rated ${rating.name}. Act on it today.` }] : []),
        { paragraph: 'A referral has been added to the Dynamic Support Register.' },
        { leadIn: 'What must happen next:', list: rating.mustHappen },
        {
          facts: [
            ['Reference', facts.reference],
            ['Rating', `${rating.name}, agreed on ${longDate(facts.ratingAgreedOn)}`],
            ['Area', facts.area],
            ['Age group', ageGroupWords(facts.ageGroup)],
            ['Lives', livesWords[facts.livesIn] ?? facts.livesIn],
            ['Keyworker', facts.keyworkerEligible ? 'eligible - refer to the keyworking service' : 'not eligible at this age and rating'],
            ['Review', reviewWords(facts.reviewType) + (facts.hasEhcp === 'not_known' ? ' - EHCP not known: check it, as it decides CETR or CTR' : '')],
            ['Consent', facts.consentReference ? `${consent} (${facts.consentReference})` : consent],
            ['Already on the register', onRegister(facts)],
            ...(facts.possibleMatch ? [['Possible match for you to check', facts.possibleMatch] as [string, string]] : []),
            ...(facts.nhsNumberConflict
              ? [['NHS number', `The NHS number given is on the register with another date of birth (${facts.nhsNumberConflict}): check it`] as [string, string]]
              : []),
            ['Referred by', `${facts.jobTitle}, ${facts.organisation}`],
          ],
        },
        ...(earlier
          ? [
              { paragraph: 'Compare the two entries. If they are the same person, run the first line; if not, the second:' },
              { code: `select public.confirm_same_person('${facts.reference}', '${earlier}', 'your name');` },
              { code: `select public.keep_people_apart('${facts.reference}', '${earlier}', 'your name');` },
            ]
          : []),
        { paragraph: 'The person’s details are on the register, not in this email.' },
      ],
    };
  },
});
