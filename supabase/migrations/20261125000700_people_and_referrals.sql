-- People and referrals: one entry per person on the register, however many times they
-- are referred, and one referral row per rating given, so a person's rating history is
-- kept. submit_referral is the one way in, in named steps below.
--
-- Identity: a valid NHS number (with the same date of birth) identifies a person. Without
-- one, people are never merged on their details: a new entry is made, and a likely match
-- is put to the DSR team as a question (private.identity_questions), which they answer
-- with confirm_same_person or keep_people_apart.
-- History: each referral keeps the details as they were given that day (names, postcode,
-- area, GP practice, condition, where they live); nothing is overwritten, and the current
-- details are the latest (private.people_now).

-- =================================================================================
-- Tables

-- Who the person is, as first recorded. Their NHS number, once one was given with the
-- same date of birth; without it (not known, or given for someone else's date of birth)
-- the entry has none, and what was given is on the referral.
create table private.people (
  id uuid primary key default gen_random_uuid(),
  given_name private.line_100 not null,
  family_name private.line_100 not null,
  date_of_birth private.past_date not null,
  nhs_number private.nhs_number unique,
  created_at timestamptz not null default now()
);
-- Likely matches: the same full name (ignoring case, spaces and punctuation) and date of birth.
create index people_full_name_birth on private.people (private.name_key(given_name || family_name), date_of_birth);
alter table private.people enable row level security;

-- A consent record cited by a referral belongs to that person, and goes with them.
alter table private.consents
  add constraint consents_person_id_fkey foreign key (person_id) references private.people (id) on delete cascade;

-- A rating the register knows, given to someone where it may be given: the rating for
-- someone in a mental health hospital now (BLUE) is for them only, and they must have
-- it. (PL/pgSQL, as the checks in foundations; the foreign key below keeps a rating in
-- use from being removed.)
create function private.rating_fits(rating text, in_hospital boolean) returns boolean
language plpgsql stable strict as $$
begin
  return exists (select 1 from private.ratings as r where r.id = rating and r.in_hospital = rating_fits.in_hospital);
end
$$;

create table private.referrals (
  id uuid primary key default gen_random_uuid(),
  reference private.referral_reference not null unique,
  person_id uuid not null references private.people (id) on delete cascade,
  professional_id uuid not null references private.professionals (id),
  -- The form's own id for this submission, so a retried post is not a second referral.
  submission_id uuid unique,
  -- The person's details as this referral gave them: their history, never overwritten.
  given_name private.line_100 not null,
  family_name private.line_100 not null,
  date_of_birth private.past_date not null,
  nhs_number private.nhs_number,
  nhs_number_unknown_reason private.text_500,
  postcode private.postcode not null,
  gp_practice private.line_200,
  condition text not null
    check (condition in ('learning_disability', 'autism', 'both', 'awaiting_autism_assessment')),
  area private.line_100 not null,
  lives_in text not null check (lives_in in ('community', 'mental_health_hospital')),
  hospital_name private.line_200,
  admission_date private.past_date,
  rating text not null references private.ratings (id),
  rating_agreed_on private.past_date not null,
  rating_reason private.text_2000 not null,
  consent_basis private.consent_basis not null,
  consent_id uuid references private.consents (id) on delete set null,
  family_involved private.text_2000 not null,
  services_involved text[] not null
    check (cardinality(services_involved) >= 1 and private.short_items_are_valid(services_involved, 30, 200)),
  previous_review text not null check (previous_review in ('cetr', 'ctr', 'leap', 'none', 'not_known')),
  communication_needs private.text_2000,
  -- Whether they have an education, health and care plan; asked where it decides the review (18 to 25).
  has_ehcp text check (has_ehcp in ('yes', 'no', 'not_known')),
  age_at_referral integer not null check (age_at_referral between 0 and 130),
  age_group text not null,
  keyworker_eligible boolean not null,
  review_type text not null,
  created_at timestamptz not null default now(),
  -- Either the NHS number, or why it is not known.
  check ((nhs_number is null) <> (nhs_number_unknown_reason is null)),
  check (private.rating_fits(rating, lives_in = 'mental_health_hospital')),
  check ((lives_in = 'mental_health_hospital') = (hospital_name is not null)),
  check (admission_date is null or lives_in = 'mental_health_hospital')
);
-- With the rating, so the figures' rating changes read it from the index (20261125000890).
create index referrals_person on private.referrals (person_id, created_at) include (rating);
create index referrals_rating on private.referrals (rating);
alter table private.referrals enable row level security;

-- Each person with their current details: those of their latest referral (a GP practice
-- or communication needs left out of a later referral are the last ones given).
create view private.people_now with (security_barrier) as
  select p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number,
         latest.postcode, latest.area, latest.condition, latest.lives_in, latest.hospital_name,
         latest.admission_date, latest.rating, latest.rating_agreed_on, latest.reference as latest_reference,
         (select r.gp_practice from private.referrals as r
           where r.person_id = p.id and r.gp_practice is not null order by r.created_at desc limit 1) as gp_practice,
         (select r.communication_needs from private.referrals as r
           where r.person_id = p.id and r.communication_needs is not null order by r.created_at desc limit 1) as communication_needs
    from private.people as p
    join lateral (select r.* from private.referrals as r where r.person_id = p.id
                   order by r.created_at desc limit 1) as latest on true;

-- What the DSR team is asked to decide about a new entry: a likely match with an earlier
-- entry (the same full name and date of birth, not both with NHS numbers), or an NHS
-- number given that the register holds for someone with another date of birth. The
-- team's answer is kept, so the same question is not asked twice.
create table private.identity_questions (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('likely_match', 'nhs_number_conflict')),
  person_id uuid not null references private.people (id) on delete cascade,
  other_person_id uuid not null references private.people (id) on delete cascade,
  referral_id uuid references private.referrals (id) on delete cascade,
  status text not null default 'open' check (status in ('open', 'confirmed', 'kept_apart')),
  decided_by private.line_200,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'open') = (decided_by is null and decided_at is null))
);
create index identity_questions_person on private.identity_questions (person_id);
create index identity_questions_other on private.identity_questions (other_person_id);
alter table private.identity_questions enable row level security;

-- =================================================================================
-- Functions: the steps of submit_referral

-- A referral's answers, read and checked (step 2).
create type private.referral_answers as (
  submission_id uuid,
  given_name text,
  family_name text,
  date_of_birth date,
  has_ehcp text,
  nhs_number text,
  nhs_number_unknown_reason text,
  postcode text,
  area text,
  gp_practice text,
  condition text,
  lives_in text,
  hospital_name text,
  admission_date date,
  rating text,
  urgent boolean,
  rating_agreed_on date,
  rating_reason text,
  consent_basis text,
  consent_reference text,
  family_involved text,
  services_involved text[],
  previous_review text,
  communication_needs text,
  team_email text
);

-- What submit_referral returns, also for a retried submission.
create function private.referral_result(referral private.referrals, existing_person boolean) returns jsonb
language sql stable as $$
  select pg_catalog.jsonb_build_object(
    'reference', referral.reference,
    'personId', referral.person_id,
    'existingPerson', existing_person,
    'ageAtReferral', referral.age_at_referral,
    'ageGroup', referral.age_group,
    'keyworkerEligible', referral.keyworker_eligible,
    'reviewType', referral.review_type)
$$;

-- Step 1: a retried post (double click, network retry) returns the first result; null
-- when this submission is new. The lock holds until the transaction ends, so a retry
-- arriving at the same moment waits for the first and then finds it. When the first
-- answer told a re-referrer that it updated their entry, with the rating before and now
-- (submit_referral), the receipt it queued (private.queue_referral_emails) keeps those
-- words as they were, and the retry says them again. (A sent receipt goes after 30 days;
-- a retry comes within minutes.)
create function private.retried_referral(payload jsonb, professional private.professionals) returns jsonb
language plpgsql as $$
declare
  submission uuid := private.uuid_field(payload, 'submissionId', false);
  retried private.referrals;
  told jsonb;
begin
  if submission is null then return null; end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('submission:' || submission, 0));
  select r.* into retried from private.referrals as r where r.submission_id = submission;
  if retried.id is null then return null; end if;
  if retried.professional_id <> professional.id then
    perform private.invalid('payload_invalid', 'submissionId');
  end if;
  select pg_catalog.jsonb_build_object('updatedEntry', true, 'ratingBefore', o.facts -> 'ratingBefore', 'ratingNow', o.facts -> 'ratingNow')
    into told
    from private.outbox as o
   where o.about_reference = retried.reference and o.kind = 'referral_receipt' and o.facts ? 'updatedEntry';
  return private.referral_result(retried, exists (
    select 1 from private.referrals as earlier
     where earlier.person_id = retried.person_id and earlier.created_at < retried.created_at))
    || coalesce(told, '{}');
end
$$;

-- Step 2: every answer, read and checked, each problem named by its form field.
create function private.read_referral(payload jsonb) returns private.referral_answers
language plpgsql stable as $$
declare
  answers private.referral_answers;
  rating private.ratings;
  compact text;
begin
  answers.submission_id := private.uuid_field(payload, 'submissionId', false);

  -- The person
  answers.given_name := private.text_field(payload, 'givenName', 100, true);
  answers.family_name := private.text_field(payload, 'familyName', 100, true);
  answers.date_of_birth := private.birth_date_field(payload, 'dateOfBirth');
  answers.has_ehcp := private.choice_field(payload, 'hasEhcp', array['yes', 'no', 'not_known'],
    private.ehcp_matters(pg_catalog.date_part('year', pg_catalog.age(private.today(), answers.date_of_birth))::integer));
  answers.nhs_number := pg_catalog.regexp_replace(private.answer_text(payload, 'nhsNumber'), '[[:space:]-]', '', 'g');
  if answers.nhs_number !~ '^[0-9]{10}$' then
    perform private.invalid('not_ten_digits', 'nhsNumber');
  elsif not private.nhs_number_is_valid(answers.nhs_number) then
    perform private.invalid('check_digit', 'nhsNumber');
  end if;
  answers.nhs_number_unknown_reason := private.text_field(payload, 'nhsNumberUnknownReason', 500, answers.nhs_number is null, true);
  if answers.nhs_number is not null then answers.nhs_number_unknown_reason := null; end if;
  compact := pg_catalog.upper(pg_catalog.regexp_replace(private.answer_text(payload, 'postcode'), '[[:space:]]', '', 'g'));
  if compact is null then
    perform private.invalid('required', 'postcode');
  elsif compact !~ '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$' then
    perform private.invalid('format', 'postcode');
  end if;
  answers.postcode := pg_catalog.left(compact, -3) || ' ' || pg_catalog.right(compact, 3);
  answers.area := private.area_field(payload, 'area');
  answers.gp_practice := private.text_field(payload, 'gpPractice', 200, false);
  answers.condition := private.choice_field(payload, 'condition',
    array['learning_disability', 'autism', 'both', 'awaiting_autism_assessment'], true);

  -- Where they live
  answers.lives_in := private.choice_field(payload, 'livesIn', array['community', 'mental_health_hospital'], true);
  if answers.lives_in = 'mental_health_hospital' then
    answers.hospital_name := private.text_field(payload, 'hospitalName', 200, true);
    answers.admission_date := private.date_field(payload, 'admissionDate', false);
    if answers.admission_date < answers.date_of_birth then
      perform private.invalid('before_birth', 'admissionDate');
    end if;
  end if;
  -- (In the community, a hidden hospital field left filled in on the form is not a hospital stay.)

  -- The rating
  rating := private.rating_field(payload, 'rating');
  if rating.in_hospital and answers.lives_in <> 'mental_health_hospital' then
    perform private.invalid('blue_needs_hospital', 'rating');
  end if;
  if not rating.in_hospital and answers.lives_in = 'mental_health_hospital' then
    perform private.invalid('hospital_needs_blue', 'rating');
  end if;
  answers.rating := rating.id;
  answers.urgent := rating.urgent;
  answers.rating_agreed_on := private.date_field(payload, 'ratingAgreedOn', true);
  if answers.rating_agreed_on < answers.date_of_birth then
    perform private.invalid('before_birth', 'ratingAgreedOn');
  end if;
  answers.rating_reason := private.text_field(payload, 'ratingReason', 2000, true, true);

  -- Consent
  answers.consent_basis := private.choice_field(payload, 'consentBasis',
    array['consented', 'parental_responsibility', 'best_interests'], true);
  answers.consent_reference := private.reference_field(payload, 'consentReference', 'consent');

  -- Who is involved
  answers.family_involved := private.text_field(payload, 'familyInvolved', 2000, true, true);
  answers.services_involved := private.list_field(payload, 'servicesInvolved', 1, 30, 200);
  answers.previous_review := private.choice_field(payload, 'previousReview',
    array['cetr', 'ctr', 'leap', 'none', 'not_known'], true);
  answers.communication_needs := private.text_field(payload, 'communicationNeeds', 2000, false, true);
  answers.team_email := private.team_email(payload);
  return answers;
end
$$;

-- Step 3: the consent record the referral cites, if any. It must be one this professional
-- recorded, for this person (full name, ignoring case, spaces and punctuation, and date
-- of birth), and for the same kind of decision. Every way of failing is the one refusal
-- consent_not_yours, so trying references tells nobody whether one exists or whose it is.
create function private.cited_consent(answers private.referral_answers, professional private.professionals) returns private.consents
language plpgsql stable as $$
declare
  consent private.consents;
begin
  if answers.consent_reference is null then return consent; end if;
  select c.* into consent from private.consents as c
   where c.reference = answers.consent_reference
     and c.professional_id = professional.id
     and c.date_of_birth = answers.date_of_birth
     and c.decision = answers.consent_basis
     and private.name_key(c.person_name) = private.name_key(answers.given_name || answers.family_name);
  if consent.id is null then
    perform private.refuse('consent_not_yours', 'consentReference');
  end if;
  return consent;
end
$$;

-- Step 4: the entry holding the NHS number given, if any. It is this person only when the
-- date of birth is the same too (details never merge two people); submit_referral
-- decides. The locks make two referrals for the same new person at once take turns, so
-- the second finds the first (or its likely match) instead of missing it.
create function private.nhs_number_holder(answers private.referral_answers) returns private.people
language plpgsql as $$
declare
  holder private.people;
begin
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
    'person:' || private.name_key(answers.given_name || answers.family_name) || ':' || answers.date_of_birth, 0));
  if answers.nhs_number is null then return holder; end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('nhs:' || answers.nhs_number, 0));
  select p.* into holder from private.people as p where p.nhs_number = answers.nhs_number;
  return holder;
end
$$;

-- Step 5: a new entry for someone not yet known by their NHS number, and what the team
-- must be asked about it: the entry holding the NHS number given with another date of
-- birth (most likely a mistyped number or date: never told to the referrer, as that
-- would say who is on the register), or an earlier entry with the same full name and
-- date of birth (both without an NHS number, or one of the two).
create function private.new_person(answers private.referral_answers, holder private.people, out person private.people,
                                   out question_kind text, out other private.people)
language plpgsql as $$
begin
  other := holder;
  if other.id is not null then
    question_kind := 'nhs_number_conflict';
  else
    select p.* into other from private.people as p
     where private.name_key(p.given_name || p.family_name) = private.name_key(answers.given_name || answers.family_name)
       and p.date_of_birth = answers.date_of_birth
       and (p.nhs_number is null or answers.nhs_number is null)
     order by p.created_at
     limit 1;
    if other.id is not null then question_kind := 'likely_match'; end if;
  end if;
  insert into private.people as p (given_name, family_name, date_of_birth, nhs_number)
  values (answers.given_name, answers.family_name, answers.date_of_birth,
          case when question_kind is distinct from 'nhs_number_conflict' then answers.nhs_number end)
  returning p.* into person;
end
$$;

-- Step 6: the referral itself, with what the rules say for the person's age and rating.
create function private.add_referral(answers private.referral_answers, person private.people,
                                     professional private.professionals, consent private.consents) returns private.referrals
language plpgsql as $$
declare
  age_in_years integer := pg_catalog.date_part('year', pg_catalog.age(private.today(), answers.date_of_birth))::integer;
  -- "I do not know" is taken as no EHCP (a CTR, the adults' review); the team's email says it is not known.
  rules record := private.eligibility(age_in_years, answers.rating, answers.has_ehcp = 'yes');
  referral private.referrals;
begin
  insert into private.referrals as r
    (reference, person_id, professional_id, submission_id, given_name, family_name, date_of_birth, nhs_number,
     nhs_number_unknown_reason, postcode, gp_practice, condition, area, lives_in, hospital_name, admission_date,
     rating, rating_agreed_on, rating_reason, consent_basis, consent_id, family_involved, services_involved,
     previous_review, communication_needs, has_ehcp, age_at_referral, age_group, keyworker_eligible, review_type)
  values
    (private.new_reference('referral'), person.id, professional.id, answers.submission_id, answers.given_name,
     answers.family_name, answers.date_of_birth, answers.nhs_number, answers.nhs_number_unknown_reason,
     answers.postcode, answers.gp_practice, answers.condition, answers.area,
     answers.lives_in, answers.hospital_name, answers.admission_date, answers.rating, answers.rating_agreed_on,
     answers.rating_reason, answers.consent_basis, consent.id, answers.family_involved, answers.services_involved,
     answers.previous_review, answers.communication_needs, answers.has_ehcp, age_in_years, rules.age_group, rules.keyworker_eligible,
     rules.review_type)
  returning r.* into referral;
  if consent.id is not null and consent.person_id is null then
    update private.consents as c set person_id = person.id where c.id = consent.id;
  end if;
  return referral;
end
$$;

-- Step 7: the team's email (urgent for a rating that needs action on the day) and the
-- referrer's receipt: references, rating, area and what applies, never who the person is
-- (and, when the referrer referred the same entry before, its rating before and now).
-- Both in one statement: this is the hot path (see bench:db).
create function private.queue_referral_emails(answers private.referral_answers, referral private.referrals,
                                              professional private.professionals, consent private.consents,
                                              existing_person boolean, previous_rating text, previous_agreed_on date,
                                              question_kind text, question_about text, own_update jsonb) returns void
language plpgsql as $$
begin
  insert into private.outbox (kind, recipient, facts, urgent, idempotency_key, person_id, about_reference)
  values ('referral_team', answers.team_email,
    pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'reference', referral.reference, 'rating', referral.rating, 'ratingAgreedOn', referral.rating_agreed_on,
      'area', referral.area, 'ageGroup', referral.age_group, 'livesIn', referral.lives_in,
      'keyworkerEligible', referral.keyworker_eligible, 'reviewType', referral.review_type, 'hasEhcp', referral.has_ehcp,
      'consentBasis', referral.consent_basis, 'consentReference', consent.reference,
      'existingPerson', existing_person,
      'previousRating', previous_rating, 'previousAgreedOn', previous_agreed_on,
      'possibleMatch', case when question_kind = 'likely_match' then question_about end,
      'nhsNumberConflict', case when question_kind = 'nhs_number_conflict' then question_about end,
      'jobTitle', professional.job_title, 'organisation', professional.organisation)),
    answers.urgent, 'referral:' || referral.reference || ':team', referral.person_id, referral.reference),
  ('referral_receipt', professional.email,
    pg_catalog.jsonb_build_object('reference', referral.reference, 'rating', referral.rating, 'area', referral.area)
      || coalesce(own_update, '{}'),
    false, 'referral:' || referral.reference || ':receipt', referral.person_id, referral.reference);
end
$$;

-- =================================================================================
-- Functions: the API

-- payload: professionalId (from read_session), givenName, familyName, dateOfBirth,
-- hasEhcp? (yes, no, not_known; needed at 18 to 25), nhsNumber|null, nhsNumberUnknownReason?, postcode, area, gpPractice?, condition,
-- livesIn, hospitalName?, admissionDate?, rating, ratingAgreedOn, ratingReason,
-- consentBasis, consentReference?, familyInvolved, servicesInvolved[], previousReview,
-- communicationNeeds?, submissionId?, teamEmail.
create function public.submit_referral(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  professional private.professionals;
  retried jsonb;
  answers private.referral_answers;
  consent private.consents;
  person private.people;
  existing_person boolean;
  previous_rating text;
  previous_agreed_on date;
  referral private.referrals;
  question_kind text;
  other private.people;
  question_about text;
  made record;
  holder private.people;
  rating_before text;
  own_update jsonb;
begin
  payload := private.payload_object(payload);
  professional := private.active_professional(payload);
  retried := private.retried_referral(payload, professional);
  if retried is not null then return retried; end if;
  answers := private.read_referral(payload);
  consent := private.cited_consent(answers, professional);
  holder := private.nhs_number_holder(answers);
  if holder.date_of_birth = answers.date_of_birth then person := holder; end if;
  -- A record already tied to another entry is not this person's (the same refusal).
  if consent.person_id is not null and consent.person_id is distinct from person.id then
    perform private.refuse('consent_not_yours', 'consentReference');
  end if;
  existing_person := person.id is not null;
  if existing_person then
    -- Their current rating (a team review may have changed it since their last referral):
    -- private.current_ratings (20261125000870_team.sql) is the one owner of it; PL/pgSQL
    -- finds it when it runs.
    select c.rating, c.rating_agreed_on into previous_rating, previous_agreed_on
      from private.current_ratings as c where c.person_id = person.id;
    -- The referrer is told that this updated an entry, and its rating before and now, only
    -- when they referred this entry themselves before: they know already that the person
    -- is on the register, and can read that rating on /my-referrals/. Whether anyone else
    -- referred the person is never told (no oracle): otherwise the answer is a new entry's.
    if exists (select 1 from private.referrals as r where r.person_id = person.id and r.professional_id = professional.id) then
      rating_before := previous_rating;
    end if;
  else
    select * into made from private.new_person(answers, holder);
    person := made.person;
    question_kind := made.question_kind;
    other := made.other;
  end if;
  referral := private.add_referral(answers, person, professional, consent);
  if rating_before is not null then
    -- The rating now: this referral's, unless a review agreed later than it stays the latest.
    own_update := pg_catalog.jsonb_build_object('updatedEntry', true, 'ratingBefore', rating_before,
      'ratingNow', (select c.rating from private.current_ratings as c where c.person_id = person.id));
  end if;
  if question_kind is not null then
    insert into private.identity_questions (kind, person_id, other_person_id, referral_id)
    values (question_kind, person.id, other.id, referral.id);
    -- The earlier entry, by its latest referral's reference (the team's email names no one).
    select r.reference into question_about from private.referrals as r
     where r.person_id = other.id order by r.created_at desc limit 1;
  end if;
  perform private.queue_referral_emails(answers, referral, professional, consent, existing_person, previous_rating,
                                        previous_agreed_on, question_kind, question_about, own_update);
  perform private.audit('referral_submitted', professional.id::text,
    case when consent.reference is null then array[referral.reference] else array[referral.reference, consent.reference] end,
    pg_catalog.jsonb_build_object('rating', referral.rating, 'existingPerson', existing_person));
  return private.referral_result(referral, existing_person) || coalesce(own_update, '{}');
end
$$;
revoke all on function public.submit_referral(jsonb) from public, anon, authenticated;
grant execute on function public.submit_referral(jsonb) to service_role;

-- =================================================================================
-- Functions for the DSR team (the SQL editor, until the console): their answer to an
-- identity question, or to a match they found themselves. Each names the two entries by
-- a DSR- reference of each.

-- The two entries two referral references are about, checked: both exist, and differ.
create function private.two_entries(referral_reference text, other_referral_reference text, actor text,
                                    out person private.people, out other private.people, out who text)
language plpgsql as $$
begin
  who := nullif(pg_catalog.btrim(actor), '');
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  select p.* into person from private.people as p join private.referrals as r on r.person_id = p.id
   where r.reference = pg_catalog.upper(pg_catalog.btrim(referral_reference)) for update of p;
  select p.* into other from private.people as p join private.referrals as r on r.person_id = p.id
   where r.reference = pg_catalog.upper(pg_catalog.btrim(other_referral_reference)) for update of p;
  if person.id is null or other.id is null then
    perform private.refuse('referral_reference_not_found');
  end if;
  if person.id = other.id then
    perform private.refuse('same_entry');
  end if;
end
$$;

-- Is this question about these two entries, whichever way round it was asked?
create function private.question_between(question private.identity_questions, one uuid, other uuid) returns boolean
language sql immutable as $$
  select (question.person_id = one and question.other_person_id = other)
      or (question.person_id = other and question.other_person_id = one)
$$;

-- The team's decision on the question between two entries, recorded (a new row when the
-- team found the match itself).

create function private.answer_identity_question(person_id uuid, other_person_id uuid, answer text, who text) returns void
language plpgsql as $$
begin
  update private.identity_questions as q set status = answer, decided_by = who, decided_at = now()
   where q.status = 'open'
     and private.question_between(q, answer_identity_question.person_id, answer_identity_question.other_person_id);
  if not found then
    insert into private.identity_questions (kind, person_id, other_person_id, status, decided_by, decided_at)
    values ('likely_match', answer_identity_question.person_id, answer_identity_question.other_person_id, answer, who, now());
  end if;
end
$$;

-- The two entries are one person: everything of the later entry (its referrals with the
-- details they gave, consent records, withdrawal requests, questions) moves to the one
-- kept, which is the one with the NHS number, or else the earlier. Nothing recorded is
-- lost: each referral keeps the names, date of birth and NHS number it gave. Two
-- different NHS numbers are two people, and are refused.
create function public.confirm_same_person(referral_reference text, other_referral_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  pair record;
  kept private.people;
  merged private.people;
  merged_refs text[];
  kept_ref text;
begin
  select * into pair from private.two_entries(referral_reference, other_referral_reference, actor);
  if (pair.person).nhs_number is not null and (pair.other).nhs_number is not null then
    perform private.refuse('nhs_numbers_differ');
  end if;
  if (pair.other).nhs_number is not null
     or ((pair.person).nhs_number is null and (pair.other).created_at <= (pair.person).created_at) then
    kept := pair.other; merged := pair.person;
    kept_ref := pg_catalog.upper(pg_catalog.btrim(other_referral_reference));
  else
    kept := pair.person; merged := pair.other;
    kept_ref := pg_catalog.upper(pg_catalog.btrim(referral_reference));
  end if;

  perform private.answer_identity_question(kept.id, merged.id, 'confirmed', pair.who);
  select coalesce(pg_catalog.array_agg(r.reference order by r.created_at), '{}') into merged_refs
    from private.referrals as r where r.person_id = merged.id;
  update private.referrals as r set person_id = kept.id where r.person_id = merged.id;
  update private.consents as c set person_id = kept.id where c.person_id = merged.id;
  update private.withdrawal_matches as m set person_id = kept.id
   where m.person_id = merged.id
     and not exists (select 1 from private.withdrawal_matches as k where k.withdrawal_id = m.withdrawal_id and k.person_id = kept.id);
  update private.identity_questions as q set person_id = kept.id where q.person_id = merged.id;
  update private.identity_questions as q set other_person_id = kept.id where q.other_person_id = merged.id;
  delete from private.people as p where p.id = merged.id;

  perform private.audit('people_confirmed_same', pair.who, array[kept_ref] || merged_refs);
  return pg_catalog.jsonb_build_object('status', 'confirmed', 'kept', kept_ref, 'merged', pg_catalog.to_jsonb(merged_refs));
end
$$;
revoke all on function public.confirm_same_person(text, text, text) from public, anon, authenticated;
grant execute on function public.confirm_same_person(text, text, text) to service_role;

-- The two entries are two people: the question is closed, and stays answered.
create function public.keep_people_apart(referral_reference text, other_referral_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  pair record;
begin
  select * into pair from private.two_entries(referral_reference, other_referral_reference, actor);
  perform private.answer_identity_question((pair.person).id, (pair.other).id, 'kept_apart', pair.who);
  perform private.audit('people_kept_apart', pair.who,
    array[pg_catalog.upper(pg_catalog.btrim(referral_reference)), pg_catalog.upper(pg_catalog.btrim(other_referral_reference))]);
  return pg_catalog.jsonb_build_object('status', 'kept_apart');
end
$$;
revoke all on function public.keep_people_apart(text, text, text) from public, anon, authenticated;
grant execute on function public.keep_people_apart(text, text, text) to service_role;

-- =================================================================================
-- Functions for a professional: their own referrals and consent records (/my-referrals/)
--
-- A signed-in professional sees what they made themselves, and nothing of anyone else's:
-- each function finds the professional from the session token (read_session: the same
-- sign-in as the forms) and reads only rows with their professional_id. The person's
-- name and date of birth are those this professional gave in that record (they hold them
-- already). Reading one's own records is not audited (no professional's read is); the
-- team's openings of a person's record are. The acknowledgements and current ratings are
-- the team migration's (20261125000870); PL/pgSQL finds them when these run.

-- The professional signed in with this session token (read_session's refusals: signed
-- out, expired, or an account no longer active); slides their idle clock.
create function private.session_professional_id(session_token text) returns uuid
language plpgsql as $$
begin
  return (public.read_session(coalesce(session_token, '')) ->> 'professionalId')::uuid;
end
$$;

-- Their referrals and consent records, newest first. Each referral: when it was received,
-- the rating it sent, whether the DSR team has acknowledged it (and when), and the
-- person's current rating (private.current_ratings, the one owner: a team review or a
-- later referral may have changed it). Each consent record: its decision, and the
-- referral of theirs that cites it, if any.
create function public.my_referrals(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  me uuid := private.session_professional_id(session_token);
begin
  return pg_catalog.jsonb_build_object(
    'referrals', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', r.reference, 'receivedAt', r.created_at,
               'givenName', r.given_name, 'familyName', r.family_name, 'dateOfBirth', r.date_of_birth,
               'area', r.area, 'ratingSent', r.rating, 'ratingAgreedOn', r.rating_agreed_on,
               'acknowledgedAt', a.acknowledged_at,
               'currentRating', now_rated.rating, 'currentRatingAgreedOn', now_rated.rating_agreed_on)
             order by r.created_at desc, r.reference desc)
        from private.referrals as r
        left join private.referral_acknowledgements as a on a.referral_id = r.id
        left join private.current_ratings as now_rated on now_rated.person_id = r.person_id
       where r.professional_id = me), '[]'),
    'consents', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', c.reference, 'recordedAt', c.created_at,
               'personName', c.person_name, 'dateOfBirth', c.date_of_birth,
               'decision', c.decision, 'decisionDate', c.decision_date,
               'referralReference', (select r.reference from private.referrals as r
                                      where r.consent_id = c.id and r.professional_id = me
                                      order by r.created_at desc limit 1))
             order by c.created_at desc, c.reference desc)
        from private.consents as c
       where c.professional_id = me), '[]'));
end
$$;
revoke all on function public.my_referrals(text) from public, anon, authenticated;
grant execute on function public.my_referrals(text) to service_role;

-- What the referral form can be filled in with, from a record this professional made:
-- a DSR- reference gives the person's details as their referral gave them (not the
-- rating: the MDT agrees it again, and it stays empty until chosen); a CON- reference
-- gives the name, date of birth and decision of their consent record, and the reference
-- itself. A reference that is not theirs, not there, or not a reference gives `{}`, the
-- same answer, so nothing is learnt about anyone else's records (no oracle).
create function public.refer_again_answers(session_token text, reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  me uuid := private.session_professional_id(session_token);
  wanted text := pg_catalog.upper(pg_catalog.btrim(coalesce(reference, '')));
  result jsonb;
begin
  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'givenName', r.given_name, 'familyName', r.family_name, 'dateOfBirth', r.date_of_birth,
           'hasEhcp', r.has_ehcp, 'nhsNumber', r.nhs_number, 'nhsNumberUnknownReason', r.nhs_number_unknown_reason,
           'postcode', r.postcode, 'area', r.area, 'gpPractice', r.gp_practice, 'condition', r.condition,
           'livesIn', r.lives_in, 'hospitalName', r.hospital_name, 'admissionDate', r.admission_date,
           'consentBasis', r.consent_basis, 'consentReference', c.reference,
           'familyInvolved', r.family_involved, 'servicesInvolved', pg_catalog.to_jsonb(r.services_involved),
           'communicationNeeds', r.communication_needs))
    into result
    from private.referrals as r
    left join private.consents as c on c.id = r.consent_id and c.professional_id = me
   where r.reference = wanted and r.professional_id = me;
  if result is null then
    select pg_catalog.jsonb_build_object('personName', c.person_name, 'dateOfBirth', c.date_of_birth,
                                         'consentBasis', c.decision, 'consentReference', c.reference)
      into result
      from private.consents as c
     where c.reference = wanted and c.professional_id = me;
  end if;
  return coalesce(result, '{}');
end
$$;
revoke all on function public.refer_again_answers(text, text) from public, anon, authenticated;
grant execute on function public.refer_again_answers(text, text) to service_role;
