// The register's other rules, read from content/ and checked against the schemas when
// first imported: age groups, the review a referral leads to (C(E)TR or CTR), the
// kinds of reference and their prefixes, and the local areas. TypeScript reads them
// here; `npm run rules:sql` writes them into the database (scripts/rules-to-sql.ts),
// and test/db/rules.test.ts fails when the database's copy differs.
import ageGroupsFile from '../../content/age-groups.json' with { type: 'json' };
import areasFile from '../../content/areas.json' with { type: 'json' };
import referenceKindsFile from '../../content/reference-kinds.json' with { type: 'json' };
import reviewTypesFile from '../../content/review-types.json' with { type: 'json' };
import {
  ageGroupsFileSchema,
  areasFileSchema,
  referenceKindsFileSchema,
  reviewTypesFileSchema,
  type AgeGroup,
  type AgeRange,
  type ReferenceKind,
  type ReviewType,
} from './schemas.ts';

export type { AgeGroup, AgeRange, ReferenceKind, ReviewType };

/** Child, young person, adult: every age in exactly one. */
export const ageGroups: readonly AgeGroup[] = ageGroupsFileSchema.parse(ageGroupsFile);

/** CETR for children, CTR for adults: every age in exactly one. */
export const reviewTypes: readonly ReviewType[] = reviewTypesFileSchema.parse(reviewTypesFile);

/** What each kind of reference starts with: DSR- for a referral, CON- for a consent record, WDR- for a withdrawal. */
export const referenceKinds: readonly ReferenceKind[] = referenceKindsFileSchema.parse(referenceKindsFile);

/** The local areas, each with its own DSR tracking meeting. */
export const areas: readonly string[] = areasFileSchema.parse(areasFile);

/** Is this age (whole years) inside the range? */
export function isAgeIn(age: number, range: AgeRange): boolean {
  return age >= (range.youngestAge ?? 0) && (range.oldestAge === undefined || age <= range.oldestAge);
}

/** One entry by its id, from a list of rules (age groups, review types). */
export function byId<Entry extends { id: string }>(entries: readonly Entry[], id: string): Entry | undefined {
  return entries.find((entry) => entry.id === id);
}
