// A form page drawn on the server, for browsers without JavaScript: when a post has
// problems (or asks for the check-your-answers step), the person gets the built page
// again (fetched from the static site through env.ASSETS), with its form region drawn
// for what they sent: the error summary, every answer as typed. The region is the
// form's own React island, drawn through the islands' one render function.
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
