-- Fictional demo data for local use only (npm start's first run, npm run db:reset,
-- supabase db reset). Every person, address and number here is made up; the NHS
-- numbers are in the 999 range kept for testing. Nothing here runs on a hosted project.
--
-- It goes through the same SQL functions as the site, so the demo data obeys every rule.
-- Running it twice adds nothing the second time.
do $$
declare
  team constant text := 'dsr.team@example.nhs.net';
  referrer uuid;
  registered jsonb;
  consent jsonb;
  first_referral jsonb;
begin
  if exists (select 1 from private.professionals where email = 'demo.referrer@example.nhs.net') then
    return;
  end if;

  -- An active account (an allowed NHS domain) and one waiting for the team's approval.
  -- Each follows the first sign-in link, as its owner would: until then a registration
  -- has not proven its address, and can neither refer nor wait for approval.
  registered := public.register_professional(jsonb_build_object(
    'fullName', 'Demo Referrer', 'email', 'demo.referrer@example.nhs.net',
    'jobTitle', 'Community learning disability nurse', 'organisation', 'Demo Community Learning Disability Team',
    'area', 'Northshire North', 'phone', '01632 960000', 'agreedToResponsibilities', true, 'approvalNeeded', false,
    'teamEmail', team));
  perform public.redeem_sign_in_token(registered ->> 'token', 'demo.referrer@example.nhs.net');
  referrer := (registered ->> 'professionalId')::uuid;
  registered := public.register_professional(jsonb_build_object(
    'fullName', 'Demo Waiting', 'email', 'demo.waiting@example.org',
    'jobTitle', 'Support worker', 'organisation', 'Demo Care Provider',
    'area', 'Northshire South', 'agreedToResponsibilities', true, 'approvalNeeded', true,
    'teamEmail', team));
  perform public.redeem_sign_in_token(registered ->> 'token', 'demo.waiting@example.org');

  -- A young person referred twice (their rating history), quoting a consent record.
  consent := public.record_consent(jsonb_build_object(
    'professionalId', referrer, 'personName', 'Demo Person One', 'dateOfBirth', '2010-06-15',
    'decision', 'parental_responsibility', 'decisionMakerName', 'Demo Parent',
    'decisionDate', '2026-09-01', 'consulted', jsonb_build_array('family'),
    'sharingWith', jsonb_build_array('health', 'social_care', 'education'), 'teamEmail', team));
  first_referral := public.submit_referral(jsonb_build_object(
    'professionalId', referrer, 'givenName', 'Demo', 'familyName', 'Person One', 'dateOfBirth', '2010-06-15',
    'nhsNumber', '9990000018', 'postcode', 'ZZ99 3AA', 'area', 'Northshire North', 'condition', 'autism',
    'livesIn', 'community', 'rating', 'amber', 'ratingAgreedOn', '2026-09-10',
    'ratingReason', 'Fictional: school placement under strain.', 'consentBasis', 'parental_responsibility',
    'consentReference', consent ->> 'reference', 'familyInvolved', 'Fictional: parents involved.',
    'servicesInvolved', jsonb_build_array('camhs', 'education'), 'previousReview', 'none',
    'teamEmail', team));
  perform public.submit_referral(jsonb_build_object(
    'professionalId', referrer, 'givenName', 'Demo', 'familyName', 'Person One', 'dateOfBirth', '2010-06-15',
    'nhsNumber', '9990000018', 'postcode', 'ZZ99 3AA', 'area', 'Northshire North', 'condition', 'autism',
    'livesIn', 'community', 'rating', 'red', 'ratingAgreedOn', '2026-11-02',
    'ratingReason', 'Fictional: crisis at home this month.', 'consentBasis', 'parental_responsibility',
    'familyInvolved', 'Fictional: parents involved.', 'servicesInvolved', jsonb_build_array('camhs', 'keyworking'),
    'previousReview', 'cetr', 'teamEmail', team));

  -- An adult in hospital (BLUE), whose NHS number was not known.
  perform public.submit_referral(jsonb_build_object(
    'professionalId', referrer, 'givenName', 'Demo', 'familyName', 'Person Two', 'dateOfBirth', '1994-02-20',
    'nhsNumber', null, 'nhsNumberUnknownReason', 'Fictional: not yet confirmed.', 'postcode', 'ZZ99 3AB',
    'area', 'Riverton City', 'condition', 'both', 'livesIn', 'mental_health_hospital',
    'hospitalName', 'Demo Hospital', 'admissionDate', '2026-08-01', 'rating', 'blue', 'ratingAgreedOn', '2026-08-03',
    'ratingReason', 'Fictional: admitted in August.', 'consentBasis', 'best_interests',
    'familyInvolved', 'Fictional: sister consulted.', 'servicesInvolved', jsonb_build_array('community_learning_disability_team'),
    'previousReview', 'ctr', 'teamEmail', team));

  -- A request to withdraw, not yet completed.
  perform public.request_withdrawal(jsonb_build_object(
    'personName', 'Demo Person One', 'dateOfBirth', '2010-06-15', 'dsrReference', first_referral ->> 'reference',
    'requesterRelationship', 'parent_or_carer', 'requesterName', 'Demo Parent',
    'requesterEmail', 'demo.parent@example.com', 'understandsSupportContinues', true,
    'teamEmail', team));

  -- The demo's emails count as sent, so starting the site does not send a burst of them.
  update private.outbox set status = 'sent', sent_at = now() where status = 'pending';
end
$$;
