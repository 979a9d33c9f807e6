// Every form's island, by form name: for the server's render function, and for the
// browser, which hydrates whichever form its page has. TypeScript makes sure every
// form in src/forms/index.ts has one. (Nothing here may import content or zod: the
// browser loads it.)
import type { ReactNode } from 'react';
import type { FormName } from '../../forms/index.ts';
import { ConsentForm } from './ConsentForm.tsx';
import type { IslandProps } from './FormFlow.tsx';
import { ReferralForm } from './ReferralForm.tsx';
import { RegisterForm } from './RegisterForm.tsx';
import { SignInConfirmForm } from './SignInConfirmForm.tsx';
import { SignInForm } from './SignInForm.tsx';
import { WithdrawalForm } from './WithdrawalForm.tsx';
import { RequestForm } from './RequestForm.tsx';

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
