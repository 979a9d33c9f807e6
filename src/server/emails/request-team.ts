// To the DSR team: someone asked for a person to be considered for the register. By
// reference and codes only; the request itself is read where the team works.
import { requestPromise } from '../../content/timescales.ts';
import { defineEmail } from './template.ts';
import { askerWords } from './words.ts';

interface RequestTeamFacts {
  [fact: string]: string | number | readonly string[] | undefined;
  reference: string;
  /** Who asked: the outbox's fact for who asks on a person's behalf (its list of facts is in the outbox migration). */
  requesterRelationship: string;
  area: string;
  contactBy: readonly string[];
}

export const requestTeam = defineEmail<RequestTeamFacts>({
  kind: 'request_team',
  facts: ['reference', 'requesterRelationship', 'area', 'contactBy'],
  draw: ({ reference, requesterRelationship, area, contactBy }) => ({
    subject: `Request to be considered for the register: ${reference}`,
    blocks: [
      { paragraph: 'Someone has asked for a person to be considered for the Dynamic Support Register.' },
      {
        facts: [
          ['Reference', reference],
          ['Asked by', askerWords[requesterRelationship] ?? requesterRelationship],
          ['Area', area],
          ['They can be contacted by', contactBy.join(' and ')],
        ],
      },
      { paragraph: `What the person who asked was told: ${requestPromise}` },
    ],
  }),
});
