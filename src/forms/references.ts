// The references people quote back to the DSR team: a type, then 8 characters from an
// alphabet without I, O, 0 or 1, in two groups, e.g. DSR-7K3M-Q9PA. The kinds and their
// prefixes are content/reference-kinds.json's.
import { referenceKinds } from '../content/rules.ts';

const letter = '[A-HJ-NP-Z2-9]';

/** The prefix of a kind of reference ("DSR" for a referral). */
export function referencePrefix(kind: string): string {
  const prefix = referenceKinds.find((candidate) => candidate.id === kind)?.prefix;
  if (!prefix) throw new Error(`content/reference-kinds.json has no kind "${kind}"`);
  return prefix;
}

/** The reference as stored (upper case, with dashes), or undefined if it is not one of this kind. */
export function readReference(kind: string, typed: string): string | undefined {
  const compact = typed.trim().toUpperCase().replace(/[\s-]/g, '');
  const prefix = referencePrefix(kind);
  const match = new RegExp(`^${prefix}(${letter}{4})(${letter}{4})$`).exec(compact);
  return match ? `${prefix}-${match[1]}-${match[2]}` : undefined;
}
