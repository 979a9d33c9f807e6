// Referrals and consent records can only be sent by a signed-in professional.
// These say why, and link to signing in and registering with a way back to the form.
import type { FormView } from '../../forms/form-view.ts';

const withNext = (page: string, form: FormView) => `${page}?next=${encodeURIComponent(form.page)}`;

/** Shown above the questions while it is not known whether the person is signed in (always, without JavaScript). */
export function AccountNotice({ form }: { form: FormView }) {
  return (
    <div className="nhsuk-inset-text" data-account-notice>
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        You need to be signed in to {form.purpose ?? 'send this form'}. If you are not,{' '}
        <a href={withNext('/sign-in/', form)}>sign in</a> or <a href={withNext('/register/', form)}>register for an account</a> first. You will
        come back to this page afterwards.
      </p>
    </div>
  );
}

/** Shown instead of the questions when the island knows nobody is signed in. */
export function AccountNeeded({ form }: { form: FormView }) {
  return (
    <>
      <h2 className="nhsuk-heading-m">You need an account</h2>
      <p>
        Only professionals who work with the person, in health, social care or education, can {form.purpose ?? 'send this form'}. An account tells the DSR
        team who sent the information and how to contact them, and keeps people’s details away from anyone who should not see them.
      </p>
      <p>Signing in takes a minute: we email you a link, and the link brings you back to this page.</p>
      <a className="nhsuk-button" data-module="nhsuk-button" href={withNext('/sign-in/', form)} draggable="false" role="button">
        Sign in
      </a>
      <p>
        No account yet? <a href={withNext('/register/', form)}>Register for an account</a>. An account with an NHS email address works as soon as you open
        the link we send; the DSR team checks other accounts first.
      </p>
    </>
  );
}

/** The sign-in link in the "you have been signed out" message: a new tab, so these answers stay open here. */
export function SignInAgainLink({ form }: { form: FormView }) {
  return (
    <p>
      <a href={withNext('/sign-in/', form)} target="_blank" rel="noopener">
        Sign in again (opens in a new tab)
      </a>
      . Then come back to this tab and send your answers: they are kept here.
    </p>
  );
}
