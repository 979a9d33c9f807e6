// To the person whose account the DSR team refused. The team's reason is kept for the
// team only: nothing the team wrote goes into the email.
import { defineEmail } from './template.ts';

export const accountNotApproved = defineEmail<Record<never, never>>({
  kind: 'account_not_approved',
  facts: [],
  draw: () => ({
    subject: 'Your Dynamic Support Register account was not approved',
    blocks: [
      { paragraph: 'The DSR team has not approved your request for an account, so you cannot sign in with this email address.' },
      { paragraph: 'If you think this is wrong, contact the DSR team in your area.' },
    ],
  }),
});
