// To the DSR team: someone asked for a person to be taken off the register. By
// reference only: the entries that may be theirs (by DSR- reference), and the lines to
// run: match the request to the right entries, then complete it; or close it when
// nobody on the register is the person.
import { defineEmail } from './template.ts';
import { relationshipWords } from './words.ts';

interface WithdrawalTeamFacts {
  [fact: string]: string | number | readonly string[] | undefined;
  reference: string;
  dsrReference?: string;
  requesterRelationship: string;
  contactBy: readonly string[];
  matchedPeople: number;
  possibleEntries?: readonly string[];
}

const found = (matched: number) =>
  matched === 0
    ? 'no entry matched automatically - check by name and date of birth'
    : matched === 1
      ? 'yes, one entry'
      : 'more than one entry matched - check carefully';

export const withdrawalTeam = defineEmail<WithdrawalTeamFacts>({
  kind: 'withdrawal_team',
  facts: ['reference', 'dsrReference', 'requesterRelationship', 'contactBy', 'matchedPeople', 'possibleEntries'],
  draw: ({ reference, dsrReference, requesterRelationship, contactBy, matchedPeople, possibleEntries = [] }) => ({
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
          ...(possibleEntries.length ? [['Possible entries', possibleEntries.join(', ')] as [string, string]] : []),
        ],
      },
      { paragraph: 'Their support carries on while you deal with this. Check which entry is theirs, and match the request to it (once for each entry that is theirs):' },
      { code: `select public.match_withdrawal('${reference}', '${possibleEntries[0] ?? 'DSR-XXXX-XXXX'}', 'your name');` },
      { paragraph: 'When the withdrawal is done, erase their details from the register:' },
      { code: `select public.complete_withdrawal('${reference}', 'your name');` },
      { paragraph: 'If nobody on the register is the person, close the request instead (the requester is told):' },
      { code: `select public.close_withdrawal_no_entry('${reference}', 'your name');` },
    ],
  }),
});
