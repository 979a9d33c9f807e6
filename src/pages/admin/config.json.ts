// /admin/config.json: the browser editor's configuration, generated at build time
// from the content schemas (src/admin/config.ts).
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { editorConfig, editorSettings } from '../../admin/config.ts';

export const GET: APIRoute = () => {
  // Astro builds from the project folder.
  const projectDir = process.cwd();
  const config = editorConfig({ projectDir, contentDir: join(projectDir, 'content'), settings: editorSettings() });
  return new Response(JSON.stringify(config, null, 2), { headers: { 'Content-Type': 'application/json' } });
};
