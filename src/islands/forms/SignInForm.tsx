// Sign in by email link: the person gives their work email, and we send a one-time link.
import { Confirmation } from './Confirmation.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';

export const signInPage: FormPageOptions = {
  pageHeading: { caption: 'Sign in' },
  confirmation: () => (
    <Confirmation title="Check your email">
      <p>If the address you gave has an account, we have sent it a link to sign in.</p>
      <p>The link works once, for 10 minutes. Open it on this device to sign in.</p>
      <p>
        If the email has not arrived after a few minutes, check your junk or spam folder, or <a href="/sign-in/">ask for another link</a>. Not registered
        yet? <a href="/register/">Register for an account</a>.
      </p>
    </Confirmation>
  ),
};

export function SignInForm(props: IslandProps) {
  return <FormFlow options={signInPage} {...props} />;
}
