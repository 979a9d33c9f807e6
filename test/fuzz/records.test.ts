// Fuzzing the three records people send (see endpoint.ts for the property each keeps):
// POST /api/consents and /api/referrals (signed in), POST /api/withdrawals and /api/requests (anyone).
// One embedded database for the file; the endpoints take turns on it.
import { describe, expect } from 'vitest';
import { onRequestPost as postConsent } from '../../functions/[[path]].ts';
import { onRequestPost as postReferral } from '../../functions/[[path]].ts';
import { onRequestPost as postWithdrawal } from '../../functions/[[path]].ts';
import { onRequestPost as postRequest } from '../../functions/[[path]].ts';
import { consentForm, referralForm, requestForm, withdrawalForm } from '../../src/forms/index.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint, referenceOf, useFuzzSite } from './endpoint.ts';

describe('fuzzed consent, referral and withdrawal posts', () => {
  const site = useFuzzSite();

  fuzzEndpoint(site, {
    form: consentForm,
    path: '/api/consents',
    handler: postConsent,
    acceptedStatus: 201,
    valid: ({ today }) => validAnswers('consent', today),
    async stored(accepted, { sql }) {
      const checked = consentForm.validate(accepted.posted);
      if (!checked.ok) throw new Error('accepted answers the form refuses');
      const rows = await sql`select decision, date_of_birth::text as born from private.consents where reference = ${referenceOf(accepted)}`;
      expect(rows).toEqual([{ decision: checked.payload.decision, born: checked.payload.dateOfBirth }]);
      expect(accepted.after.consents).toBe(accepted.before.consents + 1);
    },
  });

  fuzzEndpoint(site, {
    form: referralForm,
    path: '/api/referrals',
    handler: postReferral,
    acceptedStatus: 201,
    valid: ({ today }) => validAnswers('referral', today),
    async stored(accepted, { sql }) {
      const checked = referralForm.validate(accepted.posted);
      if (!checked.ok) throw new Error('accepted answers the form refuses');
      // The referral, with the rating sent, and its two emails (the team's and the receipt).
      const rows = await sql`
        select r.rating, (select count(*)::int from private.outbox o where o.about_reference = r.reference) as emails
        from private.referrals r where r.reference = ${referenceOf(accepted)}`;
      expect(rows).toEqual([{ rating: checked.payload.rating, emails: 2 }]);
    },
  });

  fuzzEndpoint(site, {
    form: withdrawalForm,
    path: '/api/withdrawals',
    handler: postWithdrawal,
    acceptedStatus: 201,
    valid: ({ today }) => validAnswers('withdrawal', today),
    async stored(accepted, { sql }) {
      const rows = await sql`select status from private.withdrawals where reference = ${referenceOf(accepted)}`;
      expect(rows).toEqual([{ status: 'requested' }]);
      expect(accepted.after.withdrawals).toBe(accepted.before.withdrawals + 1);
    },
  });

  fuzzEndpoint(site, {
    form: requestForm,
    path: '/api/requests',
    handler: postRequest,
    acceptedStatus: 201,
    valid: ({ today }) => validAnswers('request', today),
    async stored(accepted, { sql }) {
      const checked = requestForm.validate(accepted.posted);
      if (!checked.ok) throw new Error('accepted answers the form refuses');
      // One request, and its emails: the team's always, the acknowledgement when an email address was given.
      const rows = await sql`
        select q.asker_relationship, (select count(*)::int from private.outbox o where o.about_reference = q.reference) as emails
        from private.requests q where q.reference = ${referenceOf(accepted)}`;
      expect(rows).toEqual([{ asker_relationship: checked.payload.askerRelationship, emails: checked.payload.askerEmail ? 2 : 1 }]);
      expect(accepted.after.requests).toBe(accepted.before.requests + 1);
    },
  });
});
