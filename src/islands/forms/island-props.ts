// The props each form's island is drawn with, worked out where the form
// definitions and the content modules can be imported (the Astro build and the
// server), and written into the page for the browser to hydrate with.
import { forms, type FormName } from '../../forms/index.ts';
import type { IslandProps } from './FormFlow.tsx';
import { toFormView } from './form-view.ts';
import { referralContent } from './referral/content.ts';
import type { FormState } from './state.ts';

export function islandProps(formName: FormName, state?: FormState): IslandProps {
  return {
    form: toFormView(forms[formName]),
    state,
    content: formName === 'referral' ? referralContent() : undefined,
  };
}
