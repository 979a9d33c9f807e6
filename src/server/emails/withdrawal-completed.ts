// To the person who asked for a withdrawal: it is done, as the acknowledgement promised.
// By reference only: never who was removed (an email can be forwarded or misdirected).
import { defineEmail } from './template.ts';

export const withdrawalCompleted = defineEmail<{ reference: string }>({
  kind: 'withdrawal_completed',
  facts: ['reference'],
  draw: ({ reference }, { siteUrl }) => ({
    subject: `Your request is done: ${reference}`,
    blocks: [
      { paragraph: 'The DSR team has dealt with your request to withdraw consent for the Dynamic Support Register.' },
      { facts: [['Your reference', reference]] },
      { paragraph: 'The details have been removed from the register. Leaving the register does not stop any support or care.' },
      { paragraph: 'More about the register and your choices:', link: `${siteUrl}/families/` },
    ],
  }),
});
