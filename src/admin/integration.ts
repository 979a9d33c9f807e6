// Builds the browser editor's script (browser.ts, with Sveltia CMS, its fonts and the
// preview stylesheets) into dist/admin/ once the site is built, in a Vite build of its
// own: bundled with the site, its code would share chunks with the form pages' islands
// and change what public pages load. /admin/ loads /admin/editor.js; everything else
// it needs is in /admin/assets/, named by content.
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'vite';
import { editorScript } from './addresses.ts';

export default function adminEditor(): AstroIntegration {
  return {
    name: 'dsr-admin-editor',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(new URL('../..', import.meta.url));
        await build({
          configFile: false,
          root,
          // The script's fonts, stylesheets and chunks are addressed from /admin/.
          base: '/admin/',
          logLevel: 'warn',
          build: {
            outDir: fileURLToPath(new URL('admin/', dir)),
            emptyOutDir: false,
            assetsDir: 'assets',
            copyPublicDir: false,
            chunkSizeWarningLimit: 4096,
            rollupOptions: {
              input: fileURLToPath(new URL('./browser.ts', import.meta.url)),
              output: { entryFileNames: editorScript.replace('/admin/', '') },
            },
          },
        });
        logger.info(`the browser editor is in ${editorScript}`);
      },
    },
  };
}
