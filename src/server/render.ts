// A form page drawn on the server, for browsers without JavaScript: when a post
// has problems (or asks for the check-your-answers step), the person gets the built
// page again (fetched from the static site through env.ASSETS), with its form region
// drawn for what they sent: the error summary, every answer as typed.
//
// What goes in the region is up to the caller's `draw` function (src/server/form-pages.ts
// draws the form's own React island), so this module only fetches, fills and answers.
import type { Env } from './settings';

export interface FormPageDrawing {
  /** The built page with its form region drawn; throws if the page has no region. */
  fill(pageHtml: string): string;
  /** A bare page holding just the form, for when the built page cannot be fetched. */
  standalone(): string;
}

/** Fetches `page` (e.g. "/refer/") from the static site and answers with it drawn. */
export async function renderFormPage(
  env: Env,
  request: Request,
  page: string,
  drawing: FormPageDrawing,
  status: number,
  headers: HeadersInit = {},
): Promise<Response> {
  const built = await fetchPage(env, new URL(page, request.url));
  let html: string | undefined;
  if (built !== undefined) {
    try {
      html = drawing.fill(built);
    } catch {
      html = undefined;
    }
  }
  const answer = new Headers(headers);
  answer.set('content-type', 'text/html; charset=utf-8');
  answer.set('cache-control', 'no-store');
  return new Response(html ?? drawing.standalone(), { status, headers: answer });
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
