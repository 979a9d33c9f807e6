// To the referrer: the referral's reference, its rating and what happens next.
import { ratingFor } from '../../content/ratings.ts';
import { referralPromise } from '../../content/timescales.ts';
import { defineEmail } from './template.ts';

export const referralReceipt = defineEmail<{ reference: string; rating: string; area: string }>({
  kind: 'referral_receipt',
  facts: ['reference', 'rating', 'area'],
  draw: ({ reference, rating: ratingId, area }, { siteUrl }) => {
    const rating = ratingFor(ratingId);
    return {
      subject: `Referral received: ${reference}`,
      blocks: [
        { paragraph: 'Thank you. The DSR team has your referral.' },
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
      ],
    };
  },
});
