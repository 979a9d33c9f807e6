// Turns a schema's complaints (zod issues) into sentences an editor can act on:
// which field, what is wrong with it, and what to write instead. The hint for
// each field comes from its `.describe()` in src/content/schemas.ts.
import type { z } from 'astro/zod';
import type { Problem } from './problems.ts';
import { fieldLabelWithName } from '../editor-words.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** How a file's fields are written, which changes how a fix is worded. */
export type FileKind = 'front matter' | 'data';

interface Located {
  /** Finds the line a field is on, if it can. */
  lineOf?: (path: Path) => number | undefined;
}

export function schemaProblems(
  file: string,
  kind: FileKind,
  schema: z.ZodType,
  data: unknown,
  issues: readonly Issue[],
  { lineOf }: Located = {},
): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(schemaAt(schema, issue.path));
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const closest = closestName(key, known);
        return {
          code: 'field-unknown',
          file,
          line: lineOf?.(path),
          field: fieldName(path, data),
          message: `"${key}" is not a field that this ${kind === 'data' ? 'entry' : 'file'} can have.`,
          fix: closest
            ? `Did you mean "${closest}"? Correct the spelling, or remove the line.`
            : `Remove the line. The fields you can use are: ${known.join(', ')}.`,
        };
      });
    }
    const path = issue.path;
    const value = valueAt(data, path);
    const hint = describeField(schemaAt(schema, path));
    const field = fieldName(path, data);
    const line = lineOf?.(path);
    const base = { file, line, field: field || undefined };

    if (issue.code === 'invalid_type' && value === undefined) {
      return [{ ...base, code: 'field-missing', message: `${field ? fieldWords(schema, path) : 'This file'} is missing.`, fix: addFieldFix(kind, path, hint) }];
    }
    if (issue.code === 'invalid_type') {
      return [
        {
          ...base,
          code: 'field-wrong-type',
          message: `${fieldWords(schema, path)} should be ${expectedInWords(issue.expected)}, but it is ${valueInWords(value)}.`,
          fix: hint ? `Write ${hint}.` : `Change it to ${expectedInWords(issue.expected)}.`,
        },
      ];
    }
    if (issue.code === 'invalid_value') {
      const allowed = issue.values.map((option) => `"${String(option)}"`).join(', ');
      return [
        {
          ...base,
          code: 'field-wrong-value',
          message: `${fieldWords(schema, path)} is ${valueInWords(value)}, which is not one of the values it can take (${allowed}).`,
          fix: hint ? `Write ${hint}.` : `Use one of ${allowed}.`,
        },
      ];
    }
    if (issue.code === 'custom') {
      const fix = typeof issue.params?.['fix'] === 'string' ? issue.params['fix'] : hint ? `Write ${hint}.` : 'Check this field against CONTENT.md.';
      return [{ ...base, code: 'data-inconsistent', message: `${fieldWords(schema, path)} ${issue.message}.`, fix }];
    }
    return [
      {
        ...base,
        code: 'field-wrong-value',
        message: `${fieldWords(schema, path)} ${ownWords(issue)}.`,
        fix: hint ? `Write ${hint}.` : 'Check this field against CONTENT.md.',
      },
    ];
  });
}

/** The schema's own message when it was written for editors; otherwise a plain version of zod's. */
function ownWords(issue: Issue): string {
  if (!/^(Invalid|Too (small|big)|Expected)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'item' : 'items'}`
        : issue.origin === 'string'
          ? `is too short: it needs at least ${issue.minimum} characters`
          : `must be ${issue.minimum} or more`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has too many items: at most ${issue.maximum}`
        : issue.origin === 'string'
          ? `is too long: it can have at most ${issue.maximum} characters`
          : `must be ${issue.maximum} or less`;
    case 'invalid_format':
      return issue.format === 'url' ? 'is not a full web address starting with https://' : `is not written as ${issue.format === 'regex' ? 'expected' : `a valid ${issue.format}`}`;
    case 'not_multiple_of':
      return 'must be a whole number';
    default:
      return 'is not right';
  }
}

function addFieldFix(kind: FileKind, path: Path, hint: string | undefined): string {
  const key = String(lastKey(path));
  const example = hint ? ` (${hint})` : '';
  return kind === 'front matter'
    ? `Add a line "${key}: ..." between the two --- lines at the top of the file${example}.`
    : `Add "${key}": ... to this entry${example}.`;
}

function lastKey(path: Path): PropertyKey {
  return [...path].reverse().find((key) => typeof key === 'string') ?? path.at(-1) ?? '';
}

/** A field as the browser editor labels it, with its name in the file: `Summary (description)`. */
function fieldWords(schema: z.ZodType, path: Path): string {
  if (!path.some((key) => typeof key === 'string')) return path.length ? 'This entry' : 'The file';
  const key = String(lastKey(path));
  const keyPath = path.slice(0, path.lastIndexOf(key) + 1);
  return fieldLabelWithName(key, schemaAt(schema, keyPath));
}

/** `title`, `picture.alt`, or for data files `the 2nd entry (id "amber"), field mustHappen, item 3`. */
export function fieldName(path: Path, data: unknown): string {
  if (typeof path[0] !== 'number') return fieldPath(path);
  const entry = Array.isArray(data) ? data[path[0]] : undefined;
  const id = entry && typeof entry === 'object' && 'id' in entry ? (entry as { id: unknown }).id : undefined;
  const which = `the ${ordinal(path[0] + 1)} entry${typeof id === 'string' ? ` (id "${id}")` : ''}`;
  return path.length > 1 ? `${which}, field ${fieldPath(path.slice(1))}` : which;
}

/** `picture.alt`, or `links, item 3, href` when the path goes through a list. */
function fieldPath(path: Path): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}, item ${key + 1}`;
    return text === '' ? String(key) : /item \d+$/.test(text) ? `${text}, ${String(key)}` : `${text}.${String(key)}`;
  }, '');
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const key of path) node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

function expectedInWords(expected: string): string {
  return (
    {
      string: 'text',
      number: 'a number',
      int: 'a whole number',
      boolean: 'true or false (without quotes)',
      array: 'a list',
      object: 'a group of fields',
      date: 'a date',
    }[expected] ?? `a ${expected}`
  );
}

function valueInWords(value: unknown): string {
  if (value === null) return 'empty';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'not a real date' : 'a date';
  if (typeof value === 'string') return `the text "${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  return 'missing';
}

// --- Finding the part of a schema that a path points to -------------------

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(schema: z.ZodType): z.ZodType[] {
  const chain = [schema];
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!inner) return chain;
    chain.push(inner);
    current = inner;
  }
}

function schemaAt(schema: z.ZodType, path: Path): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    if (!current) return undefined;
    const base = unwrap(current).at(-1);
    if (!base) return undefined;
    const def = defOf(base);
    current = typeof key === 'number' ? def.element : def.shape?.[String(key)];
  }
  return current;
}

function describeField(schema: z.ZodType | undefined): string | undefined {
  return schema ? unwrap(schema).map((part) => part.description).find(Boolean) : undefined;
}

function knownFields(schema: z.ZodType | undefined): string[] {
  const base = schema ? unwrap(schema).at(-1) : undefined;
  return Object.keys((base && defOf(base).shape) ?? {});
}

/** The known field closest in spelling to a mistyped one, if any is close. */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(typed.length / 4)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
