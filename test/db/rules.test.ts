// The rules in content/ have one owner: the content. The database keeps a copy, written
// by `npm run rules:sql` as a migration; this fails while that copy differs from the
// content (someone changed a rule and did not run it). And one change to the content
// moves the form's advice, the guidance and the database's decision together.
import { afterEach, describe, expect, test, vi } from 'vitest';
import eligibilityFile from '../../content/keyworker-eligibility.json' with { type: 'json' };
import { rulesAsRows } from '../../scripts/rules-to-sql.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { dateFromToday, inRolledBackTransaction, referralPayload, registerProfessional, submit } from './support.ts';

/** The content's rules, as content/keyworker-eligibility.json would hold them with the first rule's oldest age changed. */
const withOldestAge = (oldestAge: number) => eligibilityFile.map((rule, index) => (index === 0 ? { ...rule, oldestAge } : rule));

/** The modules that read the rules, imported afresh as if content/keyworker-eligibility.json said `rules`. */
async function readingContent(rules: unknown) {
  vi.resetModules();
  vi.doMock('../../content/keyworker-eligibility.json', () => ({ default: rules }));
  return {
    keyworkers: await import('../../src/content/keyworkers.ts'),
    referralContent: (await import('../../src/forms/referral-content.ts')).referralContent,
    keyworkerAdvice: (await import('../../src/islands/forms/referral/keyworker.ts')).keyworkerAdvice,
    rulesSql: (await import('../../scripts/rules-to-sql.ts')).rulesSql,
  };
}

afterEach(() => {
  vi.doUnmock('../../content/keyworker-eligibility.json');
  vi.resetModules();
});

for (const target of databaseTargets()) {
  describe(`the rules on ${target.name}`, () => {
    const db = useDatabase(target);

    test('the database holds the content’s rules (if not: run `npm run rules:sql`)', async () => {
      const expected = rulesAsRows();
      const ratings = await db.sql`select id, position, urgent, in_hospital, review_within_days from private.ratings order by position`;
      const eligibility = await db.sql`select kind, outcome, min_age, max_age, ratings, has_ehcp, source from private.eligibility_rules order by id`;
      const reviewTypes = await db.sql`select id, in_hospital_every_months from private.review_types order by id`;
      const referenceKinds = await db.sql`select id, prefix from private.reference_kinds order by id`;
      const areas = await db.sql`select name from private.areas order by name`;
      expect({ ratings, eligibility, reviewTypes, referenceKinds, areas }, 'The database’s rules differ from content/: run `npm run rules:sql`').toEqual({
        ratings: expected.ratings,
        eligibility: expected.eligibility,
        reviewTypes: expected.reviewTypes.toSorted((a, b) => a.id.localeCompare(b.id)),
        referenceKinds: expected.referenceKinds.toSorted((a, b) => a.id.localeCompare(b.id)),
        areas: expected.areas.toSorted((a, b) => a.name.localeCompare(b.name)),
      });
    });

    test('a keyworker age changed in content changes the form’s advice, the guidance and the database’s decision together', async () => {
      const { professionalId } = await registerProfessional(db.sql);
      const dateOfBirth = await dateFromToday(db.sql, { years: -17 });
      const [today] = await db.sql`select private.today()::text as day`;
      const seventeen = { dateOfBirth: { day: String(Number(dateOfBirth.slice(8))), month: String(Number(dateOfBirth.slice(5, 7))), year: dateOfBirth.slice(0, 4) }, rating: 'red' };

      // What the site says and does with each version of the file.
      const outcomes = async (rules: unknown) => {
        const site = await readingContent(rules);
        const decided = await inRolledBackTransaction(db.sql, async (tx) => {
          await tx.unsafe(site.rulesSql());
          return submit<{ keyworkerEligible: boolean }>(tx, 'submit_referral', referralPayload(professionalId, { dateOfBirth, rating: 'red' }));
        });
        return {
          advice: site.keyworkerAdvice(seventeen, today!['day'] as string, site.referralContent())?.eligible,
          guidance: site.keyworkers.keyworkerEligibility.map(site.keyworkers.describeAges),
          referralPage: site.referralContent().keyworkerRule,
          database: decided.keyworkerEligible,
        };
      };

      expect(await outcomes(eligibilityFile)).toEqual({
        advice: true,
        guidance: ['aged 18 and under', 'aged 18 to 25'],
        referralPage: 'aged 18 and under rated RED, AMBER or BLUE, or aged 18 to 25 rated BLUE',
        database: true,
      });
      expect(await outcomes(withOldestAge(16))).toEqual({
        advice: false,
        guidance: ['aged 16 and under', 'aged 18 to 25'],
        referralPage: 'aged 16 and under rated RED, AMBER or BLUE, or aged 18 to 25 rated BLUE',
        database: false,
      });
    });
  });
}
