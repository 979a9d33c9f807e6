// The site's public address at build time: content/site.json's webAddress, unless
// SITE_URL names another deployment. One owner, read by the Astro config (canonical
// links, sitemap, robots.txt, leaflets), the browser editor's configuration and the
// built-site test, so no build can carry this machine's address.
import site from '../../content/site.json' with { type: 'json' };

export function publicAddress(env: Record<string, string | undefined> = process.env): string {
  return new URL(env['SITE_URL']?.trim() || site.webAddress).origin;
}
