// Every form's island, by form name: for the build (FormRegion.astro) and the server's
// render function. The browser has its own list (start.ts), which fetches only the
// page's form. TypeScript makes sure every form in src/forms/index.ts has one.
import type { ReactNode } from 'react';
import type { FormName } from '../../forms/index.ts';
import { ConsentForm } from './ConsentForm.tsx';
import type { IslandProps } from './FormFlow.tsx';
import { ReferralForm } from './ReferralForm.tsx';
import { RegisterForm } from './RegisterForm.tsx';
import { RequestForm } from './RequestForm.tsx';
import { SignInConfirmForm } from './SignInConfirmForm.tsx';
import { SignInForm } from './SignInForm.tsx';
import { WithdrawalForm } from './WithdrawalForm.tsx';

export interface FormIsland {
  Component(props: IslandProps<any>): ReactNode;
}

export const formPages: Record<FormName, FormIsland> = {
  register: { Component: RegisterForm },
  signIn: { Component: SignInForm },
  signInConfirm: { Component: SignInConfirmForm },
  consent: { Component: ConsentForm },
  referral: { Component: ReferralForm },
  withdrawal: { Component: WithdrawalForm },
  request: { Component: RequestForm },
};
