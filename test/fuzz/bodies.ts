// Request bodies for the fuzz properties: valid answers, valid answers broken in one
// way (a question missing, extra fields, a wrong type, a huge, odd or hostile string),
// and bodies that are not answers at all (any JSON, any form post, any bytes).
import fc from 'fast-check';
import { honeypot } from '../../src/forms/input.ts';
import type { FormDefinition } from '../../src/forms/index.ts';
import { htmlInjections, sqlInjections, type Answers } from './answers.ts';

export type Encoding = 'json' | 'form';

export interface FuzzBody {
  /** What kind of body this is, for reading a counterexample. */
  kind: string;
  /** The content-type header, or undefined to send none. */
  contentType: string | undefined;
  /** Accept: the island asks for JSON; a browser without JavaScript for HTML. */
  accept: 'json' | 'html';
  body: string | Uint8Array;
  /** The answers as the function will read them (a parsed JSON value or the form post), when the body is readable. */
  posted: unknown;
}

/** Names the function gives a meaning beyond the form's questions; fuzzed separately, never by chance. */
export const reservedNames = new Set([honeypot.name, 'step', 'change']);

const controlCharacters = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 });
const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 4 });
const oddUnicode = fc.constantFrom('\u202eevil\u202c', '\u200b', '\u00a0\u00a0', '\u2028line\u2029', '\u0085next', '\ufeffbom', 'e\u0301', '\u{1f4a9}', '\ufffd', 'A\u0000B', 'tab\there', 'two\nlines', 'cr\rlf');

/** Strings to put where an answer goes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...sqlInjections, ...htmlInjections),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  controlCharacters,
  fc.tuple(fc.string({ maxLength: 10 }), loneSurrogates, fc.string({ maxLength: 10 })).map((parts) => parts.join('')),
  oddUnicode,
  // Longer than any box allows, and sometimes longer than a post may be (32 KB).
  fc.tuple(fc.constantFrom('x', 'é', '😀', "'", '<'), fc.integer({ min: 201, max: 40_000 })).map(([unit, times]) => unit.repeat(times)),
  fc.constantFrom('', ' ', '   \t  ', 'null', 'undefined', 'true', '0', '-1', '1e309', 'NaN', '[]', '{}', '__proto__'),
);

/** Any JSON value, in every type but the one expected. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const extraName = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'professionalId', 'siteUrl', 'teamEmail', 'status', 'id')).filter((name) => !reservedNames.has(name));

/** Form fields as the browser names them (dates as three boxes). */
function postedNames(form: FormDefinition<any>): string[] {
  return form.fields.flatMap((field) => (field.type === 'date' ? [field.name, `${field.name}-day`, `${field.name}-month`, `${field.name}-year`] : [field.name]));
}

/** The answers as an HTML form would post them: checkboxes repeat their name; a ticked box says "yes". */
export function asFormPost(answers: Record<string, unknown>): URLSearchParams {
  const post = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      // A form post holds only text: anything else goes as its JSON.
      post.append(name, one === true ? 'yes' : typeof one === 'string' ? one : (JSON.stringify(one) ?? ''));
    }
  }
  return post;
}

function encode(kind: string, answers: Record<string, unknown>, encoding: Encoding, accept: 'json' | 'html'): FuzzBody {
  if (encoding === 'json') {
    const body = JSON.stringify(answers);
    return { kind, contentType: 'application/json', accept: 'json', body, posted: JSON.parse(body) };
  }
  const post = asFormPost(answers);
  return { kind, contentType: 'application/x-www-form-urlencoded', accept, body: post.toString(), posted: post };
}

const encodings = fc.constantFrom<[Encoding, 'json' | 'html']>(['json', 'json'], ['form', 'html'], ['form', 'json']);

/** Valid answers with one thing wrong (or, sometimes, still right: the function's answer must match the form's own check). */
function broken(form: FormDefinition<any>, valid: fc.Arbitrary<Answers>): fc.Arbitrary<FuzzBody> {
  const names = postedNames(form);
  return fc.oneof(
    // Questions left out.
    fc.tuple(valid, fc.subarray(names, { minLength: 1 }), encodings).map(([answers, missing, [encoding, accept]]) => {
      const left = Object.fromEntries(Object.entries(answers).filter(([name]) => !missing.includes(name)));
      return encode('missing fields', left, encoding, accept);
    }),
    // Fields the form does not ask.
    fc.tuple(valid, fc.dictionary(extraName, fc.oneof(hostileString, wrongType), { minKeys: 1, maxKeys: 5 }), encodings).map(([answers, extra, [encoding, accept]]) =>
      encode('extra fields', { ...extra, ...answers }, encoding, accept),
    ),
    // One answer of the wrong type (JSON only: a form post has only strings).
    fc.tuple(valid, fc.constantFrom(...names), wrongType).map(([answers, name, value]) => encode('wrong type', { ...answers, [name]: value }, 'json', 'json')),
    // One answer replaced by a huge, odd or hostile string.
    fc.tuple(valid, fc.constantFrom(...names), hostileString, encodings).map(([answers, name, value, [encoding, accept]]) =>
      encode('hostile string', { ...answers, [name]: value }, encoding, accept),
    ),
    // A hostile string added to the end of an answer.
    fc.tuple(valid, fc.constantFrom(...names), hostileString, encodings).map(([answers, name, value, [encoding, accept]]) =>
      encode('hostile suffix', { ...answers, [name]: `${String(answers[name] ?? '')}${value}` }, encoding, accept),
    ),
  );
}

/** Bodies that are not the form's answers at all. */
export const notAnswers: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value): FuzzBody => {
    const body = JSON.stringify(value) ?? 'null';
    return { kind: 'any JSON', contentType: 'application/json', accept: 'json', body, posted: JSON.parse(body) };
  }),
  fc.dictionary(fc.string({ maxLength: 12 }).filter((name) => !reservedNames.has(name)), fc.oneof(hostileString, wrongType), { maxKeys: 8 }).map((object): FuzzBody => {
    const body = JSON.stringify(object);
    return { kind: 'any JSON object', contentType: 'application/json', accept: 'json', body, posted: JSON.parse(body) };
  }),
  fc.array(fc.tuple(fc.string({ maxLength: 12 }).filter((name) => !reservedNames.has(name)), hostileString), { maxLength: 10 }).map((pairs): FuzzBody => {
    const post = new URLSearchParams(pairs);
    return { kind: 'any form post', contentType: 'application/x-www-form-urlencoded', accept: 'html', body: post.toString(), posted: post };
  }),
  fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml')).map(
    ([bytes, contentType]): FuzzBody => ({ kind: 'any bytes', contentType, accept: 'json', body: bytes, posted: undefined }),
  ),
  fc.string({ maxLength: 200 }).map((text): FuzzBody => ({ kind: 'broken JSON', contentType: 'application/json', accept: 'json', body: `{${text}`, posted: undefined })),
);

export function fuzzBodies(form: FormDefinition<any>, valid: fc.Arbitrary<Answers>): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.tuple(valid, encodings).map(([answers, [encoding, accept]]) => encode('valid', answers, encoding, accept)) },
    { weight: 6, arbitrary: broken(form, valid) },
    { weight: 2, arbitrary: notAnswers },
  );
}
