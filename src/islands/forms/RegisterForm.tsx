// Register for an account (professionals who refer and record consent).
import { Confirmation } from './Confirmation.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';

export const registerPage: FormPageOptions = {
  intro: (
    <>
      <p>
        Register if you work in health, social care or education and need to refer someone to the Dynamic Support Register or record their consent. There is
        one account for each person: do not share it.
      </p>
      <p>
        An account with an NHS email address (nhs.net or nhs.uk) works as soon as you open the link we email you. The DSR team checks other accounts first.
      </p>
      <p>
        Already registered? <a href="/sign-in/">Sign in</a>.
      </p>
    </>
  ),
  confirmation: () => (
    <Confirmation title="Check your email">
      <p>We have sent an email to the address you gave. Open the link in it to confirm your email address and sign in. The link works for 10 minutes.</p>
      <p>
        If your email address does not end in nhs.net or nhs.uk, the link confirms your address, then the DSR team checks your registration and emails you
        when your account is ready. If you have just confirmed your address, there is nothing more to do until then.
      </p>
      <p>If the email has not arrived after a few minutes, check your junk or spam folder.</p>
    </Confirmation>
  ),
};

export function RegisterForm(props: IslandProps) {
  return <FormFlow options={registerPage} {...props} />;
}
