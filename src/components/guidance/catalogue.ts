// Lists of the site's content entries, in the order readers see them, with their
// addresses. Shared by the lists of guides, leaflets and pages, and the breadcrumbs.
import { getCollection } from 'astro:content';
import { entryRoute, parentRoutes } from '../../content/routes.ts';
import type { Crumb } from '../Breadcrumbs.astro';

export async function guidancePages() {
  const pages = await getCollection('pages');
  return pages
    .map((page) => ({ page, href: entryRoute('pages', page.id), text: page.data.shortTitle ?? page.data.title }))
    .toSorted((a, b) => a.href.localeCompare(b.href));
}

export async function easyReadGuides() {
  const guides = await getCollection('easyRead');
  return guides
    .map((guide) => ({ guide, href: entryRoute('easyRead', guide.id) }))
    .toSorted((a, b) => a.guide.data.order - b.guide.data.order || a.href.localeCompare(b.href));
}

/** Who a leaflet is for, as its label says it, in the list of leaflets and above its title. */
export const leafletAudienceLabels = {
  professionals: 'For professionals',
  families: 'For families and carers',
} as const;

export async function leaflets() {
  const printed = (await getCollection('leaflets')).map((leaflet) => ({
    title: leaflet.data.title,
    description: leaflet.data.description,
    audience: leafletAudienceLabels[leaflet.data.audience],
    order: leaflet.data.order,
    href: entryRoute('leaflets', leaflet.id),
  }));
  // Easy read guides marked `leaflet: true` print as leaflets from their own page.
  const easyRead = (await easyReadGuides())
    .filter(({ guide }) => guide.data.leaflet)
    .map(({ guide, href }) => ({
      title: guide.data.title,
      description: guide.data.description,
      audience: 'Easy read, for the person on the register',
      order: guide.data.order + 1000,
      href,
    }));
  return [...printed, ...easyRead].toSorted((a, b) => a.order - b.order);
}

/** The breadcrumbs above a content page: Home, then each parent page by its short title. */
export async function trailFor(route: string): Promise<Crumb[]> {
  const titles = new Map((await guidancePages()).map(({ href, text }) => [href, text]));
  return [
    { href: '/', text: 'Home' },
    ...parentRoutes(route).map((href) => {
      const text = titles.get(href);
      if (!text) throw new Error(`${route} sits under ${href}, which has no page in content/pages/`);
      return { href, text };
    }),
  ];
}
