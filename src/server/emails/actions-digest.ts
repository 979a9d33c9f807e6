// To the DSR team, once a week (public.queue_actions_digest, from the deliver run): how
// many actions agreed at DSR meetings are overdue, and the references of the people they
// are about. Counts and references only: never what the action is or who owns it.
import { actionsPath } from '../../forms/console.ts';
import { defineEmail } from './template.ts';

export const actionsDigest = defineEmail<{ isoWeek: string; overdueActions: number; overdueReferences: readonly string[] }>({
  kind: 'actions_digest',
  facts: ['isoWeek', 'overdueActions', 'overdueReferences'],
  draw: ({ isoWeek, overdueActions, overdueReferences }, { siteUrl }) => ({
    subject: `Overdue DSR actions: ${overdueActions} (week ${isoWeek})`,
    blocks: [
      {
        paragraph: `${overdueActions === 1 ? '1 action' : `${overdueActions} actions`} agreed at DSR meetings ${overdueActions === 1 ? 'is' : 'are'} past the day ${overdueActions === 1 ? 'it was' : 'they were'} due by. Every action agreed is followed up by the DSR team.`,
      },
      { facts: [['Week', isoWeek], ['Overdue actions', String(overdueActions)]] },
      { leadIn: 'The people they are about, by reference:', list: [...overdueReferences] },
      { paragraph: 'See each action, who owns it and mark it done in the console:', link: `${siteUrl}${actionsPath}` },
    ],
  }),
});
