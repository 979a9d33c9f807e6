// POST /api/referrals (signed in) under fuzzed bodies (see endpoint.ts for the property).
import { expect } from 'vitest';
import { onRequestPost } from '../../functions/api/referrals.ts';
import { referralForm } from '../../src/forms/index.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint, referenceOf } from './endpoint.ts';

fuzzEndpoint({
  form: referralForm,
  path: '/api/referrals',
  handler: onRequestPost,
  acceptedStatus: 201,
  valid: ({ today }) => validAnswers('referral', today),
  async stored(accepted, { sql }) {
    const checked = referralForm.validate(accepted.posted);
    if (!checked.ok) throw new Error('accepted answers the form refuses');
    const rows = await sql`
      select r.rating, (select count(*)::int from private.outbox o where o.about_reference = r.reference) as emails
      from private.referrals r where r.reference = ${referenceOf(accepted)}`;
    expect(rows).toEqual([{ rating: checked.payload.rating, emails: 2 }]);
  },
});
