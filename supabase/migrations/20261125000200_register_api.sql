-- The register's API: the only way in to the data. Contract and error codes: supabase/API.md.
--
-- Every function in `public` here is `security definer` with `search_path = ''` (every
-- name inside is schema-qualified, so nobody can shadow one), runs as one transaction,
-- and may be executed by `service_role` only (granted at the end of this file).
--
-- Errors: bad input raises SQLSTATE 22023 with message = problem code (e.g.
-- `nhs_number_invalid`) and detail = the payload field (`nhsNumber`); refusals raise
-- P0001 with message = code (e.g. `sign_in_token_expired`). Either way nothing changes.
--
-- Submissions take one `payload jsonb` (the form's camelCase fields plus `siteUrl` and
-- `teamEmail`, which the caller reads from SITE_URL / DSR_TEAM_EMAIL) and return jsonb.
--
--   register_professional(payload jsonb) -> {professionalId, status, created}
--       payload: fullName, email, jobTitle, organisation, area, phone?,
--                agreedToResponsibilities, approvalNeeded, siteUrl, teamEmail
--   create_sign_in_token(email text) -> {token|null, expiresAt|null}
--       raw token returned once (the caller emails the link); only its SHA-256 is
--       stored; lives 10 minutes; single use; only with the same email
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
-- Inside plpgsql every column is qualified by its table's alias, so a parameter that
-- shares a column's name (email, id, key) can never be read as the column.

-- =================================================================================
-- Reading a submission. Each helper raises 22023 <problem>_missing / _invalid /
-- _too_long with the field's name as detail, so the caller can point at the field.

create function private.invalid(problem text, field text) returns void
language plpgsql as $$
begin
  raise exception using errcode = '22023', message = problem, detail = field;
end
$$;

create function private.refuse(problem text, field text default null) returns void
language plpgsql as $$
begin
  if field is null then
    raise exception using errcode = 'P0001', message = problem;
  end if;
  raise exception using errcode = 'P0001', message = problem, detail = field;
end
$$;

create function private.payload_object(payload jsonb) returns jsonb
language plpgsql immutable as $$
begin
  if payload is null or pg_catalog.jsonb_typeof(payload) <> 'object' then
    perform private.invalid('payload_invalid', '');
  end if;
  return payload;
end
$$;

-- A text field, trimmed; absent, JSON null and blank all read as null. Single-line
-- fields refuse control characters (they may end up in an email subject); multi-line
-- ones allow line breaks and tabs only.
create function private.text_field(payload jsonb, field text, problem text, max_length integer,
                                   required boolean, multiline boolean default false) returns text
language plpgsql immutable as $$
declare
  value jsonb := payload -> field;
  result text;
begin
  if value is not null and pg_catalog.jsonb_typeof(value) not in ('string', 'null') then
    perform private.invalid(problem || '_invalid', field);
  end if;
  result := nullif(pg_catalog.btrim(value #>> '{}', E' \t\r\n'), '');
  if result is null then
    if required then perform private.invalid(problem || '_missing', field); end if;
    return null;
  end if;
  if pg_catalog.length(result) > max_length then
    perform private.invalid(problem || '_too_long', field);
  end if;
  if (multiline and result ~ E'[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]')
     or (not multiline and result ~ '[[:cntrl:]]') then
    perform private.invalid(problem || '_invalid', field);
  end if;
  return result;
end
$$;

-- One of a fixed set of values.
create function private.choice_field(payload jsonb, field text, problem text, choices text[], required boolean) returns text
language plpgsql immutable as $$
declare
  result text := private.text_field(payload, field, problem, 100, false);
begin
  if result is null then
    if required then perform private.invalid(problem || '_invalid', field); end if;
    return null;
  end if;
  if not (result = any (choices)) then perform private.invalid(problem || '_invalid', field); end if;
  return result;
end
$$;

-- YYYY-MM-DD and a real calendar date, checked without casting so a bad date is our
-- error code rather than a cast failure.
create function private.parse_date(value text) returns date
language sql stable as $$
  select case
    when value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then null
    when pg_catalog.substr(value, 1, 4)::int < 1 or pg_catalog.substr(value, 6, 2)::int not between 1 and 12 then null
    when pg_catalog.substr(value, 9, 2)::int not between 1 and pg_catalog.date_part('day',
           pg_catalog.make_date(pg_catalog.substr(value, 1, 4)::int, pg_catalog.substr(value, 6, 2)::int, 1)
           + interval '1 month' - interval '1 day')::int then null
    else value::date end
$$;

create function private.date_field(payload jsonb, field text, problem text, required boolean) returns date
language plpgsql stable as $$
declare
  value text := private.text_field(payload, field, problem, 10, false);
  result date;
begin
  if value is null then
    if required then perform private.invalid(problem || '_invalid', field); end if;
    return null;
  end if;
  result := private.parse_date(value);
  if result is null then perform private.invalid(problem || '_invalid', field); end if;
  if result > private.today() then perform private.invalid(problem || '_in_future', field); end if;
  return result;
end
$$;

-- A true/false field; anything else (absent, "yes") raises `problem` as given.
create function private.boolean_field(payload jsonb, field text, problem text) returns boolean
language plpgsql immutable as $$
begin
  if pg_catalog.jsonb_typeof(payload -> field) is distinct from 'boolean' then
    perform private.invalid(problem, field);
  end if;
  return (payload ->> field)::boolean;
end
$$;

create function private.uuid_field(payload jsonb, field text, problem text, required boolean) returns uuid
language plpgsql immutable as $$
declare
  value text := private.text_field(payload, field, problem, 36, false);
begin
  if value is null then
    if required then perform private.invalid(problem || '_invalid', field); end if;
    return null;
  end if;
  if value !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    perform private.invalid(problem || '_invalid', field);
  end if;
  return value::uuid;
end
$$;

-- A list of short texts (checkbox values, services involved), each trimmed.
create function private.list_field(payload jsonb, field text, problem text, min_items integer,
                                   max_items integer, max_length integer) returns text[]
language plpgsql immutable as $$
declare
  value jsonb := payload -> field;
  result text[];
  all_text boolean;
begin
  if value is null or pg_catalog.jsonb_typeof(value) = 'null' then
    value := '[]';
  elsif pg_catalog.jsonb_typeof(value) <> 'array' then
    perform private.invalid(problem || '_invalid', field);
  end if;
  select coalesce(pg_catalog.array_agg(pg_catalog.btrim(item #>> '{}', E' \t\r\n') order by position), '{}'),
         coalesce(pg_catalog.bool_and(pg_catalog.jsonb_typeof(item) = 'string'), true)
    into result, all_text
    from pg_catalog.jsonb_array_elements(value) with ordinality as items (item, position);
  if not all_text then
    perform private.invalid(problem || '_invalid', field);
  end if;
  if pg_catalog.cardinality(result) < min_items then
    perform private.invalid(problem || '_missing', field);
  end if;
  if not private.short_items_are_valid(result, max_items, max_length) then
    perform private.invalid(problem || '_invalid', field);
  end if;
  return result;
end
$$;

create function private.email_field(payload jsonb, field text, problem text, required boolean) returns text
language plpgsql immutable as $$
declare
  result text := pg_catalog.lower(private.text_field(payload, field, problem, 254, false));
begin
  if result is null then
    if required then perform private.invalid(problem || '_invalid', field); end if;
    return null;
  end if;
  if not private.email_is_valid(result) then perform private.invalid(problem || '_invalid', field); end if;
  return result;
end
$$;

-- A phone number: 7 to 15 digits once spaces, brackets, dots and hyphens are set aside
-- (the form checks the UK shapes more closely).
create function private.phone_field(payload jsonb, field text, problem text, required boolean) returns text
language plpgsql immutable as $$
declare
  result text := private.text_field(payload, field, problem, 30, required);
begin
  if result is not null and (result !~ '^\+?[0-9 ().-]{7,30}$'
       or pg_catalog.length(pg_catalog.regexp_replace(result, '[^0-9]', '', 'g')) not between 7 and 15) then
    perform private.invalid(problem || '_invalid', field);
  end if;
  return result;
end
$$;

-- The site's address for links in emails, without a trailing slash.
create function private.site_url(value text, field text) returns text
language plpgsql immutable as $$
declare
  result text := pg_catalog.rtrim(pg_catalog.btrim(value), '/');
begin
  if result is null or pg_catalog.length(result) > 200
     or result !~ '^https?://[^[:space:][:cntrl:]/?#@]+(/[^[:space:][:cntrl:]?#]*)?$' then
    perform private.invalid('site_url_invalid', field);
  end if;
  return result;
end
$$;

create function private.team_email(value text, field text) returns text
language plpgsql immutable as $$
declare
  result text := pg_catalog.lower(pg_catalog.btrim(value));
begin
  if result is null or not private.email_is_valid(result) then
    perform private.invalid('team_email_invalid', field);
  end if;
  return result;
end
$$;

-- The referrer or recorder: their account must exist and be active.
create function private.active_professional(payload jsonb) returns private.professionals
language plpgsql stable as $$
declare
  professional private.professionals;
begin
  select p.* into professional
    from private.professionals as p
   where p.id = private.uuid_field(payload, 'professionalId', 'professional_id', true);
  if professional.id is null or professional.status <> 'active' then
    perform private.refuse('professional_not_active', 'professionalId');
  end if;
  return professional;
end
$$;

-- =================================================================================
-- Writing emails and audit events.

create function private.queue_email(email_kind text, recipient text, subject text, body text, urgent boolean,
                                    idempotency_key text, person_id uuid, about_reference text) returns void
language plpgsql as $$
begin
  insert into private.outbox (kind, recipient, subject, body_text, urgent, idempotency_key, person_id, about_reference)
  values (email_kind, recipient, subject, body, urgent, idempotency_key, person_id, about_reference);
end
$$;

-- The line every email ends with.
create function private.email_footer(site_url text) returns text
language sql immutable as $$
  select E'\n\n--\nDynamic Support Register\n' || site_url || '/'
$$;

-- 20 November 2026. Month names without the TM prefix are English whatever the locale.
create function private.long_date(value date) returns text
language sql stable as $$
  select pg_catalog.to_char(value, 'FMDD FMMonth YYYY')
$$;

create function private.audit(action text, actor text, refs text[], detail jsonb default '{}') returns void
language plpgsql as $$
begin
  insert into private.audit_events (action, actor, refs, detail) values (action, actor, refs, detail);
end
$$;

-- What the rules table says for an age and rating.
create function private.eligibility(age_in_years integer, given_rating text,
                                    out age_group text, out keyworker_eligible boolean, out review_type text)
language plpgsql stable as $$
begin
  -- One pass over the (few) rules that match this age and rating.
  select (pg_catalog.array_agg(r.outcome order by r.id) filter (where r.kind = 'age_group'))[1],
         coalesce(pg_catalog.bool_or(true) filter (where r.kind = 'keyworker'), false),
         (pg_catalog.array_agg(r.outcome order by r.id) filter (where r.kind = 'review'))[1]
    into age_group, keyworker_eligible, review_type
    from private.eligibility_rules as r
   where age_in_years between r.min_age and coalesce(r.max_age, age_in_years)
     and (r.ratings is null or given_rating = any (r.ratings));
  if age_group is null or review_type is null then
    -- The team changed the rules and left a gap: refuse rather than guess.
    perform private.refuse('eligibility_rules_incomplete');
  end if;
end
$$;

-- =================================================================================
-- Accounts

create or replace function public.register_professional(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  full_name text;
  address text;
  job_title text;
  organisation text;
  area text;
  phone text;
  approval_needed boolean;
  site_url text;
  team_email text;
  professional private.professionals;
  sign_in_link text;
begin
  payload := private.payload_object(payload);
  full_name := private.text_field(payload, 'fullName', 'full_name', 200, true);
  address := private.email_field(payload, 'email', 'email', true);
  job_title := private.text_field(payload, 'jobTitle', 'job_title', 200, true);
  organisation := private.text_field(payload, 'organisation', 'organisation', 200, true);
  area := private.text_field(payload, 'area', 'area', 100, true);
  phone := private.phone_field(payload, 'phone', 'phone', false);
  if private.boolean_field(payload, 'agreedToResponsibilities', 'responsibilities_not_agreed') is not true then
    perform private.invalid('responsibilities_not_agreed', 'agreedToResponsibilities');
  end if;
  approval_needed := private.boolean_field(payload, 'approvalNeeded', 'approval_needed_missing');
  site_url := private.site_url(payload ->> 'siteUrl', 'siteUrl');
  team_email := private.team_email(payload ->> 'teamEmail', 'teamEmail');
  sign_in_link := site_url || '/sign-in/';

  insert into private.professionals as p
    (email, full_name, job_title, organisation, area, phone, status,
     agreed_to_responsibilities_at, approved_at, approved_by)
  values
    (address, full_name, job_title, organisation, area, phone,
     case when approval_needed then 'pending_approval' else 'active' end, now(),
     case when approval_needed then null else now() end,
     case when approval_needed then null else 'allowed email domain' end)
  on conflict on constraint professionals_email_key do nothing
  returning p.* into professional;

  if professional.id is null then
    -- Already registered: change nothing, and tell the address's owner rather than the
    -- person at the form, who may not be them.
    select p.* into professional from private.professionals as p where p.email = address;
    perform private.queue_email('account_exists', professional.email,
      'You already have a Dynamic Support Register account',
      'Someone asked for a Dynamic Support Register account for this email address, but it already has one'
      || case when professional.status = 'active' then E'.\n\nYou can sign in here:\n' || sign_in_link
         else E', which is waiting for the DSR team to approve it. They will email you when it is ready.' end
      || E'\n\nIf this was not you, you can ignore this email.' || private.email_footer(site_url),
      false, 'professional:' || professional.id || ':exists:' || gen_random_uuid(), null, null);
    return pg_catalog.jsonb_build_object('professionalId', null, 'status', professional.status, 'created', false);
  end if;

  if approval_needed then
    perform private.queue_email('account_approval_needed', team_email,
      -- An organisation's name may be up to 200 characters; the subject line may not be longer.
      pg_catalog.left('Account to approve: ' || professional.organisation, 200),
      E'A professional has asked for an account on the Dynamic Support Register site. Their email\n'
      || E'address is not from an allowed domain, so the account waits for your approval.\n\n'
      || 'Email: ' || professional.email || E'\n'
      || 'Job title: ' || professional.job_title || E'\n'
      || 'Organisation: ' || professional.organisation || E'\n'
      || 'Area: ' || professional.area || E'\n\n'
      || E'Check they work where they say, then approve the account:\n'
      || 'select public.approve_professional(''' || professional.email || ''', ''your name'', '''
      || site_url || ''');' || private.email_footer(site_url),
      false, 'professional:' || professional.id || ':approval_needed', null, null);
    perform private.queue_email('account_pending', professional.email,
      'We have your request for a Dynamic Support Register account',
      E'Thank you for asking for an account.\n\n'
      || E'The DSR team checks accounts from email addresses outside the NHS before they can be used.\n'
      || E'We will email you when your account is ready.' || private.email_footer(site_url),
      false, 'professional:' || professional.id || ':pending', null, null);
  else
    perform private.queue_email('account_ready', professional.email,
      'Your Dynamic Support Register account is ready',
      E'Your account is ready to use.\n\n'
      || E'Sign in with this email address. We will send you a link each time, so there is no password to remember:\n'
      || sign_in_link || private.email_footer(site_url),
      false, 'professional:' || professional.id || ':ready', null, null);
  end if;
  perform private.audit('professional_registered', null, '{}',
    pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', professional.status));
  return pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', professional.status, 'created', true);
end
$$;

create or replace function public.create_sign_in_token(email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  professional_id uuid;
  token text;
  expires_at timestamptz := now() + interval '10 minutes';
begin
  if address is null or not private.email_is_valid(address) then
    perform private.invalid('email_invalid', 'email');
  end if;
  select p.id into professional_id from private.professionals as p
   where p.email = address and p.status = 'active';
  if professional_id is null then
    return pg_catalog.jsonb_build_object('token', null, 'expiresAt', null);
  end if;
  token := private.new_token();
  insert into private.sign_in_tokens (token_hash, professional_id, email, created_at, expires_at)
  values (private.token_hash(token), professional_id, address, now(), expires_at);
  return pg_catalog.jsonb_build_object('token', token, 'expiresAt', expires_at);
end
$$;

create or replace function public.redeem_sign_in_token(token text, email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  found_token record;
  session_token text;
  signed_in_at timestamptz := now();
  absolute_expires_at timestamptz := now() + interval '8 hours';
begin
  if token is null or address is null then
    perform private.refuse('sign_in_token_invalid');
  end if;
  -- Locked, so two clicks at once cannot both spend it.
  select t.professional_id, t.email, t.expires_at, t.used_at, p.email as account_email, p.status
    into found_token
    from private.sign_in_tokens as t
    join private.professionals as p on p.id = t.professional_id
   where t.token_hash = private.token_hash(token)
     for update of t;
  if found_token is null or found_token.email <> address
     or found_token.account_email <> found_token.email or found_token.status <> 'active' then
    perform private.refuse('sign_in_token_invalid');
  end if;
  if found_token.used_at is not null then
    perform private.refuse('sign_in_token_used');
  end if;
  if found_token.expires_at <= pg_catalog.clock_timestamp() then
    perform private.refuse('sign_in_token_expired');
  end if;
  update private.sign_in_tokens as t set used_at = now() where t.token_hash = private.token_hash(token);

  session_token := private.new_token();
  insert into private.sessions (session_hash, professional_id, created_at, last_seen_at, absolute_expires_at)
  values (private.token_hash(session_token), found_token.professional_id, signed_in_at, signed_in_at, absolute_expires_at);
  perform private.audit('signed_in', found_token.professional_id::text, '{}');
  return pg_catalog.jsonb_build_object(
    'sessionToken', session_token,
    'professionalId', found_token.professional_id,
    'idleExpiresAt', signed_in_at + interval '30 minutes',
    'absoluteExpiresAt', absolute_expires_at);
end
$$;

create or replace function public.read_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  hash bytea := private.token_hash(session_token);
  seen_at timestamptz := pg_catalog.clock_timestamp();
  live record;
  stale record;
begin
  -- One statement checks both limits and slides the idle clock.
  update private.sessions as s set last_seen_at = seen_at
    from private.professionals as p
   where s.session_hash = hash and p.id = s.professional_id
     and s.ended_at is null
     and s.last_seen_at + interval '30 minutes' > seen_at
     and s.absolute_expires_at > seen_at
     and p.status = 'active'
  returning p.id, p.email, p.full_name, p.job_title, p.organisation, p.area, s.absolute_expires_at
    into live;
  if live is null then
    select s.ended_at, p.status into stale
      from private.sessions as s join private.professionals as p on p.id = s.professional_id
     where s.session_hash = hash;
    if stale is null or stale.ended_at is not null then
      perform private.refuse('session_invalid');
    elsif stale.status <> 'active' then
      perform private.refuse('professional_not_active');
    end if;
    perform private.refuse('session_expired');
  end if;
  return pg_catalog.jsonb_build_object(
    'professionalId', live.id,
    'email', live.email,
    'fullName', live.full_name,
    'jobTitle', live.job_title,
    'organisation', live.organisation,
    'area', live.area,
    'idleExpiresAt', least(seen_at + interval '30 minutes', live.absolute_expires_at),
    'absoluteExpiresAt', live.absolute_expires_at);
end
$$;

create or replace function public.end_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  ended_count integer;
begin
  update private.sessions as s set ended_at = now()
   where s.session_hash = private.token_hash(session_token) and s.ended_at is null;
  get diagnostics ended_count = row_count;
  return pg_catalog.jsonb_build_object('ended', ended_count > 0);
end
$$;

-- =================================================================================
-- Submissions

-- Plain words for the stored codes, as they appear in emails.
create function private.decision_words(decision text) returns text
language sql immutable as $$
  select case decision
    when 'consented' then 'the person consented'
    when 'parental_responsibility' then 'consent given by someone with parental responsibility'
    when 'best_interests' then 'a Best Interests Decision'
  end
$$;

create or replace function public.record_consent(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  professional private.professionals;
  person_name text;
  date_of_birth date;
  decision text;
  decision_maker_name text;
  decision_maker_role text;
  decision_date date;
  consulted text[];
  sharing_with text[];
  site_url text;
  team_email text;
  reference text;
begin
  payload := private.payload_object(payload);
  professional := private.active_professional(payload);
  person_name := private.text_field(payload, 'personName', 'person_name', 200, true);
  date_of_birth := private.date_field(payload, 'dateOfBirth', 'date_of_birth', true);
  if date_of_birth < private.today() - interval '120 years' then
    perform private.invalid('date_of_birth_invalid', 'dateOfBirth');
  end if;
  decision := private.choice_field(payload, 'decision', 'decision',
    array['consented', 'parental_responsibility', 'best_interests'], true);
  decision_maker_name := private.text_field(payload, 'decisionMakerName', 'decision_maker_name', 200,
    decision in ('best_interests', 'parental_responsibility'));
  decision_maker_role := private.text_field(payload, 'decisionMakerRole', 'decision_maker_role', 200,
    decision = 'best_interests');
  decision_date := coalesce(private.date_field(payload, 'decisionDate', 'decision_date', false), private.today());
  if decision_date < date_of_birth then
    perform private.invalid('decision_date_before_birth', 'decisionDate');
  end if;
  consulted := private.list_field(payload, 'consulted', 'consulted',
    case when decision = 'best_interests' then 1 else 0 end, 20, 100);
  sharing_with := private.list_field(payload, 'sharingWith', 'sharing_with', 1, 20, 100);
  site_url := private.site_url(payload ->> 'siteUrl', 'siteUrl');
  team_email := private.team_email(payload ->> 'teamEmail', 'teamEmail');

  reference := private.new_reference('CON');
  insert into private.consents
    (reference, professional_id, person_name, date_of_birth, decision, decision_maker_name,
     decision_maker_role, decision_date, consulted, sharing_with)
  values
    (reference, professional.id, person_name, date_of_birth, decision, decision_maker_name,
     decision_maker_role, decision_date, consulted, sharing_with);

  perform private.queue_email('consent_recorded_team', team_email,
    'Consent record ' || reference || ': ' || private.decision_words(decision),
    E'A consent record has been made for the Dynamic Support Register.\n\n'
    || 'Reference: ' || reference || E'\n'
    || 'Decision: ' || private.decision_words(decision) || E'\n'
    || 'Date of the decision: ' || private.long_date(decision_date) || E'\n'
    || 'Recorded by: ' || professional.job_title || ', ' || professional.organisation || E'\n\n'
    || 'A referral quoting this reference should follow.' || private.email_footer(site_url),
    false, 'consent:' || reference || ':team', null, reference);
  perform private.queue_email('consent_recorded_receipt', professional.email,
    'Consent recorded: ' || reference,
    E'Your consent record has been saved.\n\n'
    || 'Reference: ' || reference || E'\n'
    || 'Decision: ' || private.decision_words(decision) || E'\n\n'
    || E'Quote this reference in the referral form:\n' || site_url || '/refer/'
    || private.email_footer(site_url),
    false, 'consent:' || reference || ':receipt', null, reference);
  perform private.audit('consent_recorded', professional.id::text, array[reference],
    pg_catalog.jsonb_build_object('decision', decision));
  return pg_catalog.jsonb_build_object('reference', reference);
end
$$;

-- What submit_referral returns, also for a retried submission.
create function private.referral_result(referral private.referrals) returns jsonb
language sql stable as $$
  select pg_catalog.jsonb_build_object(
    'reference', referral.reference,
    'personId', referral.person_id,
    'existingPerson', exists (select 1 from private.referrals as earlier
                              where earlier.person_id = referral.person_id
                                and earlier.created_at < referral.created_at),
    'ageAtReferral', referral.age_at_referral,
    'ageGroup', referral.age_group,
    'keyworkerEligible', referral.keyworker_eligible,
    'reviewType', referral.review_type)
$$;

create or replace function public.submit_referral(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  today date := private.today();
  professional private.professionals;
  submission_id uuid;
  retried private.referrals;
  given_name text;
  family_name text;
  date_of_birth date;
  nhs_number text;
  nhs_number_unknown_reason text;
  postcode text;
  area text;
  gp_practice text;
  condition text;
  lives_in text;
  hospital_name text;
  admission_date date;
  rating text;
  rating_agreed_on date;
  rating_reason text;
  consent_basis text;
  consent_reference text;
  consent private.consents;
  family_involved text;
  services_involved text[];
  previous_review text;
  communication_needs text;
  site_url text;
  team_email text;
  age_in_years integer;
  rules record;
  next_steps record;
  person private.people;
  existing_person boolean := true;
  previous_rating text;
  previous_agreed_on date;
  rating_words text;
  reference text;
  referral private.referrals;
  urgent boolean;
begin
  payload := private.payload_object(payload);
  professional := private.active_professional(payload);

  -- A retried post (double click, network retry) returns the first result.
  submission_id := private.uuid_field(payload, 'submissionId', 'submission_id', false);
  if submission_id is not null then
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('submission:' || submission_id, 0));
    select r.* into retried from private.referrals as r where r.submission_id = submission_id;
    if retried.id is not null then
      if retried.professional_id <> professional.id then
        perform private.invalid('submission_id_invalid', 'submissionId');
      end if;
      return private.referral_result(retried);
    end if;
  end if;

  -- The person
  given_name := private.text_field(payload, 'givenName', 'given_name', 100, true);
  family_name := private.text_field(payload, 'familyName', 'family_name', 100, true);
  date_of_birth := private.date_field(payload, 'dateOfBirth', 'date_of_birth', true);
  if date_of_birth < today - interval '120 years' then
    perform private.invalid('date_of_birth_invalid', 'dateOfBirth');
  end if;
  nhs_number := pg_catalog.regexp_replace(
    private.text_field(payload, 'nhsNumber', 'nhs_number', 20, false), '[[:space:]-]', '', 'g');
  if nhs_number is not null and not private.nhs_number_is_valid(nhs_number) then
    perform private.invalid('nhs_number_invalid', 'nhsNumber');
  end if;
  nhs_number_unknown_reason := private.text_field(payload, 'nhsNumberUnknownReason', 'nhs_number_unknown_reason',
    500, nhs_number is null, true);
  if nhs_number is not null then nhs_number_unknown_reason := null; end if;
  postcode := pg_catalog.upper(pg_catalog.regexp_replace(
    private.text_field(payload, 'postcode', 'postcode', 10, true), '[[:space:]]', '', 'g'));
  if postcode !~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$' then
    perform private.invalid('postcode_invalid', 'postcode');
  end if;
  postcode := pg_catalog.left(postcode, -3) || ' ' || pg_catalog.right(postcode, 3);
  area := private.text_field(payload, 'area', 'area', 100, true);
  gp_practice := private.text_field(payload, 'gpPractice', 'gp_practice', 200, false);
  condition := private.choice_field(payload, 'condition', 'condition',
    array['learning_disability', 'autism', 'both', 'awaiting_autism_assessment'], true);
  lives_in := private.choice_field(payload, 'livesIn', 'lives_in', array['community', 'mental_health_hospital'], true);
  hospital_name := private.text_field(payload, 'hospitalName', 'hospital_name', 200,
    lives_in = 'mental_health_hospital');
  admission_date := private.date_field(payload, 'admissionDate', 'admission_date', false);
  if lives_in = 'community' then
    -- A hidden hospital field left filled in on the form is not a hospital stay.
    hospital_name := null;
    admission_date := null;
  elsif admission_date < date_of_birth then
    perform private.invalid('admission_date_before_birth', 'admissionDate');
  end if;

  -- The rating
  rating := private.choice_field(payload, 'rating', 'rating', array['red', 'amber', 'green', 'blue'], true);
  if rating = 'blue' and lives_in <> 'mental_health_hospital' then
    perform private.invalid('rating_blue_needs_hospital', 'rating');
  end if;
  if rating <> 'blue' and lives_in = 'mental_health_hospital' then
    perform private.invalid('hospital_needs_blue_rating', 'rating');
  end if;
  rating_agreed_on := private.date_field(payload, 'ratingAgreedOn', 'rating_agreed_on', true);
  if rating_agreed_on < date_of_birth then
    perform private.invalid('rating_agreed_on_before_birth', 'ratingAgreedOn');
  end if;
  rating_reason := private.text_field(payload, 'ratingReason', 'rating_reason', 2000, true, true);

  -- Consent
  consent_basis := private.choice_field(payload, 'consentBasis', 'consent_basis',
    array['consented', 'parental_responsibility', 'best_interests'], true);
  consent_reference := pg_catalog.upper(private.text_field(payload, 'consentReference', 'consent_reference', 20, false));
  if consent_reference is not null and not private.reference_is_valid(consent_reference, 'CON') then
    perform private.invalid('consent_reference_invalid', 'consentReference');
  end if;

  -- Who is involved
  family_involved := private.text_field(payload, 'familyInvolved', 'family_involved', 2000, true, true);
  services_involved := private.list_field(payload, 'servicesInvolved', 'services_involved', 1, 30, 200);
  previous_review := private.choice_field(payload, 'previousReview', 'previous_review',
    array['cetr', 'ctr', 'leap', 'none', 'not_known'], true);
  communication_needs := private.text_field(payload, 'communicationNeeds', 'communication_needs', 2000, false, true);
  site_url := private.site_url(payload ->> 'siteUrl', 'siteUrl');
  team_email := private.team_email(payload ->> 'teamEmail', 'teamEmail');

  if consent_reference is not null then
    select c.* into consent from private.consents as c where c.reference = consent_reference;
    if consent.id is null then
      perform private.refuse('consent_reference_not_found', 'consentReference');
    end if;
    if consent.date_of_birth <> date_of_birth or consent.decision <> consent_basis then
      perform private.refuse('consent_reference_mismatch', 'consentReference');
    end if;
  end if;

  age_in_years := pg_catalog.date_part('year', pg_catalog.age(today, date_of_birth))::integer;
  rules := private.eligibility(age_in_years, rating);

  -- Find the person already on the register. The lock makes two referrals for the same
  -- new person at once take turns, so the second finds the first instead of adding a twin.
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('person:' || private.name_key(family_name) || ':' || date_of_birth, 0));
  -- One look: the same NHS number first; otherwise the same family name and date of
  -- birth, unless both have NHS numbers (then they differ, or the first arm would match).
  select p.* into person from private.people as p
   where p.nhs_number = nhs_number
      or (private.name_key(p.family_name) = private.name_key(family_name)
          and p.date_of_birth = date_of_birth
          and (p.nhs_number is null or nhs_number is null))
   order by p.nhs_number is not distinct from nhs_number desc, p.created_at
   limit 1;
  if person.nhs_number = nhs_number and person.date_of_birth <> date_of_birth then
    -- Most likely a mistyped NHS number: adding this rating to that entry would be worse.
    perform private.refuse('nhs_number_mismatch', 'nhsNumber');
  end if;

  if consent.person_id is not null and consent.person_id is distinct from person.id then
    perform private.refuse('consent_reference_mismatch', 'consentReference');
  end if;

  if person.id is null then
    existing_person := false;
    insert into private.people as p
      (given_name, family_name, date_of_birth, nhs_number, nhs_number_unknown_reason, postcode, area,
       gp_practice, condition, communication_needs)
    values
      (given_name, family_name, date_of_birth, nhs_number, nhs_number_unknown_reason, postcode, area,
       gp_practice, condition, communication_needs)
    returning p.* into person;
  else
    select r.rating, r.rating_agreed_on into previous_rating, previous_agreed_on from private.referrals as r
     where r.person_id = person.id order by r.created_at desc limit 1;
    update private.people as p set
      nhs_number = coalesce(p.nhs_number, nhs_number),
      nhs_number_unknown_reason = case when coalesce(p.nhs_number, nhs_number) is null
        then coalesce(nhs_number_unknown_reason, p.nhs_number_unknown_reason) end,
      postcode = postcode,
      area = area,
      gp_practice = coalesce(gp_practice, p.gp_practice),
      condition = condition,
      communication_needs = coalesce(communication_needs, p.communication_needs),
      updated_at = now()
     where p.id = person.id;
  end if;

  reference := private.new_reference('DSR');
  insert into private.referrals as r
    (reference, person_id, professional_id, submission_id, area, lives_in, hospital_name, admission_date,
     rating, rating_agreed_on, rating_reason, consent_basis, consent_id, family_involved, services_involved,
     previous_review, communication_needs, age_at_referral, age_group, keyworker_eligible, review_type)
  values
    (reference, person.id, professional.id, submission_id, area, lives_in, hospital_name, admission_date,
     rating, rating_agreed_on, rating_reason, consent_basis, consent.id, family_involved, services_involved,
     previous_review, communication_needs, age_in_years, rules.age_group, rules.keyworker_eligible,
     rules.review_type)
  returning r.* into referral;
  if consent.id is not null and consent.person_id is null then
    update private.consents as c set person_id = person.id where c.id = consent.id;
  end if;

  -- The team's email: references, rating, area and what applies; never who the person is.
  urgent := rating = 'red';
  select n.subject_action, n.next_steps into next_steps from private.rating_next_steps as n where n.for_rating = rating;
  -- Both emails in one statement, each body one format() call: this is the hot path
  -- (see bench:db), and fewer expression nodes make it measurably cheaper.
  rating_words := pg_catalog.upper(rating);
  insert into private.outbox (kind, recipient, subject, body_text, urgent, idempotency_key, person_id, about_reference)
  values ('referral_team', team_email,
    pg_catalog.format('%sDSR referral %s: %s, %s', case when urgent then '[RED – urgent] ' end, reference,
      next_steps.subject_action, area),
    pg_catalog.format(E'%sA referral has been added to the Dynamic Support Register.\n\n'
      'What must happen next: %s\n\n'
      'Reference: %s\nRating: %s, agreed on %s\nArea: %s\nAge group: %s\nLives: %s\nKeyworker: %s\n'
      'Review: %s\nConsent: %s%s\nAlready on the register: %s\nReferred by: %s, %s\n\n'
      'The person''s details are on the register, not in this email.\n\n--\nDynamic Support Register\n%s/',
      case when urgent then E'URGENT: this referral is rated RED. Act on it today.\n\n' end,
      next_steps.next_steps, reference, rating_words, pg_catalog.to_char(rating_agreed_on, 'FMDD FMMonth YYYY'), area,
      pg_catalog.replace(rules.age_group, '_', ' '),
      case when lives_in = 'community' then 'in the community' else 'in a mental health hospital' end,
      case when rules.keyworker_eligible then 'eligible - refer to the keyworking service'
           else 'not eligible at this age and rating' end,
      case when rules.review_type = 'cetr' then 'Care, Education and Treatment Review (CETR)'
           else 'Care and Treatment Review (CTR)' end,
      private.decision_words(consent_basis), ' (' || consent.reference || ')',
      case when not existing_person then 'no - a new entry'
           when previous_rating is null then 'yes'
           else 'yes - previous rating ' || pg_catalog.upper(previous_rating) || ', agreed on '
                || pg_catalog.to_char(previous_agreed_on, 'FMDD FMMonth YYYY') end,
      professional.job_title, professional.organisation, site_url),
    urgent, 'referral:' || reference || ':team', person.id, reference),
  ('referral_receipt', professional.email,
    'Referral received: ' || reference,
    pg_catalog.format(E'Thank you. The DSR team has your referral.\n\nReference: %s\nRating: %s\nArea: %s\n\n'
      'Quote the reference if you contact the team about this referral.\n\n'
      'What happens next: %s\n\nThe whole pathway: %s/professionals/referral-pathway/\n\n'
      '--\nDynamic Support Register\n%s/',
      reference, rating_words, area, next_steps.next_steps, site_url, site_url),
    false, 'referral:' || reference || ':receipt', person.id, reference);
  perform private.audit('referral_submitted', professional.id::text,
    case when consent.reference is null then array[reference] else array[reference, consent.reference] end,
    pg_catalog.jsonb_build_object('rating', rating, 'existingPerson', existing_person));

  return pg_catalog.jsonb_build_object(
    'reference', reference,
    'personId', person.id,
    'existingPerson', existing_person,
    'ageAtReferral', age_in_years,
    'ageGroup', rules.age_group,
    'keyworkerEligible', rules.keyworker_eligible,
    'reviewType', rules.review_type);
end
$$;

-- The people a withdrawal is about: by the DSR reference given (when the date of birth
-- agrees, so a mistyped reference cannot point at someone else), or by full name and
-- date of birth.
create function private.withdrawal_people(person_name text, date_of_birth date, dsr_reference text) returns uuid[]
language sql stable as $$
  select coalesce(pg_catalog.array_agg(distinct p.id), '{}')
    from private.people as p
   where p.date_of_birth = withdrawal_people.date_of_birth
     and (p.id in (select r.person_id from private.referrals as r where r.reference = withdrawal_people.dsr_reference)
          or private.name_key(p.given_name || p.family_name) = private.name_key(withdrawal_people.person_name))
$$;

create function private.relationship_words(relationship text) returns text
language sql immutable as $$
  select case relationship
    when 'self' then 'the person themselves'
    when 'parent_or_carer' then 'a parent or carer'
    when 'advocate' then 'an advocate'
    when 'professional' then 'a professional'
  end
$$;

create or replace function public.request_withdrawal(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  person_name text;
  date_of_birth date;
  dsr_reference text;
  requester_relationship text;
  requester_name text;
  requester_email text;
  requester_phone text;
  site_url text;
  team_email text;
  matches uuid[];
  reference text;
begin
  payload := private.payload_object(payload);
  person_name := private.text_field(payload, 'personName', 'person_name', 200, true);
  date_of_birth := private.date_field(payload, 'dateOfBirth', 'date_of_birth', true);
  if date_of_birth < private.today() - interval '120 years' then
    perform private.invalid('date_of_birth_invalid', 'dateOfBirth');
  end if;
  dsr_reference := pg_catalog.upper(private.text_field(payload, 'dsrReference', 'dsr_reference', 20, false));
  if dsr_reference is not null and not private.reference_is_valid(dsr_reference, 'DSR') then
    perform private.invalid('dsr_reference_invalid', 'dsrReference');
  end if;
  requester_relationship := private.choice_field(payload, 'requesterRelationship', 'requester_relationship',
    array['self', 'parent_or_carer', 'advocate', 'professional'], true);
  requester_name := private.text_field(payload, 'requesterName', 'requester_name', 200, true);
  requester_email := private.email_field(payload, 'requesterEmail', 'requester_email', false);
  requester_phone := private.phone_field(payload, 'requesterPhone', 'requester_phone', false);
  if requester_email is null and requester_phone is null then
    perform private.invalid('requester_contact_missing', 'requesterEmail');
  end if;
  if private.boolean_field(payload, 'understandsSupportContinues', 'support_continues_not_understood') is not true then
    perform private.invalid('support_continues_not_understood', 'understandsSupportContinues');
  end if;
  site_url := private.site_url(payload ->> 'siteUrl', 'siteUrl');
  team_email := private.team_email(payload ->> 'teamEmail', 'teamEmail');

  matches := private.withdrawal_people(person_name, date_of_birth, dsr_reference);
  reference := private.new_reference('WDR');
  insert into private.withdrawals
    (reference, person_name, date_of_birth, dsr_reference, requester_relationship, requester_name,
     requester_email, requester_phone, understands_support_continues, person_id)
  values
    (reference, person_name, date_of_birth, dsr_reference, requester_relationship, requester_name,
     requester_email, requester_phone, true,
     case when pg_catalog.cardinality(matches) = 1 then matches[1] end);

  perform private.queue_email('withdrawal_team', team_email,
    'Withdrawal of consent requested: ' || reference,
    E'Someone has asked for a person to be taken off the Dynamic Support Register.\n\n'
    || 'Reference: ' || reference || E'\n'
    || 'DSR reference given: ' || coalesce(dsr_reference, 'none') || E'\n'
    || 'Asked by: ' || private.relationship_words(requester_relationship) || E'\n'
    || 'They can be contacted by: '
    || pg_catalog.concat_ws(' and ', case when requester_email is not null then 'email' end,
                                      case when requester_phone is not null then 'phone' end) || E'\n'
    || 'Found on the register: ' || case pg_catalog.cardinality(matches)
         when 0 then 'no entry matched automatically - check by name and date of birth'
         when 1 then 'yes, one entry'
         else 'more than one entry matched - check carefully' end || E'\n\n'
    || E'Their support carries on while you deal with this. When the withdrawal is done, erase\n'
    || E'their details from the register:\n'
    || 'select public.complete_withdrawal(''' || reference || ''', ''your name'');'
    || private.email_footer(site_url),
    false, 'withdrawal:' || reference || ':team', null, reference);
  if requester_email is not null then
    perform private.queue_email('withdrawal_acknowledgement', requester_email,
      'We have your request: ' || reference,
      E'Thank you. The DSR team has your request to withdraw consent for the Dynamic Support Register.\n\n'
      || 'Your reference: ' || reference || E'\n\n'
      || E'Leaving the register does not stop any support or care. The team will contact you to\n'
      || E'confirm when the details have been removed.\n\n'
      || E'More about the register and your choices:\n' || site_url || '/families/'
      || private.email_footer(site_url),
      false, 'withdrawal:' || reference || ':acknowledgement', null, reference);
  end if;
  perform private.audit('withdrawal_requested', null,
    case when dsr_reference is null then array[reference] else array[reference, dsr_reference] end,
    pg_catalog.jsonb_build_object('requesterRelationship', requester_relationship,
                                  'matchedPeople', pg_catalog.cardinality(matches)));
  return pg_catalog.jsonb_build_object('reference', reference);
end
$$;

-- =================================================================================
-- Rate limits

create or replace function public.hit_rate_limit(key text, max_hits integer, window_seconds integer) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  counted record;
  hit_at timestamptz := pg_catalog.clock_timestamp();
begin
  if key is null or pg_catalog.length(key) not between 1 and 200 or max_hits is null or max_hits < 1
     or window_seconds is null or window_seconds not between 1 and 604800 then
    perform private.invalid('rate_limit_arguments_invalid', 'key');
  end if;
  -- One statement, so concurrent hits on one key queue on its row and each counts once.
  insert into private.rate_limits as l (key, window_started_at, window_seconds, hits)
  values (key, hit_at, window_seconds, 1)
  on conflict on constraint rate_limits_pkey do update set
    hits = case when l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) > hit_at
                then l.hits + 1 else 1 end,
    window_started_at = case when l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) > hit_at
                             then l.window_started_at else hit_at end,
    window_seconds = excluded.window_seconds
  returning l.hits, l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) as window_ends_at
    into counted;
  return pg_catalog.jsonb_build_object(
    'limited', counted.hits > max_hits,
    'hits', counted.hits,
    'retryAfterSeconds', case when counted.hits > max_hits
      then greatest(1, pg_catalog.ceil(pg_catalog.date_part('epoch', counted.window_ends_at - hit_at)))::integer
      else 0 end);
end
$$;

-- =================================================================================
-- The outbox

create or replace function public.claim_outbox(batch_size integer default 20, visibility_seconds integer default 120)
returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  claimed jsonb;
begin
  if batch_size is null or batch_size not between 1 and 500
     or visibility_seconds is null or visibility_seconds not between 1 and 86400 then
    perform private.invalid('outbox_arguments_invalid', 'batch_size');
  end if;
  -- skip locked: several senders at once each take different emails. Claimed emails are
  -- hidden until the visibility timeout; a sender that dies leaves them to come back.
  with due as (
    select o.id from private.outbox as o
     where o.status = 'pending' and o.available_at <= now()
     order by o.urgent desc, o.created_at
     limit batch_size
       for update skip locked
  ), taken as (
    update private.outbox as o
       set attempts = o.attempts + 1,
           available_at = now() + pg_catalog.make_interval(secs => visibility_seconds)
      from due where o.id = due.id
    returning o.id, o.recipient, o.subject, o.body_text, o.kind, o.urgent, o.idempotency_key, o.attempts, o.created_at
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'id', t.id, 'to', t.recipient, 'subject', t.subject, 'text', t.body_text, 'kind', t.kind,
           'urgent', t.urgent, 'idempotencyKey', t.idempotency_key, 'attempts', t.attempts)
         order by t.urgent desc, t.created_at), '[]'::jsonb)
    into claimed
    from taken as t;
  return claimed;
end
$$;

create or replace function public.mark_outbox_sent(id uuid, provider_message_id text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
begin
  update private.outbox as o
     set status = 'sent',
         sent_at = coalesce(o.sent_at, now()),
         provider_message_id = coalesce(pg_catalog.left(mark_outbox_sent.provider_message_id, 200), o.provider_message_id),
         needs_attention = false,
         last_error = case when o.status = 'sent' then o.last_error end
   where o.id = mark_outbox_sent.id;
  if not found then
    perform private.refuse('outbox_message_not_found');
  end if;
  return pg_catalog.jsonb_build_object('id', id, 'status', 'sent');
end
$$;

create or replace function public.mark_outbox_failed(id uuid, error text, max_attempts integer default 10) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  message record;
begin
  if max_attempts is null or max_attempts < 1 then
    perform private.invalid('outbox_arguments_invalid', 'max_attempts');
  end if;
  -- Backoff doubles from one minute and is never more than 24 hours.
  update private.outbox as o
     set last_error = pg_catalog.left(coalesce(mark_outbox_failed.error, 'unknown error'), 500),
         status = case when o.attempts >= max_attempts then 'failed' else 'pending' end,
         needs_attention = o.attempts >= max_attempts,
         available_at = now() + least(
           pg_catalog.make_interval(secs => 60 * pg_catalog.power(2, least(greatest(o.attempts, 1) - 1, 20))),
           interval '24 hours')
   where o.id = mark_outbox_failed.id and o.status = 'pending'
  returning o.id, o.status, o.attempts, o.available_at, o.kind, o.about_reference into message;
  if message.id is null then
    -- Already sent or already given up: say so and change nothing.
    select o.id, o.status, o.attempts, o.available_at into message
      from private.outbox as o where o.id = mark_outbox_failed.id;
    if message.id is null then
      perform private.refuse('outbox_message_not_found');
    end if;
  elsif message.status = 'failed' then
    perform private.audit('email_gave_up', null,
      case when message.about_reference is null then '{}'::text[] else array[message.about_reference] end,
      pg_catalog.jsonb_build_object('outboxId', message.id, 'kind', message.kind, 'attempts', message.attempts));
  end if;
  return pg_catalog.jsonb_build_object(
    'id', message.id, 'status', message.status, 'attempts', message.attempts,
    'nextAttemptAt', case when message.status = 'pending' then message.available_at end);
end
$$;

-- =================================================================================
-- For the DSR team (run from the SQL editor or a script with the service role)

create or replace function public.approve_professional(email text, actor text, site_url text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  who text := nullif(pg_catalog.btrim(actor), '');
  link_base text := private.site_url(site_url, 'site_url');
  professional private.professionals;
begin
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  select p.* into professional from private.professionals as p where p.email = address for update;
  if professional.id is null then
    perform private.refuse('professional_not_found', 'email');
  end if;
  if professional.status <> 'pending_approval' then
    perform private.refuse('professional_not_pending', 'email');
  end if;
  update private.professionals as p
     set status = 'active', approved_at = now(), approved_by = who
   where p.id = professional.id;
  perform private.queue_email('account_approved', professional.email,
    'Your Dynamic Support Register account is ready',
    E'The DSR team has approved your account.\n\n'
    || E'Sign in with this email address. We will send you a link each time, so there is no password to remember:\n'
    || link_base || '/sign-in/' || private.email_footer(link_base),
    false, 'professional:' || professional.id || ':approved', null, null);
  perform private.audit('professional_approved', who, '{}',
    pg_catalog.jsonb_build_object('professionalId', professional.id));
  return pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', 'active');
end
$$;

create or replace function public.complete_withdrawal(withdrawal_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  who text := nullif(pg_catalog.btrim(actor), '');
  withdrawal private.withdrawals;
  person_ids uuid[];
  referral_refs text[];
  consent_ids uuid[];
  consent_refs text[];
  erased_emails integer;
  erased_people integer;
begin
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  select w.* into withdrawal from private.withdrawals as w
   where w.reference = pg_catalog.upper(pg_catalog.btrim(withdrawal_reference))
     for update;
  if withdrawal.id is null then
    perform private.refuse('withdrawal_reference_not_found', 'withdrawal_reference');
  end if;
  if withdrawal.status = 'completed' then
    perform private.refuse('withdrawal_already_completed', 'withdrawal_reference');
  end if;

  -- Who to erase: the person matched when the request came in, and anyone matching now.
  person_ids := private.withdrawal_people(withdrawal.person_name, withdrawal.date_of_birth, withdrawal.dsr_reference);
  if withdrawal.person_id is not null and not (withdrawal.person_id = any (person_ids)) then
    person_ids := person_ids || withdrawal.person_id;
  end if;

  select coalesce(pg_catalog.array_agg(r.reference order by r.created_at), '{}') into referral_refs
    from private.referrals as r where r.person_id = any (person_ids);
  -- Consent records: those cited for the person, and those made for the same name and
  -- date of birth that no referral cited yet.
  select coalesce(pg_catalog.array_agg(c.id), '{}'), coalesce(pg_catalog.array_agg(c.reference order by c.created_at), '{}')
    into consent_ids, consent_refs
    from private.consents as c
   where c.person_id = any (person_ids)
      or (c.date_of_birth = withdrawal.date_of_birth
          and private.name_key(c.person_name) = private.name_key(withdrawal.person_name))
      or exists (select 1 from private.people as p
                  where p.id = any (person_ids) and p.date_of_birth = c.date_of_birth
                    and private.name_key(p.given_name || p.family_name) = private.name_key(c.person_name));

  -- Emails about them, sent or not (emails never name anyone, but they are theirs), and
  -- the sent emails about this request. An acknowledgement not yet sent still goes.
  delete from private.outbox as o
   where o.person_id = any (person_ids)
      or o.about_reference = any (referral_refs || consent_refs)
      or (o.about_reference = withdrawal.reference and o.status <> 'pending');
  get diagnostics erased_emails = row_count;

  delete from private.consents as c where c.id = any (consent_ids);
  -- Referrals go with the person (on delete cascade).
  delete from private.people as p where p.id = any (person_ids);
  get diagnostics erased_people = row_count;

  update private.withdrawals as w
     set status = 'completed', completed_at = now(), completed_by = who,
         person_name = null, date_of_birth = null, requester_name = null, requester_email = null,
         requester_phone = null, person_id = null
   where w.id = withdrawal.id;

  perform private.audit('withdrawal_completed', who,
    array[withdrawal.reference] || referral_refs || consent_refs,
    pg_catalog.jsonb_build_object(
      'requestedOn', (withdrawal.requested_at at time zone 'Europe/London')::date,
      'completedOn', private.today(),
      'erasedPeople', erased_people, 'erasedEmails', erased_emails));
  return pg_catalog.jsonb_build_object(
    'withdrawalReference', withdrawal.reference,
    'erasedPeople', erased_people,
    'erasedReferrals', pg_catalog.to_jsonb(referral_refs),
    'erasedConsents', pg_catalog.to_jsonb(consent_refs),
    'erasedEmails', erased_emails);
end
$$;

create or replace function public.purge_expired() returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  tokens integer;
  sessions integer;
  limits integer;
  emails integer;
begin
  delete from private.sign_in_tokens as t where t.expires_at < now() - interval '1 day';
  get diagnostics tokens = row_count;
  delete from private.sessions as s
   where s.ended_at is not null or s.absolute_expires_at < now() or s.last_seen_at < now() - interval '30 minutes';
  get diagnostics sessions = row_count;
  delete from private.rate_limits as l
   where l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) < now();
  get diagnostics limits = row_count;
  delete from private.outbox as o where o.status = 'sent' and o.sent_at < now() - interval '30 days';
  get diagnostics emails = row_count;
  return pg_catalog.jsonb_build_object('signInTokens', tokens, 'sessions', sessions, 'rateLimits', limits,
                                       'sentEmails', emails);
end
$$;

-- =================================================================================
-- Who may call what. Supabase grants EXECUTE on new functions in `public` to anon and
-- authenticated by default, and PostgreSQL grants it to PUBLIC: take both away and
-- give it to service_role alone. The helpers in `private` are for these functions only.

do $$
declare
  helper regprocedure;
begin
  for helper in
    select p.oid::regprocedure from pg_catalog.pg_proc as p
      join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
     where n.nspname = 'private'
  loop
    execute pg_catalog.format('revoke all on function %s from public, anon, authenticated, service_role', helper);
  end loop;
end
$$;

revoke all on function public.register_professional(jsonb) from public, anon, authenticated;
revoke all on function public.create_sign_in_token(text) from public, anon, authenticated;
revoke all on function public.redeem_sign_in_token(text, text) from public, anon, authenticated;
revoke all on function public.read_session(text) from public, anon, authenticated;
revoke all on function public.end_session(text) from public, anon, authenticated;
revoke all on function public.record_consent(jsonb) from public, anon, authenticated;
revoke all on function public.submit_referral(jsonb) from public, anon, authenticated;
revoke all on function public.request_withdrawal(jsonb) from public, anon, authenticated;
revoke all on function public.hit_rate_limit(text, integer, integer) from public, anon, authenticated;
revoke all on function public.claim_outbox(integer, integer) from public, anon, authenticated;
revoke all on function public.mark_outbox_sent(uuid, text) from public, anon, authenticated;
revoke all on function public.mark_outbox_failed(uuid, text, integer) from public, anon, authenticated;
revoke all on function public.approve_professional(text, text, text) from public, anon, authenticated;
revoke all on function public.complete_withdrawal(text, text) from public, anon, authenticated;
revoke all on function public.purge_expired() from public, anon, authenticated;

grant execute on function public.register_professional(jsonb) to service_role;
grant execute on function public.create_sign_in_token(text) to service_role;
grant execute on function public.redeem_sign_in_token(text, text) to service_role;
grant execute on function public.read_session(text) to service_role;
grant execute on function public.end_session(text) to service_role;
grant execute on function public.record_consent(jsonb) to service_role;
grant execute on function public.submit_referral(jsonb) to service_role;
grant execute on function public.request_withdrawal(jsonb) to service_role;
grant execute on function public.hit_rate_limit(text, integer, integer) to service_role;
grant execute on function public.claim_outbox(integer, integer) to service_role;
grant execute on function public.mark_outbox_sent(uuid, text) to service_role;
grant execute on function public.mark_outbox_failed(uuid, text, integer) to service_role;
grant execute on function public.approve_professional(text, text, text) to service_role;
grant execute on function public.complete_withdrawal(text, text) to service_role;
grant execute on function public.purge_expired() to service_role;
