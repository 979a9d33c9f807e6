// The browser editor at /admin/: Sveltia CMS from this site's own bundle (no CDN,
// built by integration.ts), configured by /admin/config.json (generated from the
// content schemas, see config.ts). Previews are drawn with the site's own stylesheet and headings, and
// each content component (<RatingsList /> …) is kept as written and shown in the
// preview as a box saying what the page shows there.
import CMS from '@sveltia/cms';
import type { CustomPreviewTemplateProps } from '@sveltia/cms';
import siteStylesheet from '../styles/site.scss?url';
import guidanceStylesheet from '../styles/guidance.scss?url';
import { contentComponents, type ContentComponentName } from '../content/components.ts';
import { markdownCollections, type MarkdownCollection } from '../content/routes.ts';
import { editorConfigAddress } from './addresses.ts';

/** Sveltia CMS puts its copy of React's createElement on window as `h` for preview templates. */
type CreateElement = (type: string, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;
const h = (...args: Parameters<CreateElement>) => (window as unknown as { h: CreateElement }).h(...args);

// The stylesheets a page built from content/ loads (Page.astro, GuidanceArticle.astro).
CMS.registerPreviewStyle(siteStylesheet);
CMS.registerPreviewStyle(guidanceStylesheet);

/** The look GuidanceArticle.astro gives each collection's pages. */
const variants: Record<MarkdownCollection, string> = { pages: 'guidance', easyRead: 'easy-read', leaflets: 'leaflet' };

for (const [name, description] of Object.entries(contentComponents) as [ContentComponentName, string][]) {
  CMS.registerEditorComponent({
    id: name,
    label: name,
    // Shown folded: the component is kept as written, and most take no settings.
    collapsed: true,
    fields: [
      {
        name: 'settings',
        label: 'Settings',
        widget: 'string',
        required: false,
        hint: 'Usually empty. The few settings a component takes are in CONTENT.md, Components.',
      },
    ],
    pattern: new RegExp(`^<${name}((?:\\s+[A-Za-z]+)*)\\s*/>$`, 'm'),
    fromBlock: (match) => ({ settings: (match[1] ?? '').trim() }),
    toBlock: ({ settings }) => `<${name}${settings ? ` ${String(settings).trim()}` : ''} />`,
    toPreview: () => `<div class="nhsuk-inset-text"><p><strong>${name}</strong>: ${description}</p></div>`,
  });
}

/** A page, guide or leaflet drawn with GuidanceArticle.astro's markup: heading, opening paragraph, text. */
const pagePreview = (variant: string) =>
  function PagePreview({ entry, widgetFor }: CustomPreviewTemplateProps) {
    const title = entry.getIn(['data', 'title']);
    const lede = entry.getIn(['data', 'lede']);
    return h(
      'div',
      { className: 'nhsuk-width-container' },
      h(
        'main',
        { className: 'nhsuk-main-wrapper' },
        h(
          'div',
          { className: `dsr-article dsr-article--${variant}` },
          h('h1', null, typeof title === 'string' ? title : ''),
          typeof lede === 'string' && lede ? h('p', { className: 'nhsuk-lede-text' }, lede) : null,
          h('div', { className: 'dsr-article__body' }, widgetFor('body')),
        ),
      ),
    );
  };

// Sveltia CMS looks preview templates up by file name, so the page files are read
// from the configuration before the editor starts with it.
async function start() {
  const config = (await (await fetch(editorConfigAddress)).json()) as { collections: { name: string; files: { name: string }[] }[] };
  for (const collection of config.collections) {
    if (!(collection.name in markdownCollections)) continue;
    const preview = pagePreview(variants[collection.name as MarkdownCollection]);
    for (const file of collection.files) CMS.registerPreviewTemplate(file.name, preview as never);
  }
  await CMS.init({ config: { ...config, load_config_file: false } as never });
}

void start();
