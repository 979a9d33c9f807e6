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
  isAgeIn,
  reviewApplies,
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

/** CETR for children and for 18 to 25-year-olds with an EHCP, CTR for other adults: everyone has exactly one. */
export const reviewTypes: readonly ReviewType[] = reviewTypesFileSchema.parse(reviewTypesFile);

/** What each kind of reference starts with: DSR- for a referral, CON- for a consent record, WDR- for a withdrawal. */
export const referenceKinds: readonly ReferenceKind[] = referenceKindsFileSchema.parse(referenceKindsFile);

/** The local areas, each with its own DSR tracking meeting. */
export const areas: readonly string[] = areasFileSchema.parse(areasFile);

export { isAgeIn };

/** The review someone has: a CETR or a CTR, by their age and whether they have an EHCP. */
export function reviewFor(age: number, hasEhcp: boolean): ReviewType {
  // The content check makes sure exactly one applies.
  return reviewTypes.find((review) => review.for.some((group) => reviewApplies(group, age, hasEhcp)))!;
}

/** The ages at which the review depends on whether someone has an EHCP (18 to 25). */
export const ehcpAges: readonly AgeRange[] = reviewTypes.flatMap((review) => review.for.filter((group) => group.hasEhcp !== undefined));

/** Whether the referral form must ask about an EHCP for someone of this age. */
export const ehcpMatters = (age: number) => ehcpAges.some((range) => isAgeIn(age, range));

/** One entry by its id, from a list of rules (age groups, review types). */
export function byId<Entry extends { id: string }>(entries: readonly Entry[], id: string): Entry | undefined {
  return entries.find((entry) => entry.id === id);
}
