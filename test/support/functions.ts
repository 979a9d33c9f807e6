// Calling the Pages Functions directly in vitest, the way Cloudflare calls them:
// a Request, the settings as `env`, and waitUntil for work after the response.
//   const site = functionHarness(() => ({ DATABASE_URL: db.url, ... }));
//   const response = await site.post(onRequestPost, '/api/withdrawals', { json: answers });
//   await site.settle();   // lets the emails sent after the response finish
import type { FunctionContext, PagesFunction } from '../../src/server/http/context.ts';
import type { Env } from '../../src/server/platform/settings.ts';
import { regionEnd, regionStart } from '../../src/islands/forms/region.ts';

export const siteUrl = 'http://127.0.0.1:8788';

export interface CallOptions {
  method?: string;
  /** A JSON body (sent with accept: application/json, as the island does). */
  json?: unknown;
  /** A plain HTML form post (urlencoded, accept: text/html), as a browser without JavaScript sends. */
  form?: URLSearchParams;
  body?: BodyInit;
  headers?: Record<string, string>;
  /** The Cookie header. */
  cookie?: string;
  /** The caller's IP address; a new one per call unless given, so the per-address rate limit does not get in the way. */
  ip?: string;
  /** The full address instead of siteUrl + path (e.g. to test https). */
  url?: string;
}

let nextAddress = 1;
// Each in its own /64: the rate limits key an IPv6 address by its /64.
const freshAddress = () => `2001:db8:${(nextAddress++).toString(16)}::1`;

/** A stand-in for env.ASSETS: every page is a small page with a marked form region and a title. */
export const pagesWithFormRegion = {
  requested: [] as string[],
  async fetch(request: Request | string): Promise<Response> {
    const url = new URL(typeof request === 'string' ? request : request.url);
    this.requested.push(url.pathname);
    const html = `<!doctype html><html lang="en-GB"><head><title>Page ${url.pathname} - Dynamic Support Register</title></head><body><h1>Built page</h1>${regionStart}<div id="form-root">as built</div>${regionEnd}</body></html>`;
    return new Response(html, { headers: { 'content-type': 'text/html' } });
  },
};

export function buildRequest(path: string, options: CallOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', options.ip ?? freshAddress());
  let body = options.body;
  if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    if (!headers.has('accept')) headers.set('accept', 'text/html,application/xhtml+xml');
    body = options.form.toString();
  }
  if (options.cookie) headers.set('cookie', options.cookie);
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  // A browser posting from the site's own page says so.
  if (method === 'POST' && !headers.has('origin') && !headers.has('x-no-origin')) headers.set('origin', new URL(options.url ?? siteUrl).origin);
  headers.delete('x-no-origin');
  return new Request(options.url ?? `${siteUrl}${path}`, { method, headers, body: body ?? null });
}

export function functionHarness(env: () => Env) {
  const pending: Promise<unknown>[] = [];
  async function call(handler: PagesFunction, request: Request, next?: () => Promise<Response>): Promise<Response> {
    const context: FunctionContext = {
      request,
      env: env(),
      params: {},
      waitUntil: (promise) => {
        pending.push(promise.catch((error) => console.error('waitUntil failed', error)));
      },
      next: next ?? (() => Promise.resolve(new Response('static page', { status: 200, headers: { 'content-type': 'text/html' } }))),
    };
    return handler(context);
  }
  return {
    call,
    get: (handler: PagesFunction, path: string, options: CallOptions = {}) => call(handler, buildRequest(path, { ...options, method: 'GET' })),
    post: (handler: PagesFunction, path: string, options: CallOptions = {}) => call(handler, buildRequest(path, { ...options, method: 'POST' })),
    /** Waits for everything handed to waitUntil (emails sent after the response). */
    async settle() {
      while (pending.length > 0) await Promise.all(pending.splice(0));
    },
    /** How many waitUntil jobs are still running. */
    get running() {
      return pending.length;
    },
  };
}

/** The cookie a response set, as a browser would send it back ("name=value"). */
export function cookieFrom(response: Response): string | undefined {
  const header = response.headers.get('set-cookie');
  return header ? header.split(';')[0] : undefined;
}
