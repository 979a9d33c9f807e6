// Signing in by a one-time link: the email form, and the confirm button the link opens.
import { defineForm } from './define-form.ts';
import { emailAddress, z } from './schemas.ts';

export const signInForm = defineForm<{ email: string }>({
  name: 'signIn',
  title: 'Sign in',
  page: '/sign-in/',
  action: '/api/sign-in',
  confirmationPage: '/sign-in/check-your-email/',
  submitLabel: 'Send me a sign-in link',
  needsAccount: false,
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
  schema: () => z.object({ email: emailAddress() }),
});

export interface SignInConfirmation {
  token: string;
  email: string;
  /** Where to go once signed in: a path on this site. */
  next: string;
}

/** Pages a professional may be sent back to after signing in; anything else goes to the referral form. */
export const afterSignInPages = ['/refer/', '/consent/'] as const;

export const signInConfirmForm = defineForm<SignInConfirmation>({
  name: 'signInConfirm',
  title: 'Confirm you want to sign in',
  page: '/sign-in/confirm/',
  action: '/api/sign-in/confirm',
  confirmationPage: '/refer/',
  submitLabel: 'Sign in',
  needsAccount: false,
  sections: [
    {
      // The page copies these from its address (?token=…&email=…) into hidden fields.
      fields: [
        { type: 'hidden', name: 'token', label: 'Sign-in token' },
        { type: 'hidden', name: 'email', label: 'Email address' },
        { type: 'hidden', name: 'next', label: 'Page to return to' },
      ],
    },
  ],
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
