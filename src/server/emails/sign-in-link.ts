// The one-time sign-in link. Not from the outbox: the link is a live credential, which
// the database never stores, so it is drawn from the link itself and sent at once.
import { defineEmail } from './template.ts';

export const signInLink = defineEmail<{ link: string }>({
  kind: 'sign_in_link',
  facts: ['link'],
  draw: ({ link }) => ({
    subject: 'Your link to sign in to the Dynamic Support Register',
    blocks: [
      { paragraph: 'Use this link to sign in. It works once, within 10 minutes:', link },
      { paragraph: 'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.' },
    ],
  }),
});
