// To the referrer: the referral's reference, its rating and what happens next (and, for
// a re-referral of someone they referred before, the entry's rating before and now).
import { ratingFor } from '../../content/ratings.ts';
import { entryUpdatedWords } from '../../forms/receipts.ts';
import { referralPromise } from '../../content/timescales.ts';
import { defineEmail } from './template.ts';

interface ReferralReceiptFacts {
  [fact: string]: string | boolean | undefined;
  reference: string;
  rating: string;
  area: string;
  updatedEntry?: boolean;
  ratingBefore?: string;
  ratingNow?: string;
}

export const referralReceipt = defineEmail<ReferralReceiptFacts>({
  kind: 'referral_receipt',
  facts: ['reference', 'rating', 'area', 'updatedEntry', 'ratingBefore', 'ratingNow'],
  draw: ({ reference, rating: ratingId, area, updatedEntry, ratingBefore, ratingNow }, { siteUrl }) => {
    const rating = ratingFor(ratingId);
    const updated = updatedEntry && ratingBefore && ratingNow ? entryUpdatedWords(ratingFor(ratingBefore).name, ratingFor(ratingNow).name) : undefined;
    return {
      subject: `Referral received: ${reference}`,
      blocks: [
        { paragraph: 'Thank you. The DSR team has your referral.' },
        ...(updated ? [{ paragraph: updated }] : []),
        {
          facts: [
            ['Reference', reference],
            ['Rating', rating.name],
            ['Area', area],
          ],
        },
        { paragraph: referralPromise(rating.id) },
        { paragraph: 'Quote the reference if you contact the team about this referral.' },
        { leadIn: 'What happens next:', list: rating.mustHappen },
        { paragraph: 'The whole pathway:', link: `${siteUrl}/professionals/referral-pathway/` },
        { paragraph: 'Your referrals and consent records, and where each stands:', link: `${siteUrl}/my-referrals/` },
      ],
    };
  },
});
