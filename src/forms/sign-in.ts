// Signing in by a one-time link: the email form, and the confirm button the link opens.
import { defineForm } from './define-form.ts';
import { emailMessages } from './messages.ts';
import { emailAddress, z } from './schemas.ts';

export const signInForm = defineForm<'signIn', { email: string }>({
  name: 'signIn',
  title: 'Sign in',
  description: 'Sign in to the Dynamic Support Register with a link sent to your work email address.',
  audience: 'professionals',
  page: '/sign-in/',
  api: '/api/sign-in',
  submitLabel: 'Send me a sign-in link',
  needsAccount: false,
  confirmation: {
    page: '/sign-in/check-your-email/',
    title: 'Check your email',
    description: 'We have emailed you a link to sign in.',
    formPageName: 'Sign in',
  },
  sql: 'create_sign_in_token',
  signOutWithoutScript: true,
  sections: [
    {
      fields: [
        {
          type: 'email',
          name: 'email',
          label: 'Work email address',
          hint: 'The address you registered with. We will email you a link to sign in.',
          autocomplete: 'email',
          inputmode: 'email',
          spellcheck: false,
          maxLength: 254,
        },
      ],
    },
  ],
  messages: { email: emailMessages('your work') },
  schema: () => z.object({ email: emailAddress() }),
});

export interface SignInConfirmation {
  token: string;
  email: string;
  /** Where to go once signed in: a path on this site. */
  next: string;
}

/** Pages a professional may be sent back to after signing in; anything else goes to the referral form. */
export const afterSignInPages = ['/refer/', '/consent/', '/my-referrals/'] as const;

/** Every problem with a sign-in link is solved the same way: ask for a new one. */
const linkBroken = 'This sign-in link is not complete. Copy the whole link from the email, or ask for a new one';

export const signInConfirmForm = defineForm<'signInConfirm', SignInConfirmation>({
  name: 'signInConfirm',
  title: 'Confirm you want to sign in',
  description: 'Finish signing in to the Dynamic Support Register.',
  trail: [{ href: '/', text: 'Home' }, { href: '/sign-in/', text: 'Sign in' }],
  audience: 'professionals',
  page: '/sign-in/confirm/',
  api: '/api/sign-in/confirm',
  submitLabel: 'Sign in',
  needsAccount: false,
  // Signed in, the person goes on to the page they came for (`next`).
  confirmation: { title: 'You are signed in' },
  sql: 'redeem_sign_in_token',
  // The link's page copies these from its address (?token=…&email=…&next=…) into hidden fields.
  fromAddress: ['token', 'email', 'next'],
  sections: [
    {
      fields: [
        { type: 'hidden', name: 'token', label: 'Sign-in token' },
        { type: 'hidden', name: 'email', label: 'Email address' },
        { type: 'hidden', name: 'next', label: 'Page to return to' },
      ],
    },
  ],
  messages: {
    token: {
      link_broken: linkBroken,
      expired: 'This sign-in link has expired. Links work for 10 minutes: ask for a new one',
      used: 'This sign-in link has already been used. Ask for a new one',
      invalid: 'This sign-in link does not work. Ask for a new one',
    },
    email: { link_broken: linkBroken },
  },
  schema: () =>
    z.object({
      // Tokens are 32 random bytes as base64url: 43 characters.
      token: z.string().trim().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'link_broken' }),
      email: emailAddress().catch('').pipe(z.string().min(1, { error: 'link_broken' })),
      next: z
        .string()
        .transform((page) => ((afterSignInPages as readonly string[]).includes(page) ? page : afterSignInPages[0])),
    }),
});
