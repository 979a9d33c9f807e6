// The props each form's island is drawn with, worked out where the form definitions
// and the content modules can be imported (the Astro build and the server), and
// written into the page for the browser to hydrate with.
import { toFormView } from '../../forms/form-view.ts';
import { forms, type FormName } from '../../forms/index.ts';
import type { FormState } from '../../forms/steps.ts';
import type { IslandProps } from './FormFlow.tsx';

export function islandProps(formName: FormName, state?: FormState): IslandProps {
  const definition = forms[formName];
  return { form: toFormView(definition), state, content: definition.pageContent?.() };
}
