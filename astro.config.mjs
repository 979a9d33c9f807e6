// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import adminEditor from './src/admin/integration.ts';
import { publicAddress } from './src/content/public-address.ts';

// The built site is static. Its public address (canonical links, the sitemap,
// robots.txt, the address printed on leaflets) is content/site.json's webAddress;
// SITE_URL overrides it for a deployment elsewhere. The functions' SITE_URL (links in
// emails) is read at run time and does not change what is built.
// OUT_DIR lets benchmarks and parallel builds write somewhere other than dist/.
export default defineConfig({
  site: publicAddress(),
  output: 'static',
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The browser editor (/admin/) is for the comms team, not for readers or search engines.
  // Its script is built on its own (src/admin/integration.ts), sharing nothing with the site's.
  // The page-not-found page is not a page to find, nor is the DSR team's console.
  integrations: [
    mdx(),
    react(),
    sitemap({ filter: (page) => !['/admin/', '/404', '/team/', '/my-referrals/'].some((start) => new URL(page).pathname.startsWith(start)) }),
    adminEditor(),
  ],
  devToolbar: { enabled: false },
  // The Content-Security-Policy (src/server/http/headers.ts) allows no inline script but
  // the few Astro itself writes: a page's own small script (the rating support tool's print
  // button) goes to a file, as the larger ones do, never into the page.
  vite: { build: { assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined) } },
});
