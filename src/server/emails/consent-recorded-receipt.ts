// To the professional who made a consent record: its reference, to quote when they refer.
import { defineEmail } from './template.ts';
import { decisionWords } from './words.ts';

export const consentRecordedReceipt = defineEmail<{ reference: string; decision: string }>({
  kind: 'consent_recorded_receipt',
  facts: ['reference', 'decision'],
  draw: ({ reference, decision }, { siteUrl }) => ({
    subject: `Consent recorded: ${reference}`,
    blocks: [
      { paragraph: 'Your consent record has been saved.' },
      {
        facts: [
          ['Reference', reference],
          ['Decision', decisionWords[decision] ?? decision],
        ],
      },
      { paragraph: 'Quote this reference in the referral form:', link: `${siteUrl}/refer/` },
    ],
  }),
});
