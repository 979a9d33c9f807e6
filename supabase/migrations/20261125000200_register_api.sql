-- The register's API: the only way in to the data. Contract: supabase/API.md.
--
-- Every function here is `security definer` with `search_path = ''` (so every name
-- inside is schema-qualified and nobody can shadow one), runs as one transaction,
-- and may be executed by `service_role` only (granted at the end of this file).
--
-- Errors: bad input raises SQLSTATE 22023 with message = problem code and
-- detail = payload field; refusals raise P0001 with message = code.
--
-- Submissions: one `payload jsonb` argument (the form's camelCase fields plus
-- `siteUrl` and `teamEmail`, which the caller reads from its settings), jsonb result.
--
--   register_professional(payload jsonb) -> {professionalId, status, created}
--       payload: fullName, email, jobTitle, organisation, area, phone?,
--                agreedToResponsibilities, approvalNeeded, siteUrl, teamEmail
--   create_sign_in_token(email text) -> {token|null, expiresAt}
--       raw token returned once; only its SHA-256 is stored; 10 minutes; single use
--   redeem_sign_in_token(token text, email text)
--       -> {sessionToken, professionalId, idleExpiresAt, absoluteExpiresAt}
--   read_session(session_token text)
--       -> {professionalId, email, fullName, jobTitle, organisation, area,
--           idleExpiresAt, absoluteExpiresAt}     (slides the 30-minute idle clock)
--   end_session(session_token text) -> {ended}
--   record_consent(payload jsonb) -> {reference: 'CON-XXXX-XXXX'}
--       payload: professionalId, personName, dateOfBirth, decision,
--                decisionMakerName?, decisionMakerRole?, decisionDate?, consulted[],
--                sharingWith[], siteUrl, teamEmail
--   submit_referral(payload jsonb)
--       -> {reference: 'DSR-XXXX-XXXX', personId, existingPerson, ageAtReferral,
--           ageGroup, keyworkerEligible, reviewType}
--       payload: professionalId, givenName, familyName, dateOfBirth, nhsNumber|null,
--                nhsNumberUnknownReason?, postcode, area, gpPractice?, condition,
--                livesIn, hospitalName?, admissionDate?, rating, ratingAgreedOn,
--                ratingReason, consentBasis, consentReference?, familyInvolved,
--                servicesInvolved[], previousReview, communicationNeeds?,
--                submissionId?, siteUrl, teamEmail
--   request_withdrawal(payload jsonb) -> {reference: 'WDR-XXXX-XXXX'}
--       payload: personName, dateOfBirth, dsrReference?, requesterRelationship,
--                requesterName, requesterEmail?, requesterPhone?,
--                understandsSupportContinues, siteUrl, teamEmail
--   hit_rate_limit(key text, max_hits integer, window_seconds integer)
--       -> {limited, hits, retryAfterSeconds}
--   claim_outbox(batch_size integer = 20, visibility_seconds integer = 120)
--       -> [{id, to, subject, text, kind, urgent, idempotencyKey, attempts}]
--   mark_outbox_sent(id uuid, provider_message_id text = null) -> {id, status}
--   mark_outbox_failed(id uuid, error text, max_attempts integer = 10)
--       -> {id, status, attempts, nextAttemptAt}
--   approve_professional(email text, actor text, site_url text) -> {professionalId, status}
--   complete_withdrawal(withdrawal_reference text, actor text)
--       -> {withdrawalReference, erasedPeople, erasedReferrals[], erasedConsents[], erasedEmails}
--   purge_expired() -> {signInTokens, sessions, rateLimits, sentEmails}
--
-- (Bodies being completed: this commit fixes the signatures.)

create or replace function public.register_professional(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.create_sign_in_token(email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.redeem_sign_in_token(token text, email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.read_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.end_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.record_consent(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.submit_referral(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.request_withdrawal(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.hit_rate_limit(key text, max_hits integer, window_seconds integer) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.claim_outbox(batch_size integer default 20, visibility_seconds integer default 120) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.mark_outbox_sent(id uuid, provider_message_id text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.mark_outbox_failed(id uuid, error text, max_attempts integer default 10) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.approve_professional(email text, actor text, site_url text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.complete_withdrawal(withdrawal_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;

create or replace function public.purge_expired() returns jsonb
language plpgsql security definer set search_path = '' as $$
begin raise exception using errcode = '0A000', message = 'not_implemented'; end $$;
