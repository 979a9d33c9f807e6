// The checks every POST passes before anything else looks at it.
import type { PostedAnswers } from '../../forms/input.ts';

/** The largest body a form may post. The longest form, every box full, is well under this. */
export const bodyLimitBytes = 32 * 1024;

export type Refusal = { status: 400 | 403 | 413 | 415; reason: 'cross_site' | 'too_large' | 'unreadable' | 'unsupported_type' };

/**
 * Refuses posts made by another site (cross-site request forgery). Browsers say where
 * a request came from in Sec-Fetch-Site and Origin; only this site's own pages may post.
 * A request with neither header does not come from a browser page (curl, a script),
 * so it cannot carry someone's session against their will, and is let through.
 */
export function checkSameSite(request: Request, siteUrl: string): Refusal | undefined {
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return { status: 403, reason: 'cross_site' };
  const origin = request.headers.get('origin');
  // With Referrer-Policy: no-referrer, browsers send "Origin: null" on their own form
  // posts; Sec-Fetch-Site then says whether the post really came from this site.
  if (origin === 'null' && fetchSite === 'same-origin') return undefined;
  if (origin !== null) {
    const allowed = new Set([new URL(request.url).origin, new URL(siteUrl).origin]);
    if (!allowed.has(origin)) return { status: 403, reason: 'cross_site' };
  }
  return undefined;
}

/** Reads the body, refusing more than `bodyLimitBytes` without reading on past it. */
async function readLimited(request: Request): Promise<Uint8Array | Refusal> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > bodyLimitBytes) return { status: 413, reason: 'too_large' };
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > bodyLimitBytes) {
      await reader.cancel().catch(() => {});
      return { status: 413, reason: 'too_large' };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export type ReadBody = { answers: PostedAnswers; format: 'json' | 'form' } | Refusal;

/** Reads a form post (urlencoded or multipart) or a JSON object, within the size limit. */
export async function readPostedAnswers(request: Request): Promise<ReadBody> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const body = await readLimited(request);
  if ('reason' in body) return body;
  const text = new TextDecoder().decode(body);
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text || '{}');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { status: 400, reason: 'unreadable' };
      return { answers: parsed as Record<string, unknown>, format: 'json' };
    } catch {
      return { status: 400, reason: 'unreadable' };
    }
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    return { answers: new URLSearchParams(text), format: 'form' };
  }
  if (type === 'multipart/form-data') {
    try {
      const form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': request.headers.get('content-type')! } }).formData();
      return { answers: form as unknown as PostedAnswers, format: 'form' };
    } catch {
      return { status: 400, reason: 'unreadable' };
    }
  }
  return { status: 415, reason: 'unsupported_type' };
}

/**
 * The key for an address in the rate limits: an IPv4 address as it is, an IPv6 address by
 * its /64 (one household or server is given a whole /64, so its other 2^64 addresses
 * would otherwise be endless fresh keys; issue 11, finding 12).
 */
export function addressKey(address: string): string {
  const text = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!text.includes(':')) return text;
  const mapped = /^(?:0{0,4}:){0,5}(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return text;
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** The caller's address, for rate limits, keyed by addressKey. Cloudflare sets CF-Connecting-IP; wrangler does too, locally. */
export function clientAddress(request: Request): string {
  const address = request.headers.get('cf-connecting-ip');
  return address ? addressKey(address) : 'unknown';
}
