// Limits on how often the forms can be used, counted in the database so they hold
// across every worker. Keys are hashed: the counters never hold an address or an email.
import type { Database } from '../platform/database.ts';
import { sha256 } from '../platform/hash.ts';

export interface Limit {
  /** What is counted; part of the key. */
  name: string;
  maxHits: number;
  windowSeconds: number;
}

export const limits = {
  /** Sign-in links sent to one email address. */
  signInEmailsPerAddress: { name: 'sign-in-email', maxHits: 5, windowSeconds: 60 * 60 },
  /** Form submissions (every POST: register, sign in, consent, referral, withdrawal) from one IP address. */
  submissionsPerAddress: { name: 'submissions', maxHits: 30, windowSeconds: 10 * 60 },
  /** Attempts to use a sign-in link from one IP address: guessing tokens is hopeless, but costs a query each. */
  signInConfirmationsPerAddress: { name: 'sign-in-confirm', maxHits: 20, windowSeconds: 10 * 60 },
} satisfies Record<string, Limit>;

export interface RateLimitResult {
  limited: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/** Counts one hit against `limit` for `who` (an IP address or an email address). */
export async function hitLimit(db: Database, limit: Limit, who: string): Promise<RateLimitResult> {
  const key = `${limit.name}:${await sha256(who.toLowerCase())}`;
  return db.call<RateLimitResult>('hit_rate_limit', { key, max_hits: limit.maxHits, window_seconds: limit.windowSeconds });
}
