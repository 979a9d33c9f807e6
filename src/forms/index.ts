// Every form of the site, by name.
import type { FormDefinition, FormName } from './define-form.ts';
import { consentForm } from './consent.ts';
import { referralForm } from './referral.ts';
import { registerForm } from './register.ts';
import { signInConfirmForm, signInForm } from './sign-in.ts';
import { withdrawalForm } from './withdrawal.ts';

export const forms = {
  register: registerForm,
  signIn: signInForm,
  signInConfirm: signInConfirmForm,
  consent: consentForm,
  referral: referralForm,
  withdrawal: withdrawalForm,
} satisfies Record<FormName, FormDefinition<any>>;

export { consentForm, referralForm, registerForm, signInConfirmForm, signInForm, withdrawalForm };
export type { FormDefinition, FormName } from './define-form.ts';
export type * from './types.ts';
