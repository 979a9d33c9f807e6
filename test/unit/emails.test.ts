// Emails as templates: one per kind, drawn from the facts in the outbox row. Each SQL
// kind has a template; no template reads a fact the outbox would refuse; the HTML and
// the plain text say the same; the team's urgent emails say so in the subject.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { listMigrationFiles } from '../../scripts/database.ts';
import { ratings } from '../../src/content/ratings.ts';
import { drawOutboxEmail, outboxTemplates, UnknownEmailKind } from '../../src/server/emails/index.ts';
import { emailSamples } from '../support/email-samples.ts';

const sql = listMigrationFiles().map((file) => readFileSync(file, 'utf8').replace(/--[^\n]*/g, '')).join('\n');
const site = { siteUrl: 'https://dsr.example.nhs.uk' };

/** The facts the outbox accepts: the list in private.email_facts_are_safe. */
const allowedFacts = [...(/email_facts_are_safe[\s\S]*?array\[([\s\S]*?)\]/.exec(sql)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((match) => match[1]);
/** The kinds the SQL functions write: queue_email's first argument, and the referral emails' insert. */
const writtenKinds = new Set([...sql.matchAll(/queue_email\(\s*'(\w+)'/g), ...sql.matchAll(/values \('(\w+)', answers\.team_email|\('(referral_receipt)', professional\.email/g)].map((match) => match[1] ?? match[2]));

test('the collections found the outbox’s list of facts and the kinds the SQL writes', () => {
  expect(allowedFacts).toContain('reference');
  expect([...writtenKinds]).toEqual(expect.arrayContaining(['account_pending', 'referral_team', 'referral_receipt', 'withdrawal_team']));
});

test('every kind the SQL writes has a template, and every template a kind the SQL writes', () => {
  expect(outboxTemplates.map((template) => template.kind).toSorted()).toEqual([...writtenKinds].toSorted());
});

test('no template reads a fact the outbox refuses', () => {
  const outside = outboxTemplates.flatMap((template) => template.facts.filter((fact) => !allowedFacts.includes(fact)).map((fact) => `${template.kind}.${fact}`));
  expect(outside).toEqual([]);
});

test('a kind without a template is an error, not an empty email', () => {
  expect(() => drawOutboxEmail('no_such_kind', {}, site)).toThrow(UnknownEmailKind);
});

describe.each(outboxTemplates.map((template) => template.kind))('the %s email', (kind) => {
  const email = drawOutboxEmail(kind, emailSamples[kind]!, site);

  test('has a subject, a text part and an HTML part, and ends with the site’s address', () => {
    expect(email.subject.length).toBeGreaterThan(0);
    expect(email.subject.length).toBeLessThanOrEqual(200);
    expect(email.text).toMatch(/\n--\nDynamic Support Register\nhttps:\/\/dsr\.example\.nhs\.uk\/$/);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toMatch(/<html [^>]*lang="en-GB"/);
    expect(email.html).not.toMatch(/<script/i);
  });

  test('says the same in HTML as in text: every line of the text is in the HTML', () => {
    const htmlText = email.html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    for (const line of email.text.split('\n').filter((text) => text !== '--' && text.trim() !== '')) {
      expect(htmlText, line).toContain(line.replace(/^- /, '').replace(/\s+/g, ' ').trim());
    }
  });

  test('every fact it was given is said (none is dropped on the way)', () => {
    const facts = emailSamples[kind]!;
    for (const value of [facts.reference, facts.area, facts.dsrReference, facts.consentReference].filter((fact) => typeof fact === 'string')) {
      expect(`${email.subject}\n${email.text}`).toContain(value);
    }
  });
});

test('an urgent rating’s team email says so first, in its subject and at the top; the others do not', () => {
  for (const rating of ratings) {
    const email = drawOutboxEmail('referral_team', { ...emailSamples.referral_team!, rating: rating.id }, site);
    expect(email.subject.startsWith(`[${rating.name} – urgent] DSR referral DSR-`), rating.id).toBe(rating.urgent);
    expect(email.text.startsWith(`URGENT: this referral is rated ${rating.name}.`), rating.id).toBe(rating.urgent);
    // What must happen, in the content's own words.
    for (const action of rating.mustHappen) expect(email.text).toContain(`- ${action}`);
  }
});

test('the request_outcome email says the decision in the asker’s words, and the DSR team’s contact from content/site.json', async () => {
  const { requestOutcomeWords } = await import('../../src/server/emails/request-outcome.ts');
  const { site: contacts } = await import('../../src/content/guidance.ts');
  for (const [outcome, words] of Object.entries(requestOutcomeWords)) {
    const email = drawOutboxEmail('request_outcome', { reference: 'REQ-DZ52-KZAC', outcome }, site);
    expect(email.text).toContain(words);
    expect(email.text).toContain(contacts.team.email);
    expect(email.text).toContain(contacts.team.phone);
    for (const other of Object.values(requestOutcomeWords).filter((text) => text !== words)) expect(email.text).not.toContain(other);
  }
});
