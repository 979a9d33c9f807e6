// The references people quote back to the DSR team: a type, then 8 characters
// from an alphabet without I, O, 0 or 1, in two groups, e.g. DSR-7K3M-Q9PA.

export const referenceKinds = { referral: 'DSR', consent: 'CON', withdrawal: 'WDR' } as const;
export type ReferenceKind = keyof typeof referenceKinds;

const letter = '[A-HJ-NP-Z2-9]';

/** The reference as stored (upper case, with dashes), or undefined if it is not one of this kind. */
export function readReference(kind: ReferenceKind, typed: string): string | undefined {
  const compact = typed.trim().toUpperCase().replace(/[\s-]/g, '');
  const prefix = referenceKinds[kind];
  const match = new RegExp(`^${prefix}(${letter}{4})(${letter}{4})$`).exec(compact);
  return match ? `${prefix}-${match[1]}-${match[2]}` : undefined;
}
