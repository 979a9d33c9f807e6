// To the person who asked for someone to be considered (/ask/), when they gave an email
// address: what the DSR team decided. By reference and the outcome's kind only. The
// team's own words (which professional will refer, or where else to go) stay in the
// console: they are free text, may name the person or a professional, and no email
// carries personal details. So the email gives the DSR team's contact
// (content/site.json) for the asker to hear more, quoting the reference.
import { site } from '../../content/guidance.ts';
import { defineEmail } from './template.ts';

/** The team's decisions (private.request_decisions.outcome), in the asker's words. */
export const requestOutcomeWords = {
  professional_will_refer:
    'The DSR team has looked at your request. A professional who knows the person will make a referral to the register. They will talk to the person, and to you where the person agrees, about what it means.',
  not_the_right_route:
    'The DSR team has looked at your request and the register is not the right route for the help the person needs now. The team can tell you where else to go for it.',
} as const;

export type RequestOutcome = keyof typeof requestOutcomeWords;

export const requestOutcome = defineEmail<{ reference: string; outcome: string }>({
  kind: 'request_outcome',
  facts: ['reference', 'outcome'],
  draw: ({ reference, outcome }, { siteUrl }) => ({
    subject: `What happens next with your request: ${reference}`,
    blocks: [
      { paragraph: 'Thank you for asking for someone to be considered for the Dynamic Support Register.' },
      { facts: [['Your reference', reference]] },
      { paragraph: requestOutcomeWords[outcome as RequestOutcome] ?? 'The DSR team has decided what happens next with your request.' },
      {
        paragraph: `To hear more, contact ${site.team.name.replace(/^The /, 'the ')} and quote your reference: email ${site.team.email} or call ${site.team.phone} (${site.team.hours}).`,
      },
      { paragraph: 'The register is not for emergencies. If someone is in danger now, call 999. For urgent mental health help, call 111 and choose option 2.' },
      { paragraph: 'How to contact the team:', link: `${siteUrl}/contact/` },
    ],
  }),
});
