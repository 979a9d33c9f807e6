// Fills in the header's account area from GET /api/session: the name of the person
// signed in, or a sign-in link that brings them back to this page.
import { fetchSession } from '../forms/session.ts';

export async function showAccount(): Promise<void> {
  const area = document.querySelector<HTMLElement>('[data-account-area]');
  if (!area) return;
  const session = await fetchSession();
  if (session === undefined) return; // The service could not say: leave the sign-out button, which is always safe.
  const name = area.querySelector<HTMLElement>('[data-account-name]');
  const signOut = area.querySelector<HTMLElement>('[data-account-sign-out]');
  const signIn = area.querySelector<HTMLElement>('[data-account-sign-in]');
  if (session && name) {
    name.textContent = `Signed in as ${session.name}`;
    name.hidden = false;
  } else if (!session && signOut && signIn) {
    signOut.hidden = true;
    const link = signIn.querySelector('a');
    if (link && window.location.pathname !== '/sign-in/') link.href = `/sign-in/?next=${encodeURIComponent(window.location.pathname)}`;
    signIn.hidden = false;
  }
}
