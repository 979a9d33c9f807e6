// The fuzz property every POST endpoint must keep, run against its handler called
// directly (as Cloudflare calls it) on one embedded database per test file:
//   - never a 5xx, whatever arrives;
//   - anything refused leaves every table as it was (no row from an invalid payload);
//   - every 422 names questions of the form, each with a message in words;
//   - every body the form's own check accepts is accepted, and its record is stored;
//   - nothing accepted that the form's own check refuses;
//   - a page drawn again with errors never carries a posted <script> or tag unescaped.
// Rate limits: the function harness gives every request its own client address
// (CF-Connecting-IP), so the per-address limit never gets in the way; the per-email
// limit on sign-in links is a rule of its own, and the sign-in test predicts it.
// Runs: FUZZ_RUNS (default 2,000) per endpoint; FUZZ_SEED replays a failure.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { beforeAll, afterAll, expect, it, vi } from 'vitest';
import type postgres from 'postgres';
import { todayInEngland } from '../../src/forms/dates.ts';
import { honeypot } from '../../src/forms/input.ts';
import type { FormDefinition } from '../../src/forms/index.ts';
import type { PagesFunction } from '../../src/server/http/context.ts';
import type { Env } from '../../src/server/platform/settings.ts';
import { bodyLimitBytes } from '../../src/server/http/security.ts';
import { sessionCookieName } from '../../src/server/http/sessions.ts';
import { functionHarness, pagesWithFormRegion, siteUrl } from '../support/functions.ts';
import { useDatabase, databaseTargets } from '../support/database.ts';
import { signInProfessional, type SignedIn } from '../support/signed-in.ts';
import type { Answers } from './answers.ts';
import { asFormPost, fuzzBodies, type FuzzBody } from './bodies.ts';

export const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 2000);
/** fast-check's settings: FUZZ_RUNS runs (or `runs`), FUZZ_SEED to replay a failure. */
export function fuzzParameters(runs = fuzzRuns) {
  return { numRuns: runs, endOnFailure: false, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) };
}

/** Every table a submission can write to (rate-limit counters aside: every post counts, by design). */
const tables = ['professionals', 'sign_in_tokens', 'sessions', 'people', 'consents', 'referrals', 'withdrawals', 'requests', 'outbox', 'audit_events', 'issued_references'] as const;
export type Counts = Record<(typeof tables)[number], number>;

async function countRows(sql: postgres.Sql): Promise<Counts> {
  const [row] = await sql.unsafe(`select ${tables.map((table) => `(select count(*)::int from private.${table}) as ${table}`).join(', ')}`);
  return row as unknown as Counts;
}

export interface Accepted {
  /** The JSON body of an accepted post (undefined for a 303). */
  body: Record<string, unknown> | undefined;
  /** Where a 303 sends the browser. */
  location: string | undefined;
  before: Counts;
  after: Counts;
  posted: Answers;
}

export interface Endpoint {
  form: FormDefinition<any>;
  path: string;
  handler: PagesFunction;
  /** The status of an accepted post from the island (JSON); a post without JavaScript gets 303. */
  acceptedStatus: number;
  /** Valid answers, from the form's definition (test/fuzz/answers.ts). */
  valid(context: FuzzContext): fc.Arbitrary<Answers>;
  /** Values only the database can give (a fresh sign-in token), written in answers as @NAME@ and filled in before each post. */
  placeholders?(context: FuzzContext): Promise<Record<string, string>>;
  /** Is the accepted post's record stored? */
  stored(accepted: Accepted, context: FuzzContext): Promise<void>;
  /** A refusal that valid answers may rightly get (a per-email limit): true when it was expected. */
  expectedRefusal?(status: number, posted: Answers, context: FuzzContext): boolean;
  /** Called for every post of valid answers, in order, before it is sent (to keep count of per-email limits). */
  beforeValidPost?(posted: Answers): void;
}

export interface FuzzContext {
  sql: postgres.Sql;
  today: string;
  professional: SignedIn;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const fieldNames = (form: FormDefinition<any>) => new Set(form.fields.map((field) => field.name));

/** The errors a 422 page shows in its error summary: [href, message]. */
function errorSummaryLinks(html: string): [string, string][] {
  const list = /<ul class="nhsuk-list nhsuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => [match[1]!, match[2]!]);
}

const wordsPattern = /[A-Za-z]+\W+[A-Za-z]+/;

function expectNamedErrors(form: FormDefinition<any>, body: FuzzBody, text: string) {
  const names = fieldNames(form);
  if (body.accept === 'json' || body.contentType === 'application/json') {
    const answer = JSON.parse(text) as { errors?: { field?: unknown; message?: unknown }[] };
    expect(Array.isArray(answer.errors) && answer.errors.length > 0, `422 without errors: ${text}`).toBe(true);
    for (const error of answer.errors!) {
      expect(names.has(String(error.field)), `422 names "${String(error.field)}", not a question of the ${form.name} form`).toBe(true);
      expect(typeof error.message === 'string' && wordsPattern.test(error.message), `422 message for ${String(error.field)}: ${String(error.message)}`).toBe(true);
    }
  } else {
    const links = errorSummaryLinks(text);
    expect(links.length, '422 page without an error summary naming a question').toBeGreaterThan(0);
    for (const [href, message] of links) {
      // A question on the page (#id), or, for a form of hidden fields only (a sign-in link), the page that mends it.
      expect(href).toMatch(/^(#|\/)\S*$/);
      expect(message).toMatch(wordsPattern);
    }
  }
}

function expectNothingUnescaped(text: string) {
  // The posted markup may come back as text (&lt;script&gt;), never as markup.
  expect(text).not.toContain('<script>fuzzAlert');
  expect(text).not.toContain('<img src=x');
  expect(text).not.toContain('<a href="https://evil.example"');
}

export interface FuzzSite {
  harness: ReturnType<typeof functionHarness>;
  readonly context: FuzzContext;
}

/**
 * One embedded database (PGlite) for a test file, the functions called directly on it,
 * and a signed-in professional. Also usable by the sign-out and deliver fuzz tests.
 */
export function useFuzzSite(env: Partial<Env> = {}): FuzzSite {
  const [target] = databaseTargets();
  const db = useDatabase(target!);
  const harness = functionHarness(() => ({ DATABASE_URL: db.url, SITE_URL: siteUrl, ASSETS: pagesWithFormRegion, ...env }));
  let context: FuzzContext | undefined;
  beforeAll(async () => {
    context = { sql: db.sql, today: todayInEngland(), professional: await signInProfessional(db.sql, siteUrl) };
    // One line of log per request, and emails printed to the console: not what these tests read.
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
  });
  afterAll(() => vi.restoreAllMocks());
  return {
    harness,
    get context() {
      if (!context) throw new Error('The fuzz site is not ready yet: use it inside a test');
      return context;
    },
  };
}

/** Defines the fuzz test for one endpoint on the file's database. */
export function fuzzEndpoint(fuzzSite: FuzzSite, endpoint: Endpoint) {
  const site = fuzzSite.harness;
  const name = `${endpoint.path}: never a 5xx, nothing stored from a refused body, every 422 names its questions, every valid body accepted`;
  it(name, async () => {
    const context = fuzzSite.context;
    const tally = { runs: 0, valid: 0, accepted: 0 };
    let lastCounts: Counts | undefined;
    const honeypotBody = fc.tuple(endpoint.valid(context), fc.constantFrom('json', 'html')).map(([answers, accept]): FuzzBody => {
      const filled = { ...answers, [honeypot.name]: 'https://spam.example' };
      return accept === 'json'
        ? { kind: 'honeypot', contentType: 'application/json', accept: 'json', body: JSON.stringify(filled), posted: filled }
        : { kind: 'honeypot', contentType: 'application/x-www-form-urlencoded', accept: 'html', body: asFormPost(filled).toString(), posted: asFormPost(filled) };
    });
    const bodies = fc.oneof({ weight: 19, arbitrary: fuzzBodies(endpoint.form, endpoint.valid(context)) }, { weight: 1, arbitrary: honeypotBody });
    const sessions = endpoint.form.needsAccount ? fc.constantFrom('signed in', 'signed in', 'signed in', 'signed in', 'signed in', 'no cookie', 'unknown session') : fc.constant('none');

    await fc.assert(
      fc.asyncProperty(bodies, sessions, async (generated, session) => {
        tally.runs++;
        let body = generated;
        let filledPlaceholders = false;
        // Placeholders for values only the database can give (a real sign-in token), filled in just before posting.
        if (endpoint.placeholders && typeof body.body === 'string' && /@[A-Z]+@|%40[A-Z]+%40/.test(body.body)) {
          let filled = body.body;
          for (const [placeholder, value] of Object.entries(await endpoint.placeholders(context))) {
            filled = filled.replaceAll(`@${placeholder}@`, value).replaceAll(`%40${placeholder}%40`, encodeURIComponent(value));
          }
          const posted = body.posted instanceof URLSearchParams ? new URLSearchParams(filled) : JSON.parse(filled);
          body = { ...body, body: filled, posted };
          filledPlaceholders = true;
        }

        const readable = isObject(body.posted) || body.posted instanceof URLSearchParams;
        const bytes = typeof body.body === 'string' ? new TextEncoder().encode(body.body).byteLength : body.body.byteLength;
        const honeypotFilled = body.kind === 'honeypot';
        const signedIn = session === 'signed in' || session === 'none';
        const formSaysValid = readable && bytes <= bodyLimitBytes && endpoint.form.validate(body.posted as Answers).ok;
        const shouldBeAccepted = formSaysValid && !honeypotFilled && signedIn;
        if (shouldBeAccepted) {
          tally.valid++;
          endpoint.beforeValidPost?.(body.posted as Answers);
        }

        const headers: Record<string, string> = { accept: body.accept === 'json' ? 'application/json' : 'text/html,application/xhtml+xml' };
        if (body.contentType) headers['content-type'] = body.contentType;
        const cookie =
          session === 'signed in'
            ? context.professional.cookie
            : session === 'unknown session'
              ? `${sessionCookieName(siteUrl)}=${randomBytes(32).toString('base64url')}`
              : undefined;

        // Nothing else writes between posts, so the counts after the last post are the counts before this
        // one, unless a placeholder (a sign-in token) was just made.
        const before = lastCounts && !filledPlaceholders ? lastCounts : await countRows(context.sql);
        const response = await site.post(endpoint.handler, endpoint.path, { body: body.body as BodyInit, headers, ...(cookie ? { cookie } : {}) });
        const text = await response.text();
        await site.settle();
        const after = await countRows(context.sql);
        lastCounts = after;
        const status = response.status;
        const where = `${body.kind} (${session}) → ${status}: ${text.slice(0, 300)}`;

        expect(status, where).toBeLessThan(500);
        const accepted = !honeypotFilled && (status === endpoint.acceptedStatus || status === 303);
        if (accepted) {
          tally.accepted++;
          expect(shouldBeAccepted, `accepted what the form refuses: ${where}`).toBe(true);
          const answer = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
          await endpoint.stored({ body: answer, location: response.headers.get('location') ?? undefined, before, after, posted: body.posted as Answers }, context);
        } else {
          expect(after, `a refused body changed the database: ${where}`).toEqual(before);
          if (shouldBeAccepted && !endpoint.expectedRefusal?.(status, body.posted as Answers, context)) {
            expect.fail(`valid answers were refused: ${where}`);
          }
        }
        // A bot that fills in the honeypot is thanked, and nothing is kept (checked above).
        if (honeypotFilled) expect([200, 303], where).toContain(status);
        if (status === 422) expectNamedErrors(endpoint.form, body, text);
        if ((response.headers.get('content-type') ?? '').startsWith('text/html')) expectNothingUnescaped(text);
      }),
      fuzzParameters(),
    );
    // The generators must really reach both sides of the property.
    expect(tally.valid, `only ${tally.valid} of ${tally.runs} bodies were valid`).toBeGreaterThan(tally.runs * 0.1);
    expect(tally.runs - tally.valid).toBeGreaterThan(tally.runs * 0.3);
  }, 600_000);
}

/** The reference an accepted post was given: in the JSON answer, or in the confirmation page's address. */
export function referenceOf(accepted: Accepted): string {
  const reference = accepted.body?.['reference'] ?? (accepted.location ? new URL(accepted.location, siteUrl).searchParams.get('reference') : undefined);
  if (typeof reference !== 'string') throw new Error(`An accepted post without a reference: ${JSON.stringify(accepted.body ?? accepted.location)}`);
  return reference;
}
