// The browser's side of being signed in: asking GET /api/session who is signed in,
// and keeping a form's answers in this tab (sessionStorage) while it is filled in,
// so that a session that ends part way never loses what was typed.
import type { FormValues } from '../../forms/types.ts';

export interface SignedIn {
  name: string;
  email?: string;
}

/** Who is signed in: a person, nobody (`null`), or `undefined` when the service could not say. */
export async function fetchSession(): Promise<SignedIn | null | undefined> {
  try {
    const response = await fetch('/api/session', { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
    // Every answer is read to the end: one left unread keeps its connection open.
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status === 401) return null;
    if (!response.ok) return undefined;
    const account = (body.account ?? body.professional ?? body.user ?? body) as Record<string, unknown>;
    if (body.signedIn === false || typeof account.name !== 'string' && typeof account.fullName !== 'string') return null;
    const name = String(account.name ?? account.fullName);
    return typeof account.email === 'string' ? { name, email: account.email } : { name };
  } catch {
    return undefined;
  }
}

let atLoad: Promise<SignedIn | null | undefined> | undefined;

/** Who was signed in when the page loaded: asked once for the page's scripts that start with it (the header, the form's start). */
export function sessionAtLoad(): Promise<SignedIn | null | undefined> {
  atLoad ??= fetchSession();
  return atLoad;
}

const draftKey = (form: string) => `dsr-answers:${form}`;

/** Answers kept for this tab only: they go when the tab is closed or the form is sent. */
export const drafts = {
  save(form: string, values: FormValues) {
    try {
      sessionStorage.setItem(draftKey(form), JSON.stringify(values));
    } catch {
      // Storage can be full or switched off; the answers are still on the page.
    }
  },
  load(form: string): FormValues | undefined {
    try {
      const saved = sessionStorage.getItem(draftKey(form));
      return saved ? (JSON.parse(saved) as FormValues) : undefined;
    } catch {
      return undefined;
    }
  },
  clear(form: string) {
    try {
      sessionStorage.removeItem(draftKey(form));
    } catch {
      // Nothing to do: see save().
    }
  },
};

/** Did the person type anything? (Hidden values the page fills in do not count.) */
export function hasAnswers(values: FormValues, ignore: readonly string[] = []): boolean {
  return Object.entries(values).some(([name, value]) => {
    if (ignore.includes(name)) return false;
    if (typeof value === 'string') return value.trim() !== '';
    if (Array.isArray(value)) return value.length > 0;
    return Object.values(value).some((part) => part.trim() !== '');
  });
}

/** A page on this site to come back to, from ?next=…; anything else (another site, a trick) is dropped. */
export function sameSitePath(candidate: string | null | undefined): string | undefined {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) return undefined;
  try {
    const url = new URL(candidate, 'https://dsr.invalid');
    return url.origin === 'https://dsr.invalid' ? url.pathname + url.search : undefined;
  } catch {
    return undefined;
  }
}

const returnKey = 'dsr-return-page';

/**
 * The page to come back to after signing in. The sign-in link arrives by email and
 * often opens in a new tab, so the page is kept in localStorage (a path on this
 * site, nothing personal) from the sign-in or register page until the link is used.
 */
export const returnPage = {
  remember(path: string) {
    try {
      localStorage.setItem(returnKey, path);
    } catch {
      // Without storage, signing in goes to the referral form, the usual next step.
    }
  },
  take(): string | undefined {
    try {
      const path = sameSitePath(localStorage.getItem(returnKey));
      localStorage.removeItem(returnKey);
      return path;
    } catch {
      return undefined;
    }
  },
};
