// To the person who asked for someone to be considered, when they gave an email
// address: we have it, and what the DSR team will do and by when (content/timescales.json,
// read when the email is drawn, so a changed promise is the one sent).
import { requestPromise, timescales } from '../../content/timescales.ts';
import { defineEmail } from './template.ts';

export const requestAcknowledgement = defineEmail<{ reference: string }>({
  kind: 'request_acknowledgement',
  facts: ['reference'],
  draw: ({ reference }, { siteUrl }) => ({
    subject: `We have your request: ${reference}`,
    blocks: [
      { paragraph: 'Thank you. The DSR team has your request for someone to be considered for the Dynamic Support Register.' },
      { facts: [['Your reference', reference]] },
      { paragraph: requestPromise },
      { leadIn: 'What happens next:', list: timescales.requests.steps },
      { paragraph: 'The register is not for emergencies. If someone is in danger now, call 999. For urgent mental health help, call 111 and choose option 2.' },
      { paragraph: 'More about the register:', link: `${siteUrl}/families/` },
    ],
  }),
});
