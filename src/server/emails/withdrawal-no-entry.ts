// To the person who asked for a withdrawal: the team looked and found nobody on the
// register for the details given, so there was nothing to remove. By reference only.
import { defineEmail } from './template.ts';

export const withdrawalNoEntry = defineEmail<{ reference: string }>({
  kind: 'withdrawal_no_entry',
  facts: ['reference'],
  draw: ({ reference }, { siteUrl }) => ({
    subject: `About your request: ${reference}`,
    blocks: [
      { paragraph: 'The DSR team has looked into your request to withdraw consent for the Dynamic Support Register.' },
      { facts: [['Your reference', reference]] },
      {
        paragraph:
          'We did not find an entry on the register for the details you gave, so there was nothing to remove. If you think the person is on the register, contact the DSR team and quote your reference.',
      },
      { paragraph: 'How to contact the team:', link: `${siteUrl}/contact/` },
    ],
  }),
});
