// To the person who registered from an allowed domain: the account works now.
import { defineEmail } from './template.ts';
import { signInHow } from './account-approved.ts';

export const accountReady = defineEmail<Record<never, never>>({
  kind: 'account_ready',
  facts: [],
  draw: (_, site) => ({
    subject: 'Your Dynamic Support Register account is ready',
    blocks: [{ paragraph: 'Your account is ready to use.' }, signInHow(site)],
  }),
});
