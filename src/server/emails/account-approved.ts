// To the person whose account the DSR team approved: it works now.
import type { Block, EmailSite } from './layout.tsx';
import { defineEmail } from './template.ts';

/** How to sign in: said the same way whenever an account becomes ready. */
export const signInHow = ({ siteUrl }: EmailSite): Block => ({
  paragraph: 'Sign in with this email address. We will send you a link each time, so there is no password to remember:',
  link: `${siteUrl}/sign-in/`,
});

export const accountApproved = defineEmail<Record<never, never>>({
  kind: 'account_approved',
  facts: [],
  draw: (_, site) => ({
    subject: 'Your Dynamic Support Register account is ready',
    blocks: [{ paragraph: 'The DSR team has approved your account.' }, signInHow(site)],
  }),
});
