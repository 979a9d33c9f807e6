// Every form of the site: the one list. Everything that needs a list of forms (the
// pages, the islands' registry, the routes the functions take, public/_routes.json,
// the tests) derives it from here.
import type { FormDefinition } from './define-form.ts';
import type { FieldMessages } from './messages.ts';
import { consentForm } from './consent.ts';
import { consoleHome } from './console.ts';
import { myReferralsPage } from './my-referrals.ts';
import { referralForm } from './referral.ts';
import { registerForm } from './register.ts';
import { signInConfirmForm, signInForm } from './sign-in.ts';
import { withdrawalForm } from './withdrawal.ts';
import { requestForm } from './request.ts';
import { ratingSupportPage } from './rating-support.ts';

export const forms = {
  register: registerForm,
  signIn: signInForm,
  signInConfirm: signInConfirmForm,
  consent: consentForm,
  referral: referralForm,
  withdrawal: withdrawalForm,
  request: requestForm,
};

export type FormName = keyof typeof forms;

/** Every form's words for its errors, by form and field (each definition's `messages`). */
export const messages = Object.fromEntries(Object.entries(forms).map(([name, form]) => [name, form.messages])) as Record<FormName, Record<string, FieldMessages>>;

/** Every form, as the general definition (for code that works on any of them). */
export const allForms: readonly FormDefinition[] = Object.values(forms) as readonly FormDefinition[];

/** The form whose page or API address this is, if any (with or without a trailing slash). */
export function formAt(pathname: string): FormDefinition | undefined {
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  return allForms.find((form) => form.page === path || `${form.api}/` === path);
}

/** The form whose confirmation page this is, if any. */
export function formConfirmedAt(pathname: string): FormDefinition | undefined {
  return allForms.find((form) => form.confirmation.page === pathname);
}

/** Every page built from a form: its own page, and its confirmation page when it has one. */
export function formPageAddresses(): { address: string; form: FormName; confirmation: boolean }[] {
  return (Object.keys(forms) as FormName[]).flatMap((name) => {
    const { page, confirmation } = forms[name];
    return [{ address: page, form: name, confirmation: false }, ...(confirmation.page ? [{ address: confirmation.page, form: name, confirmation: true }] : [])];
  });
}

/**
 * The addresses Cloudflare must hand to the functions (_routes.json's "include",
 * written at build): the API, each form's page (a post without JavaScript comes there)
 * and the confirmation pages that draw a reference. Every other page is a static file.
 */
export function functionAddresses(): string[] {
  const pages = allForms.flatMap((form) => [form.page, ...(form.confirmation.page && form.reference ? [form.confirmation.page] : [])]);
  // The DSR team's console is drawn by functions too (src/server/routes/team.ts), and the
  // rating support tool's page takes posts (each step is drawn from the one before).
  // So is a professional's own page (src/server/routes/my-referrals.ts).
  return ['/api/*', `${consoleHome}*`, `${myReferralsPage}*`, ...new Set([...pages, ratingSupportPage])];
}

export { consentForm, referralForm, registerForm, requestForm, signInConfirmForm, signInForm, withdrawalForm };
export type { FormDefinition } from './define-form.ts';
export type * from './types.ts';
