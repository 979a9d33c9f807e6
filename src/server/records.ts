// The three records people send: consent (signed in), referrals (signed in) and
// withdrawal requests (anyone). Each is one SQL function; its reference comes back.
import { consentForm, referralForm, withdrawalForm } from '../forms/index.ts';
import type { ConsentPayload } from '../forms/consent.ts';
import type { ReferralPayload } from '../forms/referral.ts';
import type { WithdrawalPayload } from '../forms/withdrawal.ts';
import { log } from './mail';
import type { FormRoute } from './submission';

const withReference = (page: string, reference: string, extra: Record<string, string> = {}) =>
  `${page}?${new URLSearchParams({ reference, ...extra }).toString()}`;

export const consentRoute: FormRoute<ConsentPayload, { reference: string }> = {
  form: consentForm,
  submit: (db, payload, { settings, professional }) =>
    db.call('record_consent', {
      payload: { ...payload, professionalId: professional!.professionalId, siteUrl: settings.siteUrl, teamEmail: settings.teamEmail },
    }),
  accepted: ({ reference }) => {
    log({ event: 'consent_recorded', reference });
    return { status: 201, body: { reference }, location: withReference(consentForm.confirmationPage, reference) };
  },
};

interface ReferralResult {
  reference: string;
  ageGroup: 'child' | 'young_person' | 'adult';
  keyworkerEligible: boolean;
  reviewType: 'cetr' | 'ctr';
  existingPerson: boolean;
}

export const referralRoute: FormRoute<ReferralPayload, ReferralResult> = {
  form: referralForm,
  submit: (db, payload, { settings, professional }) =>
    db.call('submit_referral', {
      payload: { ...payload, professionalId: professional!.professionalId, siteUrl: settings.siteUrl, teamEmail: settings.teamEmail },
    }),
  accepted: (result, payload) => {
    log({ event: 'referral_submitted', reference: result.reference, rating: payload.rating });
    const { reference, ageGroup, keyworkerEligible, reviewType } = result;
    return {
      status: 201,
      body: { reference, rating: payload.rating, ageGroup, keyworkerEligible, reviewType },
      location: withReference(referralForm.confirmationPage, reference, {
        rating: payload.rating,
        keyworker: keyworkerEligible ? 'yes' : 'no',
        review: reviewType,
      }),
    };
  },
};

export const withdrawalRoute: FormRoute<WithdrawalPayload, { reference: string }> = {
  form: withdrawalForm,
  submit: (db, payload, { settings }) =>
    db.call('request_withdrawal', { payload: { ...payload, siteUrl: settings.siteUrl, teamEmail: settings.teamEmail } }),
  accepted: ({ reference }) => {
    log({ event: 'withdrawal_requested', reference });
    return { status: 201, body: { reference }, location: withReference(withdrawalForm.confirmationPage, reference) };
  },
};
