// `npm run rules:sql`: the database's copy of the rules in content/ (ratings, keyworker
// eligibility, age groups, C(E)TR or CTR and how often in hospital, kinds of reference, areas), written as a
// migration. The content is the one owner of these rules; the database holds a copy so
// that its functions decide the same way the site explains. When the content has
// changed since the newest rules migration, this writes a new one (a migration once
// applied is never edited); otherwise it says the database is up to date.
// test/db/rules.test.ts fails while the database's rules differ from the content.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyworkerEligibility, type KeyworkerEligibilityRule } from '../src/content/keyworkers.ts';
import { ratings, type Rating } from '../src/content/ratings.ts';
import { ageGroups, areas, referenceKinds, reviewTypes, type AgeGroup, type ReferenceKind, type ReviewType } from '../src/content/rules.ts';
import { migrationsDir } from './database.ts';

/** The rules as content/ gives them (tests pass changed copies). */
export interface ContentRules {
  ratings: readonly Rating[];
  keyworkerEligibility: readonly KeyworkerEligibilityRule[];
  ageGroups: readonly AgeGroup[];
  reviewTypes: readonly ReviewType[];
  referenceKinds: readonly ReferenceKind[];
  areas: readonly string[];
}

export const contentRules: ContentRules = { ratings, keyworkerEligibility, ageGroups, reviewTypes, referenceKinds, areas };

/** A row of private.eligibility_rules: what submit_referral works out from an age and a rating. */
export interface EligibilityRow {
  kind: 'age_group' | 'keyworker' | 'review';
  outcome: string;
  min_age: number;
  max_age: number | null;
  ratings: string[] | null;
  /** For a review: only people with (true) or without (false) an education, health and care plan; null for either. */
  has_ehcp: boolean | null;
  source: string;
}

/** The rules as the database's tables hold them, row by row. */
export function rulesAsRows(rules: ContentRules = contentRules) {
  const range = (entry: { youngestAge?: number | undefined; oldestAge?: number | undefined }) => ({
    min_age: entry.youngestAge ?? 0,
    max_age: entry.oldestAge ?? null,
  });
  const eligibility: EligibilityRow[] = [
    ...rules.ageGroups.map((group) => ({ kind: 'age_group' as const, outcome: group.id, ...range(group), ratings: null, has_ehcp: null, source: `content/age-groups.json: ${group.id}` })),
    ...rules.keyworkerEligibility.map((rule) => ({
      kind: 'keyworker' as const,
      outcome: 'eligible',
      ...range(rule),
      ratings: [...rule.ratings],
      has_ehcp: null,
      source: `content/keyworker-eligibility.json: ${rule.id}`,
    })),
    ...rules.reviewTypes.flatMap((review) =>
      review.for.map((group) => ({
        kind: 'review' as const,
        outcome: review.id,
        ...range(group),
        ratings: null,
        has_ehcp: group.hasEhcp ?? null,
        source: `content/review-types.json: ${review.id}`,
      })),
    ),
  ];
  return {
    ratings: rules.ratings.map((rating, index) => ({ id: rating.id, position: index + 1, urgent: rating.urgent, in_hospital: rating.inHospital, review_within_days: rating.reviewWithinDays })),
    eligibility,
    reviewTypes: rules.reviewTypes.map((review) => ({ id: review.id, in_hospital_every_months: review.inHospitalEveryMonths })),
    referenceKinds: rules.referenceKinds.map((kind) => ({ id: kind.id, prefix: kind.prefix })),
    areas: rules.areas.map((name) => ({ name })),
  };
}

const literal = (value: string | number | boolean | null | readonly string[]): string => {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  return `array[${value.map(literal).join(', ')}]::text[]`;
};

const valuesList = (rows: readonly Record<string, string | number | boolean | null | readonly string[]>[]) =>
  rows.map((row) => `  (${Object.values(row).map(literal).join(', ')})`).join(',\n');

/** Upserts every row, then removes the rows the content no longer has (refused while anything still uses them). */
function replaceRows(table: string, key: string, rows: readonly Record<string, string | number | boolean | null>[]): string {
  const columns = Object.keys(rows[0]!);
  const updates = columns.filter((column) => column !== key).map((column) => `${column} = excluded.${column}`);
  return [
    `insert into private.${table} (${columns.join(', ')}) values\n${valuesList(rows)}\n` +
      `on conflict (${key}) do ${updates.length > 0 ? `update set ${updates.join(', ')}` : 'nothing'};`,
    `delete from private.${table} where ${key} not in (${rows.map((row) => literal(row[key]!)).join(', ')});`,
  ].join('\n');
}

/** The migration's text: the same content always gives the same text. */
export function rulesSql(rules: ContentRules = contentRules): string {
  const rows = rulesAsRows(rules);
  return `-- Generated by \`npm run rules:sql\` (scripts/rules-to-sql.ts) from content/ratings.json,
-- content/keyworker-eligibility.json, content/age-groups.json, content/review-types.json,
-- content/reference-kinds.json and content/areas.json. Do not edit it: change the content,
-- then run \`npm run rules:sql\`, which writes a new migration after this one.

${replaceRows('ratings', 'id', rows.ratings)}

${replaceRows('review_types', 'id', rows.reviewTypes)}

${replaceRows('reference_kinds', 'id', rows.referenceKinds)}

${replaceRows('areas', 'name', rows.areas)}

-- Nothing refers to these rows: they are replaced whole.
delete from private.eligibility_rules;
insert into private.eligibility_rules (kind, outcome, min_age, max_age, ratings, has_ehcp, source) values
${valuesList(rows.eligibility as unknown as Record<string, string | number | boolean | null | readonly string[]>[])};
`;
}

/** The rules migrations already written, oldest first. */
export async function rulesMigrations(): Promise<string[]> {
  return (await readdir(migrationsDir)).filter((file) => /^\d+_rules_from_content\.sql$/.test(file)).sort();
}

/** A migration version for now, as the Supabase CLI writes them: YYYYMMDDHHMMSS. */
const versionNow = () => new Date().toISOString().replace(/\D/g, '').slice(0, 14);

if (import.meta.main) {
  const text = rulesSql();
  const newest = (await rulesMigrations()).at(-1);
  if (newest && (await readFile(join(migrationsDir, newest), 'utf8')) === text) {
    console.log(`The database's rules are up to date with content/ (${newest}).`);
  } else {
    const file = `${versionNow()}_rules_from_content.sql`;
    await writeFile(join(migrationsDir, file), text);
    console.log(`Wrote supabase/migrations/${file}. Apply it with \`npm run db:reset\` locally, or \`supabase db push\`.`);
  }
}
