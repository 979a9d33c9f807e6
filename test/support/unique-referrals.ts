// Referral answers that are valid and each about a different (fictional) person, for
// streams of submissions in the resilience tests and the submissions benchmark.
import { randomInt, randomUUID } from 'node:crypto';
import { hasValidCheckDigit } from '../../src/forms/nhs-number.ts';
import { referral } from './answers.ts';

let next = randomInt(0, 900_000);

/** A valid NHS number in the 999 range kept for testing, different every time in one process. */
export function uniqueNhsNumber(): string {
  for (;;) {
    const first = `999${String(next++ % 1_000_000).padStart(6, '0')}`;
    for (let check = 0; check <= 9; check++) {
      if (hasValidCheckDigit(`${first}${check}`)) return `${first}${check}`;
    }
    // Nine digits whose check digit would be 10 have no valid NHS number: try the next.
  }
}

/** The referral form's answers as the island posts them (JSON), with a new person and submission id. */
export function uniqueReferral(overrides: Record<string, unknown> = {}): Record<string, unknown> & { submissionId: string } {
  return { ...referral, nhsNumber: uniqueNhsNumber(), familyName: `Example${randomUUID().slice(0, 6)}`, submissionId: randomUUID(), ...overrides };
}
