// The one-time sign-in link, and the first one, sent on registering: following it proves
// the address and signs the person in (or, for an account the DSR team must approve,
// shows it to them). Not from the outbox: the link is a live credential, which the
// database never stores, so it is drawn from the link itself and sent at once.
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

export const firstSignInLink = defineEmail<{ link: string; approvalNeeded: boolean }>({
  kind: 'first_sign_in_link',
  facts: ['link', 'approvalNeeded'],
  draw: ({ link, approvalNeeded }) => ({
    subject: approvalNeeded
      ? 'Confirm your email address for the Dynamic Support Register'
      : 'Confirm your email address to sign in to the Dynamic Support Register',
    blocks: [
      { paragraph: 'Thank you for registering for an account on the Dynamic Support Register site.' },
      approvalNeeded
        ? { paragraph: 'Use this link to confirm your email address. It works once, within 10 minutes:', link }
        : { paragraph: 'Use this link to confirm your email address and sign in. It works once, within 10 minutes:', link },
      ...(approvalNeeded
        ? [{ paragraph: 'Then the DSR team checks your registration, because your email address is not from the NHS or a council we know. We will email you when your account is ready.' }]
        : []),
      { paragraph: 'If the link has run out, ask for a new one on the sign-in page.' },
      { paragraph: 'If you did not register, you can ignore this email: nothing is set up until the link is used.' },
    ],
  }),
});
