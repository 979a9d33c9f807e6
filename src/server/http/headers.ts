// The security headers of every response: functions/_middleware.ts adds them to
// what the functions answer, and public/_headers gives the same to static files
// (a test checks the two agree, and that every inline script of the built site is
// allowed by its hash here).

/**
 * Hashes of the inline scripts and styles Astro writes into pages with islands
 * (the <astro-island> loader). Nothing else may run inline: no 'unsafe-inline'.
 */
export const inlineScriptHashes = [
  "'sha256-QzWFZi+FLIx23tnm9SBU4aEgx4x8DsuASP07mfqol/c='",
  "'sha256-Ya0pUYrC7nM5Cn/056TyVuEiz6dFGrzmkWzgON0pF0U='",
];
export const inlineStyleHashes = ["'sha256-vv9IoKo7BSLbWcUHr3tNmfNVmm5L/9Cfn2H6LMk7/ow='"];

export const contentSecurityPolicy = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the site search (Pagefind) run its WebAssembly; it allows no JavaScript eval.
  `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes.join(' ')}`,
  `style-src 'self' ${inlineStyleHashes.join(' ')}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // Sign-in links carry a token in their address: no page sends its address anywhere.
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * The browser editor (/admin/, Sveltia CMS) has a policy of its own, for that page
 * alone. It runs only the site's own scripts, but it sets styles at run time
 * ('unsafe-inline' for styles, never for scripts), draws previews in blob: frames,
 * shows GitHub avatars, and saves through GitHub's API. Its sign-in opens a pop-up
 * (the OAuth helper) that must be able to answer it, so its opener policy allows
 * pop-ups. It is never indexed.
 */
export const adminContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data: https://*.githubusercontent.com",
  "media-src 'self' blob:",
  "frame-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data: https://api.github.com https://www.githubstatus.com",
  "manifest-src 'self' blob:",
  "worker-src 'self' blob:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // The preview frame sets its base address to the site, so the site's stylesheets load in it.
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** The headers /admin/ gets instead of (or as well as) the ones above. */
export const adminHeaders: Record<string, string> = {
  'Content-Security-Policy': adminContentSecurityPolicy,
  'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
  'X-Robots-Tag': 'noindex, nofollow',
};

/** A copy of the response with the security headers set (and no-store on API answers). */
export function withSecurityHeaders(response: Response, requestUrl: string): Response {
  const secured = new Response(response.body, response);
  for (const [name, value] of Object.entries(securityHeaders)) secured.headers.set(name, value);
  if (new URL(requestUrl).pathname.startsWith('/api/')) secured.headers.set('Cache-Control', 'no-store');
  return secured;
}

/**
 * The same headers in Cloudflare Pages' _headers format, for every static file, then
 * /admin/'s: `! Name` detaches a header of the /* rule, so the page gets one policy, its own.
 */
export function headersFile(): string {
  const lines = Object.entries(securityHeaders).map(([name, value]) => `  ${name}: ${value}`);
  const detached = Object.keys(adminHeaders)
    .filter((name) => name in securityHeaders)
    .map((name) => `  ! ${name}`);
  const admin = Object.entries(adminHeaders).map(([name, value]) => `  ${name}: ${value}`);
  return `# Security headers for every static file. The functions add the same ones\n# (src/server/http/headers.ts, which a test keeps this file in step with).\n/*\n${lines.join('\n')}\n\n# The browser editor: its own policy, for that page alone.\n/admin/*\n${[...detached, ...admin].join('\n')}\n`;
}
