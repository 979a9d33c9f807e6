// Fills in the header's account area from GET /api/session: the name of the person
// signed in, a link to their referrals (/my-referrals/) and the sign-out button, or a sign-in link that brings them back to this page.
import { sessionAtLoad } from '../forms/session.ts';

export async function showAccount(): Promise<void> {
  const area = document.querySelector<HTMLElement>('[data-account-area]');
  if (!area) return;
  const session = await sessionAtLoad();
  const name = area.querySelector<HTMLElement>('[data-account-name]');
  const signOut = area.querySelector<HTMLElement>('[data-account-sign-out]');
  const signIn = area.querySelector<HTMLElement>('[data-account-sign-in]');
  if (!name || !signOut || !signIn) return;
  // When the service could not say, offer the sign-out button too: signing out is always safe.
  signOut.hidden = session === null;
  const mine = area.querySelector<HTMLElement>('[data-account-mine]');
  if (session) {
    name.textContent = `Signed in as ${session.name}`;
    name.hidden = false;
    if (mine) mine.hidden = false;
    signIn.hidden = true;
  } else if (session === null) {
    const link = signIn.querySelector('a');
    if (link && window.location.pathname !== '/sign-in/') link.href = `/sign-in/?next=${encodeURIComponent(window.location.pathname)}`;
    signIn.hidden = window.location.pathname === '/sign-in/';
  }
}
