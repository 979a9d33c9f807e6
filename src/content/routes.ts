// Where each content file appears on the site. The collections, the pages that
// render them and `npm run check:content` (which checks that links resolve) all
// use these, so an address is worked out in one place only.

/** The collections written in Markdown, each a folder of content/. */
export const markdownCollections = {
  pages: { folder: 'pages', prefix: '/' },
  easyRead: { folder: 'easy-read', prefix: '/easy-read/' },
  leaflets: { folder: 'leaflets', prefix: '/leaflets/' },
} as const;
export type MarkdownCollection = keyof typeof markdownCollections;

/**
 * The entry id for a Markdown file, from its path inside its collection folder:
 * "professionals/referral-pathway.mdx" → "professionals/referral-pathway",
 * "professionals/index.md" → "professionals".
 */
export function entryId(pathInFolder: string): string {
  return pathInFolder
    .replace(/\\/g, '/')
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '')
    .toLowerCase();
}

/** The address of an entry: always with a slash at the end, as the site is built. */
export function entryRoute(collection: MarkdownCollection, id: string): string {
  return `${markdownCollections[collection].prefix}${id ? `${id}/` : ''}`;
}

/** The addresses above a page, from the home page down, e.g. /professionals/ for /professionals/training/. */
export function parentRoutes(route: string): string[] {
  const parts = route.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, index) => `/${parts.slice(0, index + 1).join('/')}/`);
}
