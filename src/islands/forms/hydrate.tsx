// The browser's side of a form page: takes over the form the page was built with (or
// the server drew), with the props written into the page beside it. Loaded only when
// wanted (start.ts), so nothing of React runs while the page is loading.
import { startTransition, type ReactNode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import type { IslandProps } from './FormFlow.tsx';
import { propsId } from './region.ts';

/** Takes over `root` with the form's component. */
export function hydrateForm(root: HTMLElement, Component: (props: IslandProps<any>) => ReactNode) {
  const written = document.getElementById(propsId)?.textContent;
  if (!written) return;
  // As a transition, React hydrates in slices of a few milliseconds, so a phone's main
  // thread is never held for long; a click or key during it hydrates at once.
  startTransition(() => {
    hydrateRoot(root, <Component {...(JSON.parse(written) as IslandProps)} />);
  });
}
