// The names an editor sees for the fields and files of content/: the labels of
// the browser editor (/admin/) and the field names in `npm run check:content`'s
// messages, so both speak of the same "Summary" for a page's `description`.
//
// A field's label is its `.meta({ title })` in src/content/schemas.ts when it has
// one; otherwise its name in the file, written out in words ("reviewDue" is
// "Review due"), with the few names below that read badly spelt out.
import { z } from 'astro/zod';

/** Field names whose spelt-out form would not mean much to an editor. */
const fieldWords: Record<string, string> = {
  body: 'Text of the page',
  description: 'Summary',
  lede: 'Opening paragraph',
  emergencyNotice: 'Show the "not for emergencies" notice',
  contents: 'Show a list of the sections',
  searchable: 'Show in site search',
  reviewed: 'Last checked',
  reviewDue: 'Next check due',
  describes: 'Who it describes',
  mustHappen: 'What must happen',
  cetr: 'When a C(E)TR takes place',
  keyworkerReferral: 'Referred for a keyworker',
  showRatingOutcomes: 'Show what happens for each rating',
  href: 'Link address',
  url: 'Web address',
  src: 'Picture file',
  alt: 'What the picture shows (alt text)',
  id: 'Short name',
};

/** Words written differently from their spelt-out form wherever they appear in a name. */
const wordForms: Record<string, string> = { cetr: 'C(E)TR', dsr: 'DSR', nhs: 'NHS', id: 'id', url: 'web address' };

/** "reviewDue" → "Review due", "cetr-resources" → "C(E)TR resources". */
export function spellOut(name: string): string {
  const words = name
    .replace(/\.[a-z]+$/, '')
    .split(/[-_\s]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => wordForms[word.toLowerCase()] ?? word.toLowerCase());
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The editor's name for a field: its schema's title, or its name in words. */
export function fieldLabel(name: string, schema?: z.ZodType): string {
  const title = schema ? titleOf(schema) : undefined;
  return title ?? fieldWords[name] ?? spellOut(name);
}

/** "Summary (description)": the label with the name written in the file, when they differ. */
export function fieldLabelWithName(name: string, schema?: z.ZodType): string {
  const label = fieldLabel(name, schema);
  return label.replace(/\s/g, '').toLowerCase() === name.toLowerCase() ? label : `${label} (${name})`;
}

/** Data files whose name alone does not say what they hold. */
const fileWords: Record<string, string> = {
  'site.json': 'Service name and contacts',
  'areas.json': 'Local areas',
  'glossary.json': 'Hard words for easy read (glossary)',
};

/** The editor's name for a data file of content/: "ratings.json" → "Ratings". */
export function fileLabel(fileName: string): string {
  return fileWords[fileName] ?? spellOut(fileName);
}

/** The browser editor's collection of data files. */
export const dataFilesLabel = 'Facts and lists';

/** How the browser editor lists a page, guide or leaflet: its title and its address. */
export const pageLabel = (title: string, route: string) => `${title} (${route})`;

/**
 * Where a file is in the browser editor, as its header shows it: "Pages › About the
 * DSR (/about/)" or "Facts and lists › Ratings". `npm run check:content` names each
 * problem's file this way too.
 */
export function editorPlace(file: { collection: string; title: string; route: string } | { dataFile: string }): string {
  return 'dataFile' in file ? `${dataFilesLabel} › ${fileLabel(file.dataFile)}` : `${spellOut(file.collection)} › ${pageLabel(file.title, file.route)}`;
}

/** The title given with `.meta({ title })`, looking through optional() and default() wrappers. */
function titleOf(schema: z.ZodType): string | undefined {
  let current: z.ZodType | undefined = schema;
  while (current) {
    const title = z.globalRegistry.get(current)?.title;
    if (typeof title === 'string' && title.trim()) return title;
    const def = current.def as { innerType?: z.ZodType };
    current = def.innerType;
  }
  return undefined;
}
