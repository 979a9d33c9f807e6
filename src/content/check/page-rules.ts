// Rules for every page written in Markdown: one main heading, headings in order,
// words for every picture, links that say where they go and lead somewhere real,
// and only the components the site provides.
import { contentComponentNames } from '../components.ts';
import { checkInternalLink, type SiteAddresses } from './links.ts';
import { lineOf, plainText, walk, type MarkdownNode } from './markdown.ts';
import type { Problem } from './problems.ts';

/** Link words that do not say where the link goes (WCAG 2.4.4). */
const vagueLinkWords = new Set(['here', 'click here', 'click', 'read more', 'more', 'link', 'this link', 'this page', 'find out more']);

export function isVagueLinkText(text: string): boolean {
  const words = text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, '').replace(/\s+/g, ' ').trim();
  return words === '' || vagueLinkWords.has(words) || words.startsWith('click here');
}

export interface PageRuleOptions {
  /**
   * Easy read pictures sit beside words that say the same thing, so their alt text
   * may be empty (![](…)): a screen reader then does not read it all twice.
   */
  emptyAltAllowed?: boolean;
}

export function checkPage(file: string, tree: MarkdownNode, route: string, site: SiteAddresses, { emptyAltAllowed = false }: PageRuleOptions = {}): Problem[] {
  const problems: Problem[] = [];
  let previousDepth = 1;
  for (const node of walk(tree)) {
    const line = lineOf(node);
    if (node.type === 'heading') {
      const depth = node.depth ?? 2;
      if (depth === 1) {
        problems.push({
          code: 'heading-h1',
          file,
          line,
          message: `"${plainText(node)}" is a main heading (one #), but the page's title is already its only main heading.`,
          fix: 'Start section headings with ## (two #), and put the page title in the "title" field.',
        });
      } else if (depth > previousDepth + 1) {
        problems.push({
          code: 'heading-skipped',
          file,
          line,
          message: `The heading "${plainText(node)}" jumps from level ${previousDepth} to level ${depth}, skipping a level.`,
          fix: `Use ${'#'.repeat(previousDepth + 1)} for this heading, so screen reader users can follow the page's structure.`,
        });
      }
      previousDepth = depth;
    }
    if (node.type === 'image') problems.push(...checkImage(file, line, node.alt ?? '', node.url ?? '', site, emptyAltAllowed));
    if (node.type === 'html') {
      for (const tag of (node.value ?? '').match(/<img\b[^>]*>/gi) ?? []) {
        const alt = /\balt\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '';
        const src = /\bsrc\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '';
        problems.push(...checkImage(file, line, alt, src, site));
      }
    }
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      const name = node.name ?? '';
      if (name === 'img') {
        const attribute = (key: string) => node.attributes?.find((candidate) => candidate.name === key)?.value;
        const alt = attribute('alt');
        const src = attribute('src');
        problems.push(...checkImage(file, line, typeof alt === 'string' ? alt : '', typeof src === 'string' ? src : '', site));
      } else if (/^[A-Z]/.test(name) && !(contentComponentNames as string[]).includes(name)) {
        problems.push({
          code: 'unknown-component',
          file,
          line,
          message: `<${name} /> is not a component the site provides, so the page cannot be built.`,
          fix: `Check the spelling. The components you can use are: ${contentComponentNames.join(', ')}.`,
        });
      }
    }
    if (node.type === 'link') {
      const words = plainText(node).trim();
      if (isVagueLinkText(words)) {
        problems.push({
          code: 'link-text-vague',
          file,
          line,
          message: `The link words "${words}" do not say where the link goes. People who use screen readers often hear links on their own.`,
          fix: 'Use words that make sense on their own, such as the title of the page it leads to: [Ask for consent to be withdrawn](/withdraw/).',
        });
      }
      problems.push(...checkLink(file, line, node.url ?? '', route, site));
    }
  }
  return problems;
}

function checkImage(file: string, line: number | undefined, alt: string, src: string, site: SiteAddresses, emptyAltAllowed = false): Problem[] {
  const problems: Problem[] = [];
  if (!alt.trim() && !emptyAltAllowed) {
    problems.push({
      code: 'image-alt-missing',
      file,
      line,
      message: `The picture ${src ? `"${src}" ` : ''}has no alt text, so people who cannot see it do not know what it shows.`,
      fix: 'Write what the picture shows between the square brackets: ![A house with a heart on it](/images/easy-read/home.svg)',
    });
  }
  if (src.startsWith('/') && !src.startsWith('//') && !site.files.has(decodeURI(src.split(/[?#]/)[0] ?? ''))) {
    problems.push({
      code: 'image-missing',
      file,
      line,
      message: `The picture "${src}" does not exist.`,
      fix: 'Put the picture in public/images/ and check the address: public/images/easy-read/home.svg is written /images/easy-read/home.svg.',
    });
  }
  return problems;
}

export function checkLink(file: string, line: number | undefined, href: string, fromRoute: string, site: SiteAddresses): Problem[] {
  const verdict = checkInternalLink(href, fromRoute, site);
  if (verdict.ok) return [];
  if (verdict.reason === 'no-slash') {
    return [
      {
        code: 'link-no-slash',
        file,
        line,
        message: `The link "${href}" needs a slash at the end: every address on this site ends with one.`,
        fix: `Change it to "${verdict.suggestion}".`,
      },
    ];
  }
  return [
    {
      code: 'link-broken',
      file,
      line,
      message: `The link "${href}" leads to a page that does not exist on this site.`,
      fix: 'Check the address against the list of pages in CONTENT.md. Addresses start with a slash and end with one, for example /ratings/.',
    },
  ];
}
