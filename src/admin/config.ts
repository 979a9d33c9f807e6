// The browser editor's configuration (Sveltia CMS at /admin/), generated at build
// time from the content schemas by walking them, so the editor cannot drift from
// the rules `npm run check:content` applies: every collection of content/, every
// field with its label, its hint (the schema's `.describe()`), whether it must be
// filled in, its limits and the values a choice allows. A new schema, or a new
// field in one, appears in the editor with no change here; a kind of field this
// walk does not know stops the build with the field's name (see `fieldFor`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'astro/zod';
import { dataFiles, frontmatterSchemas } from '../content/check/index.ts';
import { publicAddress } from '../content/public-address.ts';
import { parseMarkdownFile } from '../content/check/markdown.ts';
import { contentComponentNames } from '../content/components.ts';
import { dataFilesLabel, fieldLabel, fileLabel, pageLabel, spellOut } from '../content/editor-words.ts';
import { entryId, entryRoute, markdownCollections, type MarkdownCollection } from '../content/routes.ts';

/** A field of the editor, as Sveltia CMS reads it (https://sveltiacms.app/en/docs/fields). */
export type EditorField = { name: string; label: string; widget: string; required?: boolean; [option: string]: unknown };

export interface EditorFile {
  name: string;
  label: string;
  /** The file, from the project folder: content/pages/about.md. */
  file: string;
  fields: EditorField[];
  preview_path?: string;
}

export interface EditorCollection {
  name: string;
  label: string;
  description?: string;
  files: EditorFile[];
}

export interface EditorSettings {
  /** The GitHub repository the editor saves to, "owner/name". */
  repository: string;
  /** The branch the site is published from. */
  branch: string;
  /** The address of the OAuth helper that signs editors in with GitHub (Sveltia CMS Authenticator). */
  authUrl: string | undefined;
  /** The public address of the site, for "View on live site" links. */
  siteUrl: string;
}

/** The name of the Markdown text of a page: not in the schema, it is everything after the front matter. */
export const bodyFieldName = 'body';

/** The editor's collection of data files (each Markdown collection is named as in routes.ts). */
export const dataCollectionName = 'data';

/** The editor's settings, read at build time from the environment (README, Settings). */
export function editorSettings(env: NodeJS.ProcessEnv = process.env): EditorSettings {
  const value = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);
  return {
    repository: value('CMS_GITHUB_REPO') ?? 'your-organisation/dsr-web-page',
    branch: value('CMS_GITHUB_BRANCH') ?? 'main',
    authUrl: value('CMS_AUTH_URL'),
    siteUrl: publicAddress(env),
  };
}

export interface EditorConfigOptions {
  projectDir: string;
  contentDir: string;
  settings: EditorSettings;
  /** The data files and their schemas: the checker's list unless a test gives another. */
  files?: { name: string; schema: z.ZodType }[];
  /** The front matter schema of each Markdown collection: the checker's unless a test gives others. */
  frontmatter?: Record<MarkdownCollection, z.ZodType>;
}

export function editorConfig({ projectDir, contentDir, settings, files = dataFiles, frontmatter = frontmatterSchemas }: EditorConfigOptions) {
  const fromProject = (path: string) => relative(projectDir, path).split('\\').join('/');
  return {
    backend: {
      name: 'github',
      repo: settings.repository,
      branch: settings.branch,
      ...(settings.authUrl ? { base_url: settings.authUrl } : {}),
      // Editors sign in with GitHub through the OAuth helper, never with a pasted access token.
      auth_methods: ['oauth'],
      // Commits that say they came from the browser editor, and which file they change.
      commit_messages: { update: 'Browser editor: change {{path}}', create: 'Browser editor: add {{path}}', delete: 'Browser editor: remove {{path}}' },
      squash_merges: true,
    },
    // Every change goes to a branch and a pull request: the preview deployment of that
    // branch shows it, and the build's content check must pass before it is published.
    publish_mode: 'editorial_workflow',
    app_title: 'DSR web page editor',
    logo: { src: '/favicon.svg' },
    site_url: settings.siteUrl,
    media_folder: 'public/images',
    public_folder: '/images',
    output: {
      // Optional fields left empty are left out of the file, as people write them by hand.
      omit_empty_optional_fields: true,
      json: { indent_style: 'space', indent_size: 2 },
      yaml: { quote: 'none', indent_size: 2, indent_sequences: true },
    },
    collections: [
      ...(Object.keys(markdownCollections) as MarkdownCollection[]).map((collection) =>
        markdownCollection(collection, frontmatter[collection], join(contentDir, markdownCollections[collection].folder), fromProject),
      ),
      dataCollection(files, contentDir, fromProject),
    ],
  };
}

/** A folder of Markdown files: one entry per file, named by its title, editing its front matter and text. */
function markdownCollection(collection: MarkdownCollection, schema: z.ZodType, folder: string, fromProject: (path: string) => string): EditorCollection {
  const files = markdownFiles(folder).map((pathInFolder): EditorFile => {
    const path = join(folder, pathInFolder);
    const route = entryRoute(collection, entryId(pathInFolder));
    const parsed = parseMarkdownFile(readFileSync(path, 'utf8'), pathInFolder.endsWith('.mdx'));
    const title = parsed.ok ? (parsed.frontmatter as { title?: unknown }).title : undefined;
    return {
      // Named by its address, which no other file has: about, easy-read-young-people.
      name: route.split('/').filter(Boolean).join('-') || 'home',
      label: pageLabel(typeof title === 'string' ? title : pathInFolder, route),
      file: fromProject(path),
      preview_path: route,
      fields: [...fieldsOf(schema, collection), bodyField()],
    };
  });
  return { name: collection, label: spellOut(collection), files };
}

function markdownFiles(folder: string, under = ''): string[] {
  return readdirSync(join(folder, under), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = under ? `${under}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return markdownFiles(folder, path);
      return /\.mdx?$/.test(entry.name) ? [path] : [];
    });
}

/**
 * The text of a page, in the rich text editor or as Markdown (its menu switches). Each
 * content component is a block that writes its line back exactly as it was.
 */
function bodyField(): EditorField {
  return {
    name: bodyFieldName,
    label: fieldLabel(bodyFieldName),
    widget: 'markdown',
    hint: 'Markdown: ## for a section heading, [words](/address/) for a link. Components such as <RatingsList /> go on a line of their own.',
    editor_components: [...contentComponentNames],
    use_emoji_autocomplete: false,
  };
}

/** The JSON files of content/, each with the fields of its schema. */
function dataCollection(files: { name: string; schema: z.ZodType }[], contentDir: string, fromProject: (path: string) => string): EditorCollection {
  return {
    name: dataCollectionName,
    label: dataFilesLabel,
    description: 'The facts that several pages show: change them here and every page that uses them changes.',
    files: files.map(({ name, schema }) => {
      const key = name.replace(/\.json$/, '');
      const base = baseOf(schema);
      // A file that is a list (ratings.json) is one list field kept at the top of the file.
      const fields =
        base.def.type === 'array'
          ? [{ ...fieldFor(key, schema, key), label: fileLabel(name), root: true }]
          : fieldsOf(schema, key);
      // Prefixed: a page may have the same name (ratings.json and the /ratings/ page).
      return { name: `${dataCollectionName}-${key}`, label: fileLabel(name), file: fromProject(join(contentDir, name)), fields };
    }),
  };
}

// --- From a zod schema to the editor's fields -------------------------------------

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  entries?: Record<string, string | number>;
  defaultValue?: unknown;
  checks?: { _zod: { def: CheckDef } }[];
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  error?: (issue: object) => unknown;
}
const defOf = (schema: z.ZodType) => schema.def as unknown as ZodDef;

/** The schema inside optional(), default() and pipes, with what those wrappers say. */
function unwrap(schema: z.ZodType): { base: z.ZodType; optional: boolean; defaultValue: unknown; hint: string | undefined } {
  let current = schema;
  let optional = false;
  let defaultValue: unknown;
  let hint = schema.description;
  for (;;) {
    const def = defOf(current);
    if (def.type === 'optional') optional = true;
    if (def.type === 'default') {
      optional = true;
      defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    }
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return { base: current, optional, defaultValue, hint };
    hint ??= inner.description;
    current = inner;
  }
}
const baseOf = (schema: z.ZodType) => unwrap(schema).base;
const checksOf = (schema: z.ZodType) => (defOf(schema).checks ?? []).map((check) => check._zod.def);
const messageOf = (check: CheckDef) => {
  const message = check.error?.({});
  return typeof message === 'string' ? message : undefined;
};
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The fields of an object schema, in the schema's order (the order the editor writes them in). */
export function fieldsOf(schema: z.ZodType, path: string): EditorField[] {
  const base = baseOf(schema);
  const { shape } = defOf(base);
  if (defOf(base).type !== 'object' || !shape) throw new Error(`The browser editor expects ${path} to be a group of fields (a zod object).`);
  return Object.entries(shape).map(([name, field]) => fieldFor(name, field, `${path}.${name}`));
}

/** One field of the editor for one field of a schema. */
export function fieldFor(name: string, schema: z.ZodType, path: string): EditorField {
  const { base, optional, defaultValue, hint } = unwrap(schema);
  const def = defOf(base);
  const common: EditorField = {
    name,
    label: fieldLabel(name, schema),
    widget: 'string',
    required: !optional,
    // A switch needs no "true or false" hint.
    ...(hint && def.type !== 'boolean' ? { hint: sentence(hint) } : {}),
    ...(defaultValue !== undefined && !Array.isArray(defaultValue) ? { default: defaultValue } : {}),
  };
  switch (def.type) {
    case 'string':
      return { ...common, ...textOptions(base) };
    case 'number':
      return { ...common, widget: 'number', ...numberOptions(base) };
    case 'boolean':
      // A switch is always on or off, so it is never "missing".
      return { ...common, widget: 'boolean', required: false, default: defaultValue ?? false };
    case 'date':
      return { ...common, widget: 'datetime', type: 'date' };
    case 'enum':
      return { ...common, widget: 'select', options: Object.values(def.entries ?? {}) };
    case 'object':
      return { ...common, widget: 'object', fields: fieldsOf(base, path) };
    case 'array':
      return { ...common, ...listOptions(base, common.label, path) };
    default:
      throw new Error(
        `The browser editor has no field for ${path}, a zod ${def.type}: give it one in fieldFor() in src/admin/config.ts.`,
      );
  }
}

function textOptions(schema: z.ZodType) {
  const options: Record<string, unknown> = { use_emoji_autocomplete: false };
  let short = false;
  // z.email() and z.url() are strings whose own definition is the format check.
  const own = defOf(schema) as unknown as CheckDef;
  for (const check of [...(own.check === 'string_format' ? [own] : []), ...checksOf(schema)]) {
    if (check.check === 'min_length' && (check.minimum ?? 0) > 1) options['minlength'] = check.minimum;
    if (check.check === 'max_length') {
      options['maxlength'] = check.maximum;
      short = (check.maximum ?? Infinity) <= 80;
    }
    if (check.check === 'string_format') {
      short = true;
      if (check.format === 'email') options['type'] = 'email';
      else if (check.format === 'url') options['type'] = 'url';
      else if (check.pattern) options['pattern'] = [check.pattern.source, sentence(messageOf(check) ?? 'is not written as expected')];
    }
  }
  // One line for names, headings and addresses; a box for sentences.
  return { widget: short ? 'string' : 'text', ...options };
}

function numberOptions(schema: z.ZodType) {
  const options: Record<string, unknown> = { value_type: 'float' };
  for (const check of checksOf(schema)) {
    if (check.check === 'number_format' && /int/.test(check.format ?? '')) options['value_type'] = 'int';
    // Only inclusive limits (min(), max()): the editor has no "more than".
    if (check.check === 'greater_than' && check.inclusive) options['min'] = check.value;
    if (check.check === 'less_than' && check.inclusive) options['max'] = check.value;
  }
  return options;
}

function listOptions(schema: z.ZodType, label: string, path: string): Record<string, unknown> {
  const element = defOf(schema).element;
  if (!element) throw new Error(`The browser editor cannot tell what ${path} is a list of.`);
  const minimum = checksOf(schema).find((check) => check.check === 'min_length')?.minimum;
  const limits = minimum ? { min: minimum } : {};
  const item = baseOf(element);
  const itemType = defOf(item).type;
  if (itemType === 'enum') {
    // A list of choices is a set of boxes to tick.
    return { widget: 'select', multiple: true, options: Object.values(defOf(item).entries ?? {}), ...limits };
  }
  if (itemType === 'object') {
    const fields = fieldsOf(item, `${path}[]`);
    const named = ['title', 'name', 'term', 'question', 'answer', 'id'].find((key) => fields.some((field) => field.name === key));
    return { widget: 'list', fields, ...(named ? { summary: `{{fields.${named}}}` } : {}), ...limits };
  }
  // A list of single values: each item is one box.
  return { widget: 'list', field: { ...fieldFor('item', element, `${path}[]`), label }, ...limits };
}
