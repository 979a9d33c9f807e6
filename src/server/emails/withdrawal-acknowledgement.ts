// To the person who asked for a withdrawal, when they gave an email address: we have it.
import { withdrawalPromise } from '../../content/timescales.ts';
import { defineEmail } from './template.ts';

export const withdrawalAcknowledgement = defineEmail<{ reference: string }>({
  kind: 'withdrawal_acknowledgement',
  facts: ['reference'],
  draw: ({ reference }, { siteUrl }) => ({
    subject: `We have your request: ${reference}`,
    blocks: [
      { paragraph: 'Thank you. The DSR team has your request to withdraw consent for the Dynamic Support Register.' },
      { facts: [['Your reference', reference]] },
      { paragraph: withdrawalPromise },
      { paragraph: 'Leaving the register does not stop any support or care.' },
      { paragraph: 'More about the register and your choices:', link: `${siteUrl}/families/` },
    ],
  }),
});
