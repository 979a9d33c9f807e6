// Answers for the API. API responses are never cached: they may hold a person's references.
import { formMessages } from '../../forms/messages.ts';

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** Does the caller want JSON (the island, curl -H 'accept: application/json') rather than a page? */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  const type = request.headers.get('content-type') ?? '';
  return accept.includes('application/json') || type.startsWith('application/json');
}

/** 303 See Other: after a form post, the browser GETs the next page (so reloading it posts nothing). */
export function seeOther(location: string, headers: HeadersInit = {}): Response {
  const answer = new Headers(headers);
  answer.set('location', location);
  answer.set('cache-control', 'no-store');
  return new Response(null, { status: 303, headers: answer });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A small page for problems that are not about the answers (a post from another site, a body too large). */
export function messagePage(status: number, message: string, headers: HeadersInit = {}): Response {
  const html = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sorry, there is a problem - Dynamic Support Register</title></head>
<body><main id="maincontent"><h1>Sorry, there is a problem</h1><p>${escapeHtml(message)}</p><p><a href="/">Go to the Dynamic Support Register home page</a></p></main></body>
</html>`;
  const answer = new Headers(headers);
  answer.set('content-type', 'text/html; charset=utf-8');
  answer.set('cache-control', 'no-store');
  return new Response(html, { status, headers: answer });
}

/** The same problem as JSON or as a page, whichever the caller wants. */
export function problem(request: Request, status: number, message: string, headers: HeadersInit = {}): Response {
  return wantsJson(request) ? json({ message }, status, headers) : messagePage(status, message, headers);
}

/** 503: nothing was saved. The words say so. */
export const unavailable = (request: Request) => problem(request, 503, formMessages.unavailable);
