-- People and referrals: one entry per person on the register, however many times they
-- are referred, and one referral row per rating given, so a person's rating history is
-- kept. submit_referral is the one way in, in named steps below.

-- =================================================================================
-- Tables

create table private.people (
  id uuid primary key default gen_random_uuid(),
  given_name private.line_100 not null,
  family_name private.line_100 not null,
  date_of_birth private.past_date not null,
  nhs_number private.nhs_number unique,
  nhs_number_unknown_reason private.text_500,
  postcode private.postcode not null,
  area private.line_100 not null,
  gp_practice private.line_200,
  condition text not null
    check (condition in ('learning_disability', 'autism', 'both', 'awaiting_autism_assessment')),
  communication_needs private.text_2000,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Either the NHS number, or why it is not known.
  check ((nhs_number is null) <> (nhs_number_unknown_reason is null))
);
-- Finding someone already on the register by family name and date of birth.
create index people_family_name_birth on private.people (private.name_key(family_name), date_of_birth);
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
  check (private.rating_fits(rating, lives_in = 'mental_health_hospital')),
  check ((lives_in = 'mental_health_hospital') = (hospital_name is not null)),
  check (admission_date is null or lives_in = 'mental_health_hospital')
);
create index referrals_person on private.referrals (person_id, created_at);
create index referrals_rating on private.referrals (rating);
alter table private.referrals enable row level security;

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
-- arriving at the same moment waits for the first and then finds it.
create function private.retried_referral(payload jsonb, professional private.professionals) returns jsonb
language plpgsql as $$
declare
  submission uuid := private.uuid_field(payload, 'submissionId', false);
  retried private.referrals;
begin
  if submission is null then return null; end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('submission:' || submission, 0));
  select r.* into retried from private.referrals as r where r.submission_id = submission;
  if retried.id is null then return null; end if;
  if retried.professional_id <> professional.id then
    perform private.invalid('payload_invalid', 'submissionId');
  end if;
  return private.referral_result(retried, exists (
    select 1 from private.referrals as earlier
     where earlier.person_id = retried.person_id and earlier.created_at < retried.created_at));
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

-- Step 3: the consent record the referral cites, if any: it must exist, and be for
-- the same date of birth and kind of decision.
create function private.cited_consent(answers private.referral_answers) returns private.consents
language plpgsql stable as $$
declare
  consent private.consents;
begin
  if answers.consent_reference is null then return consent; end if;
  select c.* into consent from private.consents as c where c.reference = answers.consent_reference;
  if consent.id is null then
    perform private.refuse('not_found', 'consentReference');
  end if;
  if consent.date_of_birth <> answers.date_of_birth or consent.decision <> answers.consent_basis then
    perform private.refuse('mismatch', 'consentReference');
  end if;
  return consent;
end
$$;

-- Step 4: the person already on the register, or null. The lock makes two referrals for
-- the same new person at once take turns, so the second finds the first instead of
-- adding a twin.
create function private.person_on_register(answers private.referral_answers) returns private.people
language plpgsql as $$
declare
  person private.people;
begin
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('person:' || private.name_key(answers.family_name) || ':' || answers.date_of_birth, 0));
  -- One look: the same NHS number first; otherwise the same family name and date of
  -- birth, unless both have NHS numbers (then they differ, or the first arm would match).
  select p.* into person from private.people as p
   where p.nhs_number = answers.nhs_number
      or (private.name_key(p.family_name) = private.name_key(answers.family_name)
          and p.date_of_birth = answers.date_of_birth
          and (p.nhs_number is null or answers.nhs_number is null))
   order by p.nhs_number is not distinct from answers.nhs_number desc, p.created_at
   limit 1;
  if person.nhs_number = answers.nhs_number and person.date_of_birth <> answers.date_of_birth then
    -- Most likely a mistyped NHS number: adding this rating to that entry would be worse.
    perform private.refuse('mismatch', 'nhsNumber');
  end if;
  return person;
end
$$;

-- Step 5: a new entry for the person, or their entry brought up to date.
create function private.record_person(answers private.referral_answers, person private.people) returns private.people
language plpgsql as $$
begin
  if person.id is null then
    insert into private.people as p
      (given_name, family_name, date_of_birth, nhs_number, nhs_number_unknown_reason, postcode, area,
       gp_practice, condition, communication_needs)
    values
      (answers.given_name, answers.family_name, answers.date_of_birth, answers.nhs_number,
       answers.nhs_number_unknown_reason, answers.postcode, answers.area, answers.gp_practice, answers.condition,
       answers.communication_needs)
    returning p.* into person;
    return person;
  end if;
  update private.people as p set
    nhs_number = coalesce(p.nhs_number, answers.nhs_number),
    nhs_number_unknown_reason = case when coalesce(p.nhs_number, answers.nhs_number) is null
      then coalesce(answers.nhs_number_unknown_reason, p.nhs_number_unknown_reason) end,
    postcode = answers.postcode,
    area = answers.area,
    gp_practice = coalesce(answers.gp_practice, p.gp_practice),
    condition = answers.condition,
    communication_needs = coalesce(answers.communication_needs, p.communication_needs),
    updated_at = now()
   where p.id = person.id
  returning p.* into person;
  return person;
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
    (reference, person_id, professional_id, submission_id, area, lives_in, hospital_name, admission_date,
     rating, rating_agreed_on, rating_reason, consent_basis, consent_id, family_involved, services_involved,
     previous_review, communication_needs, has_ehcp, age_at_referral, age_group, keyworker_eligible, review_type)
  values
    (private.new_reference('referral'), person.id, professional.id, answers.submission_id, answers.area,
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
-- referrer's receipt: references, rating, area and what applies, never who the person is.
-- Both in one statement: this is the hot path (see bench:db).
create function private.queue_referral_emails(answers private.referral_answers, referral private.referrals,
                                              professional private.professionals, consent private.consents,
                                              existing_person boolean, previous private.referrals) returns void
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
      'previousRating', previous.rating, 'previousAgreedOn', previous.rating_agreed_on,
      'jobTitle', professional.job_title, 'organisation', professional.organisation)),
    answers.urgent, 'referral:' || referral.reference || ':team', referral.person_id, referral.reference),
  ('referral_receipt', professional.email,
    pg_catalog.jsonb_build_object('reference', referral.reference, 'rating', referral.rating, 'area', referral.area),
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
  previous private.referrals;
  referral private.referrals;
begin
  payload := private.payload_object(payload);
  professional := private.active_professional(payload);
  retried := private.retried_referral(payload, professional);
  if retried is not null then return retried; end if;
  answers := private.read_referral(payload);
  consent := private.cited_consent(answers);
  person := private.person_on_register(answers);
  if consent.person_id is not null and consent.person_id is distinct from person.id then
    perform private.refuse('mismatch', 'consentReference');
  end if;
  existing_person := person.id is not null;
  if existing_person then
    select r.* into previous from private.referrals as r where r.person_id = person.id order by r.created_at desc limit 1;
  end if;
  person := private.record_person(answers, person);
  referral := private.add_referral(answers, person, professional, consent);
  perform private.queue_referral_emails(answers, referral, professional, consent, existing_person, previous);
  perform private.audit('referral_submitted', professional.id::text,
    case when consent.reference is null then array[referral.reference] else array[referral.reference, consent.reference] end,
    pg_catalog.jsonb_build_object('rating', referral.rating, 'existingPerson', existing_person));
  return private.referral_result(referral, existing_person);
end
$$;
revoke all on function public.submit_referral(jsonb) from public, anon, authenticated;
grant execute on function public.submit_referral(jsonb) to service_role;
