// The hazard log's schema: the contract for docs/clinical-safety/hazard-log.yaml.
// Each field's `.describe()` is the hint a reader gets when it is wrong. The log holds
// severities and likelihoods only: every risk is looked up in the plan's matrix (risk.ts).
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { likelihoods, severities } from './risk.ts';

const text = z.string().trim().min(1, 'is empty');

/**
 * A test, named as vitest and Playwright print it: its file from the project folder, then
 * each describe block and the test's own title, joined by " > ".
 */
export const testTitleSchema = z
  .string()
  .regex(/^test\/\S+\.(test|spec)\.ts > \S.*$/, 'must be "test/<folder>/<file>.test.ts > <describe> > <title>"')
  .describe('the test\'s file and full title, for example "test/db/referrals.test.ts > referrals on PGlite > a referral gets a DSR- reference, a person on the register and its rating"');

const namedTestSchema = z
  .union([
    testTitleSchema,
    z.strictObject({
      /** The test's file and full title. */
      test: testTitleSchema,
      /** The environment variable without which the test is skipped (it exists only on a real PostgreSQL server, say). */
      needs: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]*$/, 'must be an environment variable name')
        .describe('the environment variable the test needs, for example TEST_DATABASE_URL; where it is unset the check says so without failing'),
    }),
  ])
  .transform((named) => (typeof named === 'string' ? { test: named, needs: undefined } : named));
export type NamedTest = z.output<typeof namedTestSchema>;

export const controlSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('tested').describe('"tested": the system does it, and the named tests prove it'),
    /** What the system does that lowers the risk, in one or two sentences. */
    control: text.describe('what the system does, in one or two sentences'),
    /** The tests that fail when the control stops working. */
    tests: z.array(namedTestSchema).min(1, 'needs at least one test').describe('a list of tests by file and full title'),
  }),
  z.strictObject({
    kind: z.literal('procedural').describe('"procedural": people do it; the README\'s DSR team guide says how'),
    control: text.describe('what people do that lowers the risk, in one or two sentences'),
    /** The procedure as the DSR team guide in README.md says it, word for word. */
    procedure: text.describe('the procedure, word for word as it appears in the README\'s "For the DSR team" section'),
  }),
  z.strictObject({
    kind: z.literal('pending').describe('"pending": the control is being built; the check reports it and does not fail'),
    control: text.describe('what the system will do, in one or two sentences'),
    /** The test that will prove it, described until it exists; then the control becomes "tested". */
    expectedTest: text.describe('the test that should prove the control, in words'),
    /** The work that brings the control. */
    awaiting: text.describe('the work being done that brings it, for example "the DSR team console"'),
  }),
]);
export type Control = z.output<typeof controlSchema>;

const assessmentSchema = z.strictObject({
  /** How bad the harm would be, in DCB0129's categories. */
  severity: z.enum(severities).describe(`one of ${severities.join(', ')}`),
  /** How likely the harm is, in DCB0129's categories. */
  likelihood: z.enum(likelihoods).describe(`one of ${likelihoods.join(', ')}`),
});

export const hazardSchema = z.strictObject({
  /** The hazard's number, kept for ever once given (a closed hazard keeps its number). */
  id: z.string().regex(/^HAZ-\d{3}$/, 'must be HAZ- and three digits').describe('HAZ- and three digits, for example HAZ-007'),
  /** What could go wrong, in a few words. */
  title: text.max(120, 'is longer than 120 characters').describe('what could go wrong, in a few words'),
  /** How it could come about. */
  causes: z.array(text).min(1, 'needs at least one cause').describe('a list of causes, one a line'),
  /** What happens to people when it does. */
  effect: text.describe('the harm to people, in a sentence or two'),
  /** Who could be harmed. */
  harmed: z.array(text).min(1, 'needs at least one person').describe('a list of the people who could be harmed'),
  /** The risk with none of the controls below. */
  initial: assessmentSchema.describe('severity and likelihood without the controls'),
  /** The risk with every control below in place (pending ones included: the report says when any are). */
  residual: assessmentSchema.describe('severity and likelihood with the controls'),
  /** Why the controls bring the risk from initial to residual. */
  rationale: text.describe('why the controls lower the risk this far, and what risk remains'),
  controls: z.array(controlSchema).min(1, 'needs at least one control'),
});
export type Hazard = z.output<typeof hazardSchema>;

export const reviewSchema = z.strictObject({
  /** When the log was reviewed. */
  date: z.iso.date().describe('a date as year-month-day, for example 2027-01-15'),
  /** The release (or commit) reviewed. */
  release: text.describe('the release or commit the review covers'),
  /** Who reviewed it, with their role. */
  reviewer: text.describe('the reviewer\'s name and role, for example "Dr A Example, clinical safety officer"'),
  /** What they decided. */
  outcome: text.describe('what the reviewer decided'),
});

export const hazardLogSchema = z
  .strictObject({
    /** Each hazard of the system. */
    hazards: z.array(hazardSchema).min(1),
    /** The clinical safety officer's reviews, newest last. */
    reviews: z.array(reviewSchema).default([]),
  })
  .superRefine((log, context) => {
    const seen = new Set<string>();
    log.hazards.forEach((hazard, index) => {
      if (seen.has(hazard.id)) context.addIssue({ code: 'custom', path: ['hazards', index, 'id'], message: `${hazard.id} is used twice` });
      seen.add(hazard.id);
    });
  });
export type HazardLog = z.output<typeof hazardLogSchema>;

/** Reads and checks a hazard log; throws with every problem in plain words. */
export function readHazardLog(file: string): HazardLog {
  const parsed = hazardLogSchema.safeParse(yaml.load(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid hazard log:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
