// To the lead professional (who made the person's latest referral): the DSR team has
// reviewed the person's rating. By the referral's reference and the new rating only.
import { ratingFor } from '../../content/ratings.ts';
import { defineEmail } from './template.ts';

export const ratingReviewed = defineEmail<{ reference: string; rating: string }>({
  kind: 'rating_reviewed',
  facts: ['reference', 'rating'],
  draw: ({ reference, rating: ratingId }, { siteUrl }) => {
    const rating = ratingFor(ratingId);
    return {
      subject: `Rating reviewed: ${reference}`,
      blocks: [
        { paragraph: 'The DSR team has reviewed the rating of the person you last referred with this reference. The rating has changed to the one below.' },
        {
          facts: [
            ['Reference', reference],
            ['Rating now', rating.name],
          ],
        },
        { leadIn: 'What happens next:', list: rating.mustHappen },
        { paragraph: 'Quote the reference if you contact the team about this person:', link: `${siteUrl}/contact/` },
      ],
    };
  },
});
