// To the person whose account the DSR team approved: it works now.
import type { Block, EmailSite } from './layout.tsx';
import { defineEmail, type EmailTemplate } from './template.ts';

/** An account that works now: the same email whichever way it became ready, but for its first line. */
export const accountWorksNow = (kind: string, firstLine: string): EmailTemplate<Record<never, never>> =>
  defineEmail({
    kind,
    facts: [],
    draw: (_, site: EmailSite) => ({
      subject: 'Your Dynamic Support Register account is ready',
      blocks: [{ paragraph: firstLine }, signInHow(site)],
    }),
  });

/** How to sign in: said the same way whenever an account becomes ready. */
const signInHow = ({ siteUrl }: EmailSite): Block => ({
  paragraph: 'Sign in with this email address. We will send you a link each time, so there is no password to remember:',
  link: `${siteUrl}/sign-in/`,
});

export const accountApproved = accountWorksNow('account_approved', 'The DSR team has approved your account.');
