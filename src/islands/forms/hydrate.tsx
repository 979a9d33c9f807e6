// The browser's side of a form page: takes over the form the page was built with
// (or the server drew), with the props written into the page beside it.
import type { ComponentType } from 'react';
import { hydrateRoot } from 'react-dom/client';
import type { IslandProps } from './FormFlow.tsx';
import { propsId, rootId } from './region.ts';

export function hydrateForm<Content>(Component: ComponentType<IslandProps<Content>>) {
  const root = document.getElementById(rootId);
  const written = document.getElementById(propsId)?.textContent;
  if (!root || !written) return;
  hydrateRoot(root, <Component {...(JSON.parse(written) as IslandProps<Content>)} />);
}
