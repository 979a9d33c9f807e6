// The browser's side of a form page: takes over the form the page was built with (or
// the server drew), with the props written into the page beside it. Every form page
// runs this one script; the region says which form it holds.
import { hydrateRoot } from 'react-dom/client';
import type { FormName } from '../../forms/index.ts';
import type { IslandProps } from './FormFlow.tsx';
import { propsId, rootId } from './region.ts';
import { formPages } from './registry.ts';

export function hydrateForm() {
  const root = document.getElementById(rootId);
  const written = document.getElementById(propsId)?.textContent;
  const island = formPages[root?.dataset.form as FormName]?.Component;
  if (!root || !written || !island) return;
  const Component = island;
  hydrateRoot(root, <Component {...(JSON.parse(written) as IslandProps)} />);
}
