// To the DSR team: someone asked for a person to be taken off the register. By
// reference only; the line to run once it is done.
import { defineEmail } from './template.ts';
import { relationshipWords } from './words.ts';

interface WithdrawalTeamFacts {
  [fact: string]: string | number | readonly string[] | undefined;
  reference: string;
  dsrReference?: string;
  requesterRelationship: string;
  contactBy: readonly string[];
  matchedPeople: number;
}

const found = (matched: number) =>
  matched === 0
    ? 'no entry matched automatically - check by name and date of birth'
    : matched === 1
      ? 'yes, one entry'
      : 'more than one entry matched - check carefully';

export const withdrawalTeam = defineEmail<WithdrawalTeamFacts>({
  kind: 'withdrawal_team',
  facts: ['reference', 'dsrReference', 'requesterRelationship', 'contactBy', 'matchedPeople'],
  draw: ({ reference, dsrReference, requesterRelationship, contactBy, matchedPeople }) => ({
    subject: `Withdrawal of consent requested: ${reference}`,
    blocks: [
      { paragraph: 'Someone has asked for a person to be taken off the Dynamic Support Register.' },
      {
        facts: [
          ['Reference', reference],
          ['DSR reference given', dsrReference ?? 'none'],
          ['Asked by', relationshipWords[requesterRelationship] ?? requesterRelationship],
          ['They can be contacted by', contactBy.join(' and ')],
          ['Found on the register', found(matchedPeople)],
        ],
      },
      { paragraph: 'Their support carries on while you deal with this. When the withdrawal is done, erase their details from the register:' },
      { code: `select public.complete_withdrawal('${reference}', 'your name');` },
    ],
  }),
});
