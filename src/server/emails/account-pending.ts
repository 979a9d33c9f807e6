// To the person who registered from outside the allowed domains: we have the request.
import { defineEmail } from './template.ts';

export const accountPending = defineEmail<Record<never, never>>({
  kind: 'account_pending',
  facts: [],
  draw: () => ({
    subject: 'We have your request for a Dynamic Support Register account',
    blocks: [
      { paragraph: 'Thank you for asking for an account.' },
      { paragraph: 'The DSR team checks accounts from email addresses outside the NHS before they can be used. We will email you when your account is ready.' },
    ],
  }),
});
