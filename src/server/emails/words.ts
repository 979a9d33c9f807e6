// Codes the register stores, as the emails say them. (The content's own words, such as
// rating names and age groups, come from src/content.)
import { formatDate } from '../../forms/dates.ts';
import { ageGroups, byId, reviewTypes } from '../../content/rules.ts';

/** "the person consented": how consent was given. */
export const decisionWords: Record<string, string> = {
  consented: 'the person consented',
  parental_responsibility: 'consent given by someone with parental responsibility',
  best_interests: 'a Best Interests Decision',
};

/** "a parent or carer": who asked for a withdrawal. */
export const relationshipWords: Record<string, string> = {
  self: 'the person themselves',
  parent_or_carer: 'a parent or carer',
  advocate: 'an advocate',
  professional: 'a professional',
};

/** "a parent or carer": who asked for someone to be considered (/ask/). */
export const askerWords: Record<string, string> = {
  self: 'the person themselves',
  parent_or_carer: 'a parent or carer',
  someone_else: 'someone else who knows them',
};

/** "in the community": where the person lives now. */
export const livesWords: Record<string, string> = {
  community: 'in the community',
  mental_health_hospital: 'in a mental health hospital',
};

/** "young person", from content/age-groups.json. */
export const ageGroupWords = (id: string) => byId(ageGroups, id)?.name ?? id;

/** "Care and Treatment Review (CTR)", from content/review-types.json. */
export function reviewWords(id: string): string {
  const review = byId(reviewTypes, id);
  return review ? `${review.name} (${review.shortName})` : id;
}

/** "1 June 2026", from a stored date (YYYY-MM-DD). */
export const longDate = (iso: string) => formatDate(iso);
