// `npm run check:content`: every file in content/ against its schema, plus the
// page rules (headings, pictures, links) and the easy read rules. Runs on plain
// Node in a second or two, long before a build would find the same faults.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'astro/zod';
import {
  ageGroupsFileSchema,
  areasFileSchema,
  cetrResourcesFileSchema,
  easyReadSchema,
  glossaryFileSchema,
  keyworkerEligibilityFileSchema,
  keyworkingStandardsFileSchema,
  leafletSchema,
  pageSchema,
  ratingsFileSchema,
  referenceKindsFileSchema,
  referralPathwayFileSchema,
  reviewTypesFileSchema,
  siteSchema,
  timescalesSchema,
  ratingSupportSchema,
  type GlossaryTerm,
  type RatingSupport,
  type Timescales,
  type KeyworkerEligibilityRule,
  type PathwayStep,
  type Rating,
} from '../schemas.ts';
import { formPageAddresses } from '../../forms/index.ts';
import { entryId, entryRoute, markdownCollections, type MarkdownCollection } from '../routes.ts';
import { checkHardWords, checkItalicsAndHtml, checkPictures, checkSentences, sentencesOf, textBlocks } from './easy-read.ts';
import { contentRoutes, filesUnder, publicFiles, staticRoutes, type SiteAddresses } from './links.ts';
import { frontmatterLine, parseMarkdownFile, plainText, walk, type MarkdownNode } from './markdown.ts';
import { checkLink, checkPage } from './page-rules.ts';
import type { Problem } from './problems.ts';
import { schemaProblems } from './schema-messages.ts';
import { editorPlace } from '../editor-words.ts';
import { ratingSupportProblems, ratingTimescaleProblems } from '../cross-checks.ts';
import { checkWording, type WordingProblem } from './wording.ts';

export interface CheckOptions {
  /** The folder of content to check: content/ normally, a fixture folder in tests. */
  contentDir: string;
  /** The project folder, for src/pages/ and public/ and for showing short file names. */
  projectDir: string;
}

export interface CheckResult {
  problems: Problem[];
  filesChecked: number;
}

/** The data files of content/, each with the schema it must meet; the browser editor offers the same list. */
export const dataFiles: { name: string; schema: z.ZodType }[] = [
  { name: 'site.json', schema: siteSchema },
  { name: 'ratings.json', schema: ratingsFileSchema },
  { name: 'keyworker-eligibility.json', schema: keyworkerEligibilityFileSchema },
  { name: 'referral-pathway.json', schema: referralPathwayFileSchema },
  { name: 'keyworking-standards.json', schema: keyworkingStandardsFileSchema },
  { name: 'cetr-resources.json', schema: cetrResourcesFileSchema },
  { name: 'glossary.json', schema: glossaryFileSchema },
  { name: 'areas.json', schema: areasFileSchema },
  { name: 'age-groups.json', schema: ageGroupsFileSchema },
  { name: 'review-types.json', schema: reviewTypesFileSchema },
  { name: 'reference-kinds.json', schema: referenceKindsFileSchema },
  { name: 'timescales.json', schema: timescalesSchema },
  { name: 'rating-support.json', schema: ratingSupportSchema },
];

export const frontmatterSchemas: Record<MarkdownCollection, z.ZodType> = {
  pages: pageSchema,
  easyRead: easyReadSchema,
  leaflets: leafletSchema,
};

export function checkContent({ contentDir, projectDir }: CheckOptions): CheckResult {
  const show = (path: string) => relative(projectDir, path).split('\\').join('/');
  const problems: Problem[] = [];
  let filesChecked = 0;

  // The pages with a route of their own: route files, and the forms' pages (src/forms).
  const routesInUse = new Map([
    ...staticRoutes(join(projectDir, 'src/pages')),
    ...formPageAddresses().map(({ address, form }): [string, string] => [address, `the ${form} form (src/forms/)`]),
  ]);
  const site: SiteAddresses = {
    pages: new Set([...routesInUse.keys(), ...contentRoutes(contentDir).keys()]),
    files: publicFiles(join(projectDir, 'public')),
  };

  // Where each file is in the browser editor, so that a problem names it in the editor's words.
  const places = new Map<string, string>();

  // Data files: read, validate, and keep the valid ones for the cross-checks below.
  const valid = new Map<string, unknown>();
  for (const { name, schema } of dataFiles) {
    const path = join(contentDir, name);
    const file = show(path);
    places.set(file, editorPlace({ dataFile: name }));
    if (!existsSync(path)) {
      problems.push({ code: 'file-missing', file, message: `${name} is missing. The site needs it to build.`, fix: `Put ${name} back in ${show(contentDir)}/ (git can restore it).` });
      continue;
    }
    filesChecked++;
    const source = readFileSync(path, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const at = /line (\d+) column (\d+)/.exec(reason);
      problems.push({
        code: 'json-syntax',
        file,
        line: at ? Number(at[1]) : undefined,
        message: `The file is not valid JSON, so none of it can be read (${reason.replace(/^.*?:\s*/, '').replace(/ in JSON at position.*$/, '')}).`,
        fix: 'Look near that line for a missing or extra comma, a missing quote mark ("), or a bracket that is not closed.',
      });
      continue;
    }
    const result = schema.safeParse(data);
    if (result.success) {
      valid.set(name, result.data);
      problems.push(...duplicateIds(file, data, source));
      problems.push(...dataWording(file, data, source));
    } else {
      problems.push(...schemaProblems(file, 'data', schema, data, result.error.issues, { lineOf: (fieldPath) => dataLine(source, data, fieldPath) }));
    }
  }
  problems.push(...crossChecks(contentDir, show, valid, site));

  // Markdown collections.
  const glossary = valid.get('glossary.json') as GlossaryTerm[] | undefined;
  for (const collection of Object.keys(markdownCollections) as MarkdownCollection[]) {
    const folder = join(contentDir, markdownCollections[collection].folder);
    for (const pathInFolder of filesUnder(folder)) {
      const path = join(folder, pathInFolder);
      const file = show(path);
      if (!/\.mdx?$/.test(pathInFolder)) {
        problems.push({ code: 'file-not-used', file, warning: true, message: 'This file is not Markdown (.md or .mdx), so the site ignores it.', fix: 'Move it out of content/, or rename it if it is Markdown.' });
        continue;
      }
      filesChecked++;
      const route = entryRoute(collection, entryId(pathInFolder));
      const takenBy = routesInUse.get(route);
      if (takenBy) {
        problems.push({
          code: 'route-taken',
          file,
          message: `This page would be at ${route}, but that address already belongs to ${takenBy}.`,
          fix: 'Rename the file so that it has an address of its own.',
        });
      }
      const checked = checkMarkdownFile(file, readFileSync(path, 'utf8'), pathInFolder.endsWith('.mdx'), collection, route, site, glossary);
      places.set(file, editorPlace({ collection, title: checked.title ?? pathInFolder, route }));
      problems.push(...checked.problems);
    }
  }

  // Anything else in content/ is probably a mistake.
  const known = new Set([...dataFiles.map(({ name }) => name), ...Object.values(markdownCollections).map(({ folder }) => folder)]);
  for (const path of filesUnder(contentDir)) {
    const top = path.split('/')[0] ?? '';
    if (!known.has(top)) {
      problems.push({
        code: 'file-not-used',
        file: show(join(contentDir, path)),
        warning: true,
        message: 'This file is not part of any collection, so the site ignores it.',
        fix: `Move it into ${Object.values(markdownCollections).map(({ folder }) => `content/${folder}/`).join(', ')}, or remove it.`,
      });
    }
  }
  return { problems: problems.map((problem) => ({ ...problem, where: places.get(problem.file) })), filesChecked };
}

function checkMarkdownFile(
  file: string,
  source: string,
  isMdx: boolean,
  collection: MarkdownCollection,
  route: string,
  site: SiteAddresses,
  glossary: readonly GlossaryTerm[] | undefined,
): { problems: Problem[]; title: string | undefined } {
  const parsed = parseMarkdownFile(source, isMdx);
  if (!parsed.ok) {
    const messages = {
      'front-matter-missing': {
        message: 'The file has no front matter: the block of fields between two --- lines at the very top.',
        fix: 'Start the file with a line ---, then "title: ...", "description: ..." and the other fields, then another line ---. See CONTENT.md.',
      },
      'front-matter-syntax': {
        message: `The front matter cannot be read: ${parsed.reason}.`,
        fix: 'Each field goes on its own line as "name: value". Put quotes round a value that contains a colon, for example title: "The DSR: a guide".',
      },
      'markdown-syntax': {
        message: `The ${isMdx ? 'MDX' : 'Markdown'} cannot be read: ${parsed.reason}.`,
        fix: isMdx
          ? 'Check that every <Component /> is spelt right and closed with />, and that { and < are not used in ordinary text.'
          : 'Check the formatting near that line.',
      },
    }[parsed.stage];
    return { problems: [{ code: parsed.stage, file, line: parsed.line, ...messages }], title: undefined };
  }
  const problems: Problem[] = [];
  const { title } = parsed.frontmatter as { title?: unknown };
  const schema = frontmatterSchemas[collection];
  const frontmatter = schema.safeParse(parsed.frontmatter);
  if (!frontmatter.success) {
    problems.push(
      ...schemaProblems(file, 'front matter', schema, parsed.frontmatter, frontmatter.error.issues, {
        lineOf: (fieldPath) => frontmatterLine(parsed.rawFrontmatter, fieldPath[0]),
      }),
    );
  } else if (collection === 'easyRead') {
    const { picture } = frontmatter.data as { picture: { src: string } };
    if (!site.files.has(picture.src)) {
      problems.push({
        code: 'image-missing',
        file,
        line: frontmatterLine(parsed.rawFrontmatter, 'picture'),
        field: 'picture.src',
        message: `The picture "${picture.src}" does not exist.`,
        fix: 'Put the picture in public/images/ and check the address: public/images/easy-read/home.svg is written /images/easy-read/home.svg.',
      });
    }
  }
  problems.push(...checkPage(file, parsed.tree, route, site, { emptyAltAllowed: collection === 'easyRead' }));
  problems.push(...pageWording(file, source, parsed.frontmatter, parsed.tree, collection === 'easyRead'));
  if (collection === 'easyRead') {
    const sentences = sentencesOf(textBlocks(parsed.tree));
    problems.push(...checkSentences(file, sentences), ...checkPictures(file, parsed.tree), ...checkItalicsAndHtml(file, parsed.tree));
    if (glossary) problems.push(...checkHardWords(file, sentences, glossary));
  }
  return { problems, title: typeof title === 'string' && title.trim() ? title : undefined };
}

/** The line of the first line of `source` that contains `words`, if any. */
function lineContaining(source: string, words: string): number | undefined {
  const index = source.split(/\r?\n/).findIndex((line) => line.includes(words));
  return index === -1 ? undefined : index + 1;
}

function wordingProblem(file: string, source: string, problem: WordingProblem, field?: string): Problem {
  return { code: problem.code, file, line: lineContaining(source, problem.found), field, message: problem.message, fix: problem.fix };
}

/** The wording rules over everything a reader sees of a page: its title, description, opening paragraph and body. */
function pageWording(file: string, source: string, frontmatter: unknown, tree: MarkdownNode, easyRead: boolean): Problem[] {
  const fields = frontmatter && typeof frontmatter === 'object' ? Object.values(frontmatter).filter((value): value is string => typeof value === 'string') : [];
  const blocks = [...walk(tree)].filter((node) => node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell').map(plainText);
  return checkWording([...fields, ...blocks].join('\n'), { easyRead }).map((problem) => wordingProblem(file, source, problem));
}

/** The wording rules over each words field of a data file (its short forms are explained on the pages that show it). */
function dataWording(file: string, data: unknown, source: string): Problem[] {
  const strings: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(data);
  return strings.flatMap((text) => checkWording(text, { wholePage: false })).map((problem) => wordingProblem(file, source, problem));
}

/** Facts that two data files must agree on. */
function crossChecks(contentDir: string, show: (path: string) => string, valid: Map<string, unknown>, site: SiteAddresses): Problem[] {
  const problems: Problem[] = [];
  const ratings = valid.get('ratings.json') as Rating[] | undefined;
  const rules = valid.get('keyworker-eligibility.json') as KeyworkerEligibilityRule[] | undefined;
  if (ratings && rules) {
    // The rules name ratings by id: each must be one of the ratings.
    const ids = ratings.map((rating) => rating.id);
    for (const rule of rules) {
      for (const rating of rule.ratings.filter((id) => !ids.includes(id))) {
        problems.push({
          code: 'data-inconsistent',
          file: show(join(contentDir, 'keyworker-eligibility.json')),
          field: `the rule with id "${rule.id}", field ratings`,
          message: `"${rating}" is not a rating in ratings.json.`,
          fix: `Use the ids of ratings.json: ${ids.map((id) => `"${id}"`).join(', ')}.`,
        });
      }
    }
  }
  if (ratings) {
    const ids = ratings.map((rating) => rating.id);
    const inconsistent = (file: string, field: string, message: string, fix: string): Problem => ({
      code: 'data-inconsistent',
      file: show(join(contentDir, file)),
      field,
      message,
      fix,
    });
    const timescales = valid.get('timescales.json') as Timescales | undefined;
    for (const problem of ratingTimescaleProblems(timescales, ids)) problems.push(inconsistent('timescales.json', problem.field, problem.message, problem.fix));
    const tool = valid.get('rating-support.json') as RatingSupport | undefined;
    for (const problem of ratingSupportProblems(tool, ids)) problems.push(inconsistent('rating-support.json', problem.field, problem.message, problem.fix));
  }
  const pathway = valid.get('referral-pathway.json') as PathwayStep[] | undefined;
  for (const step of pathway ?? []) {
    for (const link of step.links) {
      problems.push(
        ...checkLink(show(join(contentDir, 'referral-pathway.json')), undefined, link.href, '/professionals/referral-pathway/', site).map((problem) => ({
          ...problem,
          field: `the step with id "${step.id}", field links`,
        })),
      );
    }
  }
  return problems;
}

/** Entries in a data file must have different ids: the site tells them apart by id. */
function duplicateIds(file: string, data: unknown, source: string): Problem[] {
  if (!Array.isArray(data)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const entry of data) {
    const id = entry && typeof entry === 'object' && 'id' in entry ? String((entry as { id: unknown }).id) : undefined;
    if (id === undefined) continue;
    if (seen.has(id)) {
      const lines = source.split(/\r?\n/);
      const line = lines.findLastIndex((text) => text.includes(`"id": "${id}"`));
      problems.push({
        code: 'data-inconsistent',
        file,
        line: line === -1 ? undefined : line + 1,
        field: 'id',
        message: `Two entries have the id "${id}".`,
        fix: 'Give each entry its own id.',
      });
    }
    seen.add(id);
  }
  return problems;
}

/** The line of a field in a JSON data file: found from the entry's id, then the field's name after it. */
function dataLine(source: string, data: unknown, path: readonly PropertyKey[]): number | undefined {
  const lines = source.split(/\r?\n/);
  let from = 0;
  let keys = [...path];
  if (typeof keys[0] === 'number') {
    const entry = Array.isArray(data) ? data[keys[0]] : undefined;
    const id = entry && typeof entry === 'object' && 'id' in entry ? (entry as { id: unknown }).id : undefined;
    if (typeof id !== 'string') return undefined;
    from = lines.findIndex((text) => text.includes(`"id": "${id}"`));
    if (from === -1) return undefined;
    // The id is rarely the first field: step back to the entry's opening brace.
    while (from > 0 && !/^\s*\{/.test(lines[from] ?? '')) from--;
    keys = keys.slice(1);
  }
  let line = from;
  for (const key of keys) {
    if (typeof key !== 'string') break;
    const found = lines.findIndex((text, index) => index >= line && text.includes(`"${key}"`));
    if (found === -1) break;
    line = found;
  }
  return line + 1;
}
