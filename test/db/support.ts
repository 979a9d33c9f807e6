// Helpers for the database tests: calling the SQL API, building valid submissions,
// and catching the errors it raises. Every person here is fictional.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type postgres from 'postgres';
import { drawOutboxEmail } from '../../src/server/emails/index.ts';
import { fictionalProfessional } from '../support/sign-in-link.ts';

/** The team's address the caller passes, and the site's address the emails are drawn with. */
export const settings = { siteUrl: 'https://dsr.example.test', teamEmail: 'dsr.team@example.nhs.net' } as const;

/**
 * Outbox rows (selected with their `kind` and `facts`) with the email each becomes when
 * it is sent: its template draws `subject` and `body_text` (the plain-text part) from
 * the facts, as the sender does.
 */
export function drawn<Row extends Record<string, unknown>>(rows: readonly Row[]): (Row & { subject: string; body_text: string; html: string })[] {
  return rows.map((row) => {
    const email = drawOutboxEmail(row['kind'] as string, row['facts'] as Record<string, string>, { siteUrl: settings.siteUrl });
    return { ...row, subject: email.subject, body_text: email.text, html: email.html };
  });
}

export type Json = Record<string, unknown>;

/** A connection pool, or a transaction inside one: the helpers work in both. */
type Queryable = postgres.Sql | postgres.TransactionSql;

/** Calls one of the public functions with a jsonb payload and returns its jsonb result. */
export async function submit<T = Json>(sql: Queryable, fn: string, payload: unknown): Promise<T> {
  const [row] = await sql`select ${sql('public.' + fn)}(${sql.json(payload as postgres.JSONValue)}::jsonb) as result`;
  return row!['result'] as T;
}

/** Calls a public function with plain arguments. */
export async function call<T = Json>(sql: Queryable, fn: string, ...args: (string | number | null)[]): Promise<T> {
  const placeholders = args.map((_, i) => `$${i + 1}`).join(', ');
  const [row] = await sql.unsafe(`select public.${fn}(${placeholders}) as result`, args as never[]);
  return row!['result'] as T;
}

export interface DatabaseError {
  code: string;
  message: string;
  detail: string | undefined;
}

/** Awaits something that must fail, and returns the database's error. */
export async function failure(work: Promise<unknown>): Promise<DatabaseError> {
  try {
    await work;
  } catch (error) {
    const { code, message, detail } = error as { code: string; message: string; detail?: string };
    return { code, message, detail };
  }
  throw new Error('Expected the database to refuse, but it accepted.');
}

/** Expects a bad-input error (22023) naming this problem and field. */
export async function expectInvalid(work: Promise<unknown>, message: string, field: string): Promise<void> {
  expect(await failure(work)).toEqual({ code: '22023', message, detail: field });
}

/** Expects a refusal (P0001) with this code. */
export async function expectRefused(work: Promise<unknown>, message: string): Promise<void> {
  expect(await failure(work)).toMatchObject({ code: 'P0001', message });
}

let nextNhsNumber = Math.floor(Math.random() * 500_000);

/** A valid NHS number (Modulus 11) in the 999 range used for testing, never the same twice in a run. */
export function nhsNumber(): string {
  for (;;) {
    const first = `999${String(nextNhsNumber++ % 1e6).padStart(6, '0')}`;
    const total = [...first].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);
    const check = 11 - (total % 11);
    if (check === 10) continue;
    return `${first}${check === 11 ? 0 : check}`;
  }
}

/** A family name no other test uses, so matching by name and date of birth stays private to a test. */
export function uniqueFamilyName(): string {
  const letters = randomUUID().replace(/[^a-f]/g, '').slice(0, 8);
  return `Quarrington${letters}`;
}

/** A date relative to today in England, computed by the database so both agree. */
export async function dateFromToday(sql: postgres.Sql, { years = 0, days = 0 }: { years?: number; days?: number }): Promise<string> {
  const [row] = await sql`
    select (private.today() + make_interval(years => ${years}::int, days => ${days}::int))::date::text as day`;
  return row!['day'] as string;
}

/**
 * Registers a professional and, unless `prove` is false, follows the first sign-in link
 * as its owner would (which proves the address: only then do the details count).
 */
export async function registerProfessional(
  sql: postgres.Sql,
  overrides: Json = {},
  { prove = true } = {},
): Promise<{ professionalId: string; email: string; status: string; token: string | null }> {
  const email = (overrides['email'] as string | undefined) ?? `worker.${randomUUID().slice(0, 8)}@example.nhs.net`;
  const result = await submit<{ professionalId: string; status: string; token: string | null }>(sql, 'register_professional', {
    ...fictionalProfessional(email),
    ...settings,
    ...overrides,
  });
  if (prove && result.token) await call(sql, 'redeem_sign_in_token', result.token, email.toLowerCase());
  return { professionalId: result.professionalId, email: email.toLowerCase(), status: result.status, token: prove ? null : result.token };
}

/** The referral form's payload, valid unless overridden. */
export function referralPayload(professionalId: string, overrides: Json = {}): Json {
  return {
    professionalId,
    givenName: 'Jordan',
    familyName: uniqueFamilyName(),
    dateOfBirth: '2011-05-17',
    nhsNumber: nhsNumber(),
    postcode: 'st4 1aa',
    area: 'Northshire North',
    gpPractice: 'Riverside Surgery',
    condition: 'autism',
    livesIn: 'community',
    rating: 'amber',
    ratingAgreedOn: '2026-11-02',
    ratingReason: 'Placement at risk of breaking down after two crises this month.',
    consentBasis: 'parental_responsibility',
    familyInvolved: 'Parents are involved and agree with the referral.',
    servicesInvolved: ['camhs', 'education'],
    previousReview: 'none',
    communicationNeeds: 'Uses Makaton.',
    ...settings,
    ...overrides,
  };
}

export function consentPayload(professionalId: string, overrides: Json = {}): Json {
  return {
    professionalId,
    personName: 'Jordan Quarrington',
    dateOfBirth: '2011-05-17',
    decision: 'parental_responsibility',
    decisionMakerName: 'Sam Quarrington',
    // Read when the decision is a Best Interests Decision (the form asks it as its own question).
    bestInterestsDecisionMakerName: 'Sam Quarrington',
    decisionMakerRole: 'Parent',
    decisionDate: '2026-11-01',
    consulted: ['family'],
    sharingWith: ['health', 'education'],
    ...settings,
    ...overrides,
  };
}

export function withdrawalPayload(overrides: Json = {}): Json {
  return {
    personName: 'Jordan Quarrington',
    dateOfBirth: '2011-05-17',
    requesterRelationship: 'parent_or_carer',
    requesterName: 'Sam Quarrington',
    requesterEmail: 'parent@example.com',
    understandsSupportContinues: true,
    ...settings,
    ...overrides,
  };
}

/** The family's request form's payload (/ask/), valid unless overridden. */
export function requestPayload(overrides: Json = {}): Json {
  return {
    askerRelationship: 'parent_or_carer',
    personName: 'Jordan Quarrington',
    dateOfBirth: '2011-05-17',
    area: 'Northshire North',
    worries: 'He has stopped eating and will not leave his room.',
    personKnows: 'knows_and_agrees',
    askerName: 'Sam Quarrington',
    askerEmail: 'parent@example.com',
    ...settings,
    ...overrides,
  };
}

export const referencePattern = (prefix: string) => new RegExp(`^${prefix}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$`);

/** Row counts of the tables a refused submission must leave alone. */
export async function tableCounts(sql: postgres.Sql): Promise<Record<string, number>> {
  const [row] = await sql`
    select (select count(*) from private.people)::int as people,
           (select count(*) from private.referrals)::int as referrals,
           (select count(*) from private.consents)::int as consents,
           (select count(*) from private.withdrawals)::int as withdrawals,
           (select count(*) from private.outbox)::int as outbox,
           (select count(*) from private.issued_references)::int as "references",
           (select count(*) from private.audit_events)::int as audit`;
  return row as Record<string, number>;
}

/** Runs `work` in a transaction that is always rolled back, and returns what it returned. */
export async function inRolledBackTransaction<T>(sql: postgres.Sql, work: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const rollback = Symbol('roll back');
  let result: T | undefined;
  let finished = false;
  try {
    await sql.begin(async (tx) => {
      result = await work(tx);
      finished = true;
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  if (!finished) throw new Error('The transaction did not finish its work.');
  return result as T;
}
