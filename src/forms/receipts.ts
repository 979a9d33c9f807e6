// What the service says once a submission is accepted, as the confirmation shows it: the
// record's reference and, for a referral, its rating, whether the person must be
// assessed for a keyworker and the review that applies (and, for a re-referral by the one
// who referred the entry before, its rating before and now). The same facts travel three ways: in the JSON
// answer to the island, in the confirmation page's address after a post without
// JavaScript (?reference=…&rating=…&keyworker=yes&review=cetr), and in the receipt
// the island draws. References are not personal details. The browser imports this file.

export interface Receipt {
  reference: string;
  /** Referrals only: the rating sent, so the page can say what happens next. */
  rating?: string;
  /** Referrals only: whether the person must be assessed for a keyworker (worked out by the database). */
  keyworker?: boolean;
  /** Referrals only: the review that applies (cetr or ctr). */
  review?: string;
  /**
   * A re-referral by the professional who referred the same entry before (and only then:
   * nobody learns that someone else referred the person): the entry's rating before this
   * referral and now.
   */
  update?: { before: string; now: string };
}

/** What the confirmation and the receipt email say about a re-referral, given the ratings' names. */
export function entryUpdatedWords(before: string, now: string): string {
  const change = before === now ? `Their rating on the register stays ${now}.` : `Their rating on the register was ${before} and is now ${now}.`;
  return `This referral updated the entry of someone you referred before. ${change}`;
}

/** A code as the register writes them ("red", "young_person"): anything else is not drawn. */
const isCode = (value: unknown): value is string => typeof value === 'string' && /^[a-z]+(_[a-z]+)*$/.test(value);

/** From the JSON answer: { reference, rating, keyworkerEligible, reviewType }. */
export function receiptFromAnswer(answer: Record<string, unknown>): Receipt {
  const receipt: Receipt = { reference: typeof answer.reference === 'string' ? answer.reference : '' };
  if (isCode(answer.rating)) receipt.rating = answer.rating;
  if (typeof answer.keyworkerEligible === 'boolean') receipt.keyworker = answer.keyworkerEligible;
  if (isCode(answer.reviewType)) receipt.review = answer.reviewType;
  if (answer.updatedEntry === true && isCode(answer.ratingBefore) && isCode(answer.ratingNow)) receipt.update = { before: answer.ratingBefore, now: answer.ratingNow };
  return receipt;
}

/** The confirmation page's address with the receipt in it. */
export function confirmationAddress(page: string, receipt: Receipt): string {
  const query = new URLSearchParams({ reference: receipt.reference });
  if (receipt.rating) query.set('rating', receipt.rating);
  if (receipt.keyworker !== undefined) query.set('keyworker', receipt.keyworker ? 'yes' : 'no');
  if (receipt.review) query.set('review', receipt.review);
  if (receipt.update) {
    query.set('before', receipt.update.before);
    query.set('now', receipt.update.now);
  }
  return `${page}?${query.toString()}`;
}

/** Back from the address: only facts of the right shape; the reference is read by the caller, by its kind. */
export function receiptFromAddress(reference: string, query: URLSearchParams): Receipt {
  const receipt: Receipt = { reference };
  const rating = query.get('rating');
  if (isCode(rating)) receipt.rating = rating;
  const keyworker = query.get('keyworker');
  if (keyworker === 'yes' || keyworker === 'no') receipt.keyworker = keyworker === 'yes';
  const review = query.get('review');
  if (isCode(review)) receipt.review = review;
  const [before, now] = [query.get('before'), query.get('now')];
  if (isCode(before) && isCode(now)) receipt.update = { before, now };
  return receipt;
}
