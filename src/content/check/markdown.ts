// Reads a Markdown or MDX file the way the site build does: the front matter with
// js-yaml (as Astro does), the body with satteri (Astro's own Markdown parser),
// so the checker sees the same document that gets published.
import yaml from 'js-yaml';
import { markdownToMdast, mdxToMdast } from 'satteri';

/** The parts of a Markdown syntax tree the checks look at. */
export interface MarkdownNode {
  type: string;
  children?: MarkdownNode[];
  value?: string;
  url?: string;
  alt?: string | null;
  depth?: number;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number } };
}

export type ParsedMarkdown =
  | { ok: true; frontmatter: unknown; frontmatterStartLine: number; rawFrontmatter: string; tree: MarkdownNode }
  | { ok: false; stage: 'front-matter-missing' | 'front-matter-syntax' | 'markdown-syntax'; line?: number | undefined; reason: string };

const frontmatterPattern = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n?---(?:\r?\n|$)/;

export function parseMarkdownFile(source: string, isMdx: boolean): ParsedMarkdown {
  const match = frontmatterPattern.exec(source);
  if (!match) return { ok: false, stage: 'front-matter-missing', line: 1, reason: 'The file does not start with front matter.' };
  const rawFrontmatter = match[1] ?? '';
  let frontmatter: unknown;
  try {
    frontmatter = yaml.load(rawFrontmatter) ?? {};
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    return { ok: false, stage: 'front-matter-syntax', line: mark?.line === undefined ? undefined : mark.line + 2, reason };
  }
  try {
    const tree = (isMdx ? mdxToMdast(source) : markdownToMdast(source)) as unknown as MarkdownNode;
    return { ok: true, frontmatter, frontmatterStartLine: 2, rawFrontmatter, tree };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /^(\d+):(\d+):\s*/.exec(message);
    return {
      ok: false,
      stage: 'markdown-syntax',
      line: at ? Number(at[1]) : undefined,
      reason: message.replace(/^(\d+):(\d+):\s*/, '').replace(/\s*\([a-z-]+:[a-z-]+\)$/, ''),
    };
  }
}

/** The line of a top-level front-matter field, e.g. `title:` → its line in the file. */
export function frontmatterLine(rawFrontmatter: string, field: PropertyKey | undefined): number | undefined {
  if (typeof field !== 'string') return undefined;
  const index = rawFrontmatter.split(/\r?\n/).findIndex((line) => line.startsWith(`${field}:`));
  return index === -1 ? undefined : index + 2;
}

/** Every node in the tree, depth first, in document order. */
export function* walk(node: MarkdownNode): Generator<MarkdownNode> {
  yield node;
  for (const child of node.children ?? []) yield* walk(child);
}

export const lineOf = (node: MarkdownNode): number | undefined => node.position?.start.line;

/** The words a reader sees in a node: text, code and link words, without pictures or components. */
export function plainText(node: MarkdownNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'image' || node.type.startsWith('mdx') || node.type === 'html') return '';
  if (node.type === 'break') return ' ';
  return (node.children ?? []).map(plainText).join('');
}

/** Whether a paragraph is a picture on its own: the picture beside an easy read section. */
export function isPictureParagraph(node: MarkdownNode): boolean {
  if (node.type !== 'paragraph') return false;
  const content = (node.children ?? []).filter((child) => !(child.type === 'text' && !child.value?.trim()));
  return content.length === 1 && content[0]?.type === 'image';
}
