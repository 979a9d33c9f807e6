// The part of a built form page that the island owns, marked so the server can
// swap in the same island drawn with errors, a check page or a confirmation.
// Shared by the Astro pages, the browser and render.tsx.

export const regionStart = '<!--form-region:start-->';
export const regionEnd = '<!--form-region:end-->';
/** The element the island is drawn into and hydrates. */
export const rootId = 'form-root';
/** A JSON data block (never run, so the Content Security Policy allows it) with the island's props. */
export const propsId = 'form-props';

/** JSON that is safe inside a <script type="application/json"> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
