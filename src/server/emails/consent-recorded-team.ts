// To the DSR team: a consent record was made, by reference; a referral should follow.
import { defineEmail } from './template.ts';
import { decisionWords, longDate } from './words.ts';

export const consentRecordedTeam = defineEmail<{ reference: string; decision: string; decisionDate: string; jobTitle: string; organisation: string }>({
  kind: 'consent_recorded_team',
  facts: ['reference', 'decision', 'decisionDate', 'jobTitle', 'organisation'],
  draw: ({ reference, decision, decisionDate, jobTitle, organisation }) => ({
    subject: `Consent record ${reference}: ${decisionWords[decision] ?? decision}`,
    blocks: [
      { paragraph: 'A consent record has been made for the Dynamic Support Register.' },
      {
        facts: [
          ['Reference', reference],
          ['Decision', decisionWords[decision] ?? decision],
          ['Date of the decision', longDate(decisionDate)],
          ['Recorded by', `${jobTitle}, ${organisation}`],
        ],
      },
      { paragraph: 'A referral quoting this reference should follow.' },
    ],
  }),
});
