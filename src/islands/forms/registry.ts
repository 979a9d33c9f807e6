// Every form page's island, by form name: for the server, which draws any of them.
// (Each page's own script imports only its own form, to keep pages light.)
import type { ReactNode } from 'react';
import type { FormName } from '../../forms/index.ts';
import { ConsentForm, consentPage } from './ConsentForm.tsx';
import type { FormPageOptions, IslandProps } from './FormFlow.tsx';
import { ReferralForm, referralPage } from './ReferralForm.tsx';
import { RegisterForm, registerPage } from './RegisterForm.tsx';
import { SignInConfirmForm, signInConfirmPage } from './SignInConfirmForm.tsx';
import { SignInForm, signInPage } from './SignInForm.tsx';
import { WithdrawalForm, withdrawalPage } from './WithdrawalForm.tsx';

export interface FormPage {
  options: FormPageOptions<any>;
  Component(props: IslandProps<any>): ReactNode;
}

export const formPages: Record<FormName, FormPage> = {
  register: { options: registerPage, Component: RegisterForm },
  signIn: { options: signInPage, Component: SignInForm },
  signInConfirm: { options: signInConfirmPage, Component: SignInConfirmForm },
  consent: { options: consentPage, Component: ConsentForm },
  referral: { options: referralPage, Component: ReferralForm },
  withdrawal: { options: withdrawalPage, Component: WithdrawalForm },
};
