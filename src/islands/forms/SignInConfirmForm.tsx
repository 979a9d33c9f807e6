// The page a sign-in link opens. Opening the link changes nothing: only this
// page's button spends the link, so email scanners that follow links cannot use it up.
import { Confirmation } from './Confirmation.tsx';
import { FormFlow, type FormPageOptions, type IslandProps } from './FormFlow.tsx';
import { sameSitePath } from './session.ts';

export const signInConfirmPage: FormPageOptions = {
  intro: <p>To finish signing in to the Dynamic Support Register, select the button.</p>,
  // Every problem with a link is solved the same way: ask for a new one.
  errorHref: () => '/sign-in/',
  confirmation: () => (
    <Confirmation title="You are signed in">
      <p>
        <a href="/refer/">Refer someone to the DSR</a> or <a href="/consent/">record consent or a Best Interests Decision</a>.
      </p>
      <p>
        <a href="/my-referrals/">See your referrals and consent records</a>, and where each stands.
      </p>
    </Confirmation>
  ),
  onSent: (_receipt, body, values) => {
    const next = sameSitePath(typeof body.next === 'string' ? body.next : typeof values.next === 'string' ? values.next : undefined);
    window.location.assign(next ?? '/refer/');
  },
};

export function SignInConfirmForm(props: IslandProps) {
  return <FormFlow options={signInConfirmPage} {...props} />;
}
