// The one script every form page runs as it loads, and all it loads. The forms work
// without any script (they post to their own page), so React and the form's island
// are fetched only when the person first does something on the page (a tap, a key,
// focus), and nothing of React runs while a phone is still loading the page. Until
// then whatever is typed stays in the page, and the island reads it when it takes
// over (FormFlow). The island starts at once only when it has something to do at
// start: answers typed before this script arrived, values from the address, answers kept in this tab, a page the server drew
// after a post, or (forms that need an account) nobody signed in, when it swaps the
// questions for what to do first, which it must not do under someone's first tap.
// (Signed in, the notice about signing in is hidden without waiting for the island.)
// Each page fetches only its own form's component.
import type { FormName } from '../../forms/index.ts';
import type { IslandProps } from './FormFlow.tsx';
import { propsId, rootId } from './region.ts';
import { drafts, sessionAtLoad } from './session.ts';

type Component = Parameters<typeof import('./hydrate.tsx').hydrateForm>[1];

/** Both halves fetched at once: the shared hydration (with React) and the page's own form. */
const island = <M>(component: Promise<M>, pick: (module: M) => Component) =>
  Promise.all([import('./hydrate.tsx'), component]).then(([{ hydrateForm }, module]) => ({ hydrateForm, Component: pick(module) }));

// TypeScript makes sure every form in src/forms/index.ts has one (registry.ts is the build's and server's list).
const islands: Record<FormName, () => ReturnType<typeof island>> = {
  register: () => island(import('./RegisterForm.tsx'), (module) => module.RegisterForm),
  signIn: () => island(import('./SignInForm.tsx'), (module) => module.SignInForm),
  signInConfirm: () => island(import('./SignInConfirmForm.tsx'), (module) => module.SignInConfirmForm),
  consent: () => island(import('./ConsentForm.tsx'), (module) => module.ConsentForm),
  referral: () => island(import('./ReferralForm.tsx'), (module) => module.ReferralForm),
  withdrawal: () => island(import('./WithdrawalForm.tsx'), (module) => module.WithdrawalForm),
  request: () => island(import('./RequestForm.tsx'), (module) => module.RequestForm),
};

/** What counts as the person starting on the page, listened for on the whole page before anything else sees it. */
const firstActions = ['pointerdown', 'touchstart', 'keydown', 'focusin', 'input'] as const;

/** Has the person already begun, before this script arrived (a slow connection)? Then they are not waiting for a first action. */
function begunAlready(root: HTMLElement): boolean {
  if (root.contains(document.activeElement) && document.activeElement !== root) return true;
  return [...root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')].some((box) =>
    box instanceof HTMLSelectElement
      ? [...box.options].some((option) => option.selected !== option.defaultSelected)
      : box instanceof HTMLInputElement && (box.type === 'checkbox' || box.type === 'radio')
        ? box.checked !== box.defaultChecked
        : box.value !== box.defaultValue,
  );
}

export function startFormWhenWanted() {
  const root = document.getElementById(rootId);
  const load = islands[root?.dataset.form as FormName];
  const written = document.getElementById(propsId)?.textContent;
  if (!root || !load || !written) return;
  // Follow-up questions fold away now (forms.scss), not under the first tap.
  root.setAttribute('data-form-starting', '');
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    for (const type of firstActions) removeEventListener(type, start, true);
    void load().then(({ hydrateForm, Component }) => hydrateForm(root, Component));
  };
  for (const type of firstActions) addEventListener(type, start, { capture: true, passive: true });

  // Sent as the first thing done (a tap on the button): held for the island, which checks the
  // answers in place and moves focus to any errors, as it does for every later send. If the
  // island has not taken over within a few seconds, the form goes to its own page as without script.
  const taken = () => root.querySelector('[data-enhanced]') !== null;
  const hold = (event: SubmitEvent) => {
    if (taken()) return root.removeEventListener('submit', hold, true);
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const submitter = event.submitter;
    start();
    const giveUpAt = performance.now() + 4000;
    const sendWhenTaken = () => {
      if (!taken() && performance.now() < giveUpAt) return void requestAnimationFrame(sendWhenTaken);
      root.removeEventListener('submit', hold, true);
      form.requestSubmit(submitter);
    };
    sendWhenTaken();
  };
  root.addEventListener('submit', hold, true);

  const { form, state } = JSON.parse(written) as IslandProps;
  if (state || window.location.search !== '' || begunAlready(root) || (form.needsAccount && drafts.load(form.name))) return start();
  if (form.needsAccount) {
    void sessionAtLoad().then((session) => {
      if (session === null) start();
      // Signed in: the notice that says to sign in first (drawn for when nobody can tell) is not for them.
      // The island, when it starts, draws the page without it.
      else if (session) root.querySelector<HTMLElement>('[data-account-notice]')?.setAttribute('hidden', '');
    });
  }
}
