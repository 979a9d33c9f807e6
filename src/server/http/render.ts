// Pages drawn on the server into a page of the built site (fetched from the static site
// through env.ASSETS). A form page, for browsers without JavaScript: when a post has
// problems (or asks for the check-your-answers step), the person gets the built page
// again, with its form region drawn for what they sent: the error summary, every answer
// as typed. The region is the form's own React island, drawn through the islands' one
// render function. And a page drawn whole by a function (the DSR team's console, a
// professional's /my-referrals/) into its built frame: the site's header, footer and
// stylesheets around a marked region.
import type { FormName } from '../../forms/index.ts';
import type { FormState } from '../../forms/steps.ts';
import { fillFormPage, fillRatingSupportPage, formTitle, renderFormHtml } from '../../islands/forms/render.tsx';
import type { Env } from '../platform/settings.ts';

/** Fetches `page` (e.g. "/refer/") from the static site and answers with the form drawn in it. */
export async function renderFormPage(
  env: Env,
  request: Request,
  drawing: { form: FormName; page: string; state: FormState },
  status: number,
  headers: HeadersInit = {},
): Promise<Response> {
  const built = await fetchPage(env, new URL(drawing.page, request.url));
  let html: string | undefined;
  if (built !== undefined) {
    try {
      html = fillFormPage(built, drawing.form, drawing.state);
    } catch {
      html = undefined;
    }
  }
  const answer = new Headers(headers);
  answer.set('content-type', 'text/html; charset=utf-8');
  answer.set('cache-control', 'no-store');
  return new Response(html ?? standalonePage(formTitle(drawing.form, drawing.state), renderFormHtml(drawing.form, drawing.state)), {
    status,
    headers: answer,
  });
}

/** The rating support tool's page (its address is `page`) with the step drawn for a post; never cached (it may hold what the MDT typed). */
export async function renderRatingSupportPage(env: Env, request: Request, page: string, props: Parameters<typeof fillRatingSupportPage>[1], status: number): Promise<Response> {
  const built = await fetchPage(env, new URL(page, request.url));
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
  // Without the built page (a fault of the deployment) the service cannot draw the step: say so plainly.
  if (built === undefined) return new Response(standalonePage('Sorry, there is a problem with the service', '<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>'), { status: 503, headers });
  return new Response(fillRatingSupportPage(built, props), { status, headers });
}

/** A built frame: its address, and the marks around the region a function draws. */
export interface Frame {
  page: string;
  regionStart: string;
  regionEnd: string;
  /** Ends the <title> of the bare page drawn when the frame cannot be fetched ("DSR team console"). */
  name: string;
}

/** A page drawn by a function: its own title (the frame's is added after it) and its HTML. */
export interface DrawnPage {
  title: string;
  html: string;
}

/**
 * The built frame with `page` drawn in its region, and the page's title before the
 * frame's. Without the frame (a fault, or the tests) the bare page still works, and is
 * still not indexed. `headers` are the page's own (caching, robots).
 */
export async function renderFramedPage(env: Env, requestUrl: string, frame: Frame, page: DrawnPage, status: number, headers: Record<string, string>): Promise<Response> {
  const built = await fetchPage(env, new URL(frame.page, requestUrl));
  let html: string;
  if (built?.includes(frame.regionStart) && built.includes(frame.regionEnd)) {
    const start = built.indexOf(frame.regionStart) + frame.regionStart.length;
    const end = built.indexOf(frame.regionEnd, start);
    html = (built.slice(0, start) + page.html + built.slice(end)).replace(
      /<title>([^<]*)<\/title>/,
      (_, frameTitle: string) => `<title>${escapeHtml(page.title)} - ${frameTitle}</title>`,
    );
  } else {
    html = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${escapeHtml(page.title)} - ${escapeHtml(frame.name)}</title></head>
<body><main id="maincontent">${page.html}</main></body>
</html>`;
  }
  return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

async function fetchPage(env: Env, url: URL): Promise<string | undefined> {
  if (!env.ASSETS) return undefined;
  try {
    const response = await env.ASSETS.fetch(new Request(url.toString(), { method: 'GET' }));
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The bare page: the site's stylesheet may be missing, but the form and its errors are there and work. */
export function standalonePage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body><main id="maincontent">${bodyHtml}</main></body>
</html>`;
}
