// Where the browser editor's files are on the site. Kept apart from the modules that
// build them, so the page, the editor's script and the build can share them cheaply.

/** The editor's script, built by integration.ts. */
export const editorScript = '/admin/editor.js';

/** The editor's configuration, generated from the content schemas (src/pages/admin/config.json.ts). */
export const editorConfigAddress = '/admin/config.json';
