// robots.txt, with the sitemap at the site's public address (content/site.json or SITE_URL).
// The API, sign-in links and the DSR team's console are never for search engines.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap-index.xml', site).href;
  const lines = ['User-agent: *', 'Disallow: /api/', 'Disallow: /sign-in/confirm/', 'Disallow: /team/', 'Disallow: /admin/', '', `Sitemap: ${sitemap}`, ''];
  return new Response(lines.join('\n'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
