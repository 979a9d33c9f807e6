// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import adminEditor from './src/admin/integration.ts';

// The built site is static. SITE_URL gives absolute links in the sitemap;
// OUT_DIR lets benchmarks and parallel builds write somewhere other than dist/.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:8788',
  output: 'static',
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // The browser editor (/admin/) is for the comms team, not for readers or search engines.
  // Its script is built on its own (src/admin/integration.ts), sharing nothing with the site's.
  integrations: [mdx(), react(), sitemap({ filter: (page) => !new URL(page).pathname.startsWith('/admin/') }), adminEditor()],
  devToolbar: { enabled: false },
});
