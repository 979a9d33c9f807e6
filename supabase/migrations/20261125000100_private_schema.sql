-- The register's tables, in the schema `private`, which the Supabase Data API does not
-- expose. Nobody but the table owner reaches them: row level security is on for every
-- table with no policies, and no role is granted anything here. The SQL functions in
-- `public` (next migration) are the only way in.
--
-- The database enforces what it can even though the functions check first: a bug in
-- a function, or a hand-written fix by the team, still cannot store a rating that
-- does not exist or an NHS number with a wrong check digit.

-- pgcrypto gives gen_random_bytes. Supabase keeps extensions in the schema `extensions`
-- (where pgcrypto already is, so this is a no-op there); locally we make it so.
create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
revoke all on schema private from anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------
-- Helpers used by constraints and functions. Every name in them is schema-qualified,
-- and only the table owner can call them (EXECUTE is revoked from everyone else), so
-- they run under the empty search_path of the public API functions. They carry no
-- `set search_path` of their own on purpose: that clause costs a settings save and
-- restore on every call and stops PostgreSQL inlining a SQL function.
--
-- Those used in CHECK constraints are PL/pgSQL: PostgreSQL prepares a table's check
-- constraints afresh for every INSERT or UPDATE statement, and inlining a SQL function
-- there means parsing its body each time. Together these choices made submit_referral
-- several times faster (see BENCHMARKS.md).

-- Today's date in England: "in the future" means after this.
create function private.today() returns date
language plpgsql stable as $$
begin
  return (pg_catalog.statement_timestamp() at time zone 'Europe/London')::date;
end
$$;

-- A name folded for matching: case, spaces, hyphens, apostrophes and full stops ignored.
-- (SQL, so it inlines into the queries that use it and matches the index on it.)
create function private.name_key(name text) returns text
language sql immutable as $$
  select pg_catalog.lower(pg_catalog.regexp_replace(name, '[[:space:]''’.-]+', '', 'g'))
$$;

-- An NHS number: 10 digits, the last being the Modulus 11 check digit of the first nine
-- (a check value of 10 means the number cannot exist; 11 means 0).
create function private.nhs_number_is_valid(nhs_number text) returns boolean
language plpgsql immutable strict as $$
declare
  total integer := 0;
begin
  if nhs_number !~ '^[0-9]{10}$' then return false; end if;
  for position in 1..9 loop
    total := total + pg_catalog.substr(nhs_number, position, 1)::integer * (11 - position);
  end loop;
  return (11 - total % 11) % 11 = pg_catalog.substr(nhs_number, 10, 1)::integer;
end
$$;

-- A list of short free-text items (what a form's checkboxes send), one line each.
create function private.short_items_are_valid(items text[], max_items integer, max_length integer) returns boolean
language plpgsql immutable strict as $$
declare
  item text;
begin
  if pg_catalog.cardinality(items) > max_items then return false; end if;
  foreach item in array items loop
    if item is null or pg_catalog.length(pg_catalog.btrim(item)) = 0 or pg_catalog.length(item) > max_length
       or item ~ '[[:cntrl:]]' then
      return false;
    end if;
  end loop;
  return true;
end
$$;

-- An email address we are willing to write into an outbox row: one @, a dot in the
-- domain, and nothing that could break out of a mail header.
create function private.email_is_valid(email text) returns boolean
language plpgsql immutable strict as $$
begin
  return pg_catalog.length(email) <= 254
     and email ~ '^[^@[:space:][:cntrl:]<>,;"()]+@[^@[:space:][:cntrl:]<>,;"()]+\.[^@[:space:][:cntrl:]<>,;"().]+$';
end
$$;

-- Typed references: DSR- (referral), CON- (consent), WDR- (withdrawal), then 8 characters
-- in two groups from an alphabet without I, O, 0 and 1, which are easily misread.
create function private.reference_is_valid(reference text, prefix text) returns boolean
language plpgsql immutable strict as $$
begin
  return reference ~ ('^' || prefix || '-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$');
end
$$;

-- ---------------------------------------------------------------------------------
-- Every reference ever issued, whatever its kind, so a reference is unique across
-- kinds and never reused, even after the record it named has been erased.
create table private.issued_references (
  reference text primary key
    check (reference ~ '^(DSR|CON|WDR)-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$'),
  issued_at timestamptz not null default now()
);

create function private.new_reference(prefix text) returns text
language plpgsql volatile as $$
declare
  -- 32 symbols, so each random byte maps onto one without bias (256 = 8 × 32).
  alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  random_bytes bytea;
  candidate text;
begin
  if prefix not in ('DSR', 'CON', 'WDR') then
    raise exception using errcode = '22023', message = 'reference_prefix_invalid';
  end if;
  loop
    random_bytes := extensions.gen_random_bytes(8);
    candidate := prefix || '-';
    for position in 0..7 loop
      if position = 4 then candidate := candidate || '-'; end if;
      candidate := candidate || pg_catalog.substr(alphabet, pg_catalog.get_byte(random_bytes, position) % 32 + 1, 1);
    end loop;
    -- A clash (one in 2^40 per pair) simply draws again.
    insert into private.issued_references (reference) values (candidate) on conflict do nothing;
    if found then return candidate; end if;
  end loop;
end
$$;

-- 32 random bytes (256 bits) as base64url: the raw sign-in token or session token.
create function private.new_token() returns text
language sql volatile as $$
  select pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=')
$$;

-- What is stored instead of a token: its SHA-256.
create function private.token_hash(token text) returns bytea
language sql immutable as $$
  select pg_catalog.sha256(pg_catalog.convert_to(token, 'UTF8'))
$$;

-- ---------------------------------------------------------------------------------
-- The shapes of values, as domains, so each rule is written once and holds in every
-- column of that shape. (They are also cheaper than column CHECKs: PostgreSQL keeps a
-- domain's checks ready between statements, but re-reads a table's CHECKs for every
-- INSERT, and submit_referral inserts into four tables.)

-- Text that is not blank, up to a length. "line" is one line: no control characters.
create domain private.line_100 as text
  check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 100 and value !~ '[[:cntrl:]]');
create domain private.line_200 as text
  check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 200 and value !~ '[[:cntrl:]]');
create domain private.text_500 as text check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 500);
create domain private.text_2000 as text check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 2000);

-- A date not in the future (in England), nor before 1900.
create domain private.past_date as date
  check (value >= date '1900-01-01' and value <= (pg_catalog.statement_timestamp() at time zone 'Europe/London')::date);

create domain private.email_address as text check (value = pg_catalog.lower(value) and private.email_is_valid(value));
create domain private.phone_number as text check (value ~ '^\+?[0-9 ().-]{7,30}$');
create domain private.nhs_number as text check (private.nhs_number_is_valid(value));
-- A UK postcode as stored: upper case, one space before the last three characters.
create domain private.postcode as text check (value ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$');

create domain private.rating as text check (value in ('red', 'amber', 'green', 'blue'));
create domain private.consent_basis as text check (value in ('consented', 'parental_responsibility', 'best_interests'));

create domain private.dsr_reference as text check (private.reference_is_valid(value, 'DSR'));
create domain private.con_reference as text check (private.reference_is_valid(value, 'CON'));
create domain private.wdr_reference as text check (private.reference_is_valid(value, 'WDR'));

-- ---------------------------------------------------------------------------------
-- Professional accounts. An account from an allowed email domain is active at once;
-- any other waits for the DSR team to approve it.
create table private.professionals (
  id uuid primary key default gen_random_uuid(),
  email private.email_address not null unique,
  full_name private.line_200 not null,
  job_title private.line_200 not null,
  organisation private.line_200 not null,
  area private.line_100 not null,
  phone private.phone_number,
  status text not null check (status in ('pending_approval', 'active')),
  agreed_to_responsibilities_at timestamptz not null,
  created_at timestamptz not null default now(),
  approved_at timestamptz,
  approved_by private.line_200,
  check ((status = 'active') = (approved_at is not null and approved_by is not null))
);

-- One-time sign-in links: 10 minutes, single use, bound to the address they were sent to.
create table private.sign_in_tokens (
  token_hash bytea primary key check (length(token_hash) = 32),
  professional_id uuid not null references private.professionals (id) on delete cascade,
  email private.email_address not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at and expires_at <= created_at + interval '10 minutes')
);
create index sign_in_tokens_professional on private.sign_in_tokens (professional_id);

-- Signed-in sessions: 30 minutes idle (sliding), 8 hours at most from sign-in.
create table private.sessions (
  session_hash bytea primary key check (length(session_hash) = 32),
  professional_id uuid not null references private.professionals (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  absolute_expires_at timestamptz not null,
  ended_at timestamptz,
  check (absolute_expires_at > created_at and absolute_expires_at <= created_at + interval '8 hours'),
  check (last_seen_at >= created_at)
);
create index sessions_professional on private.sessions (professional_id);

-- ---------------------------------------------------------------------------------
-- People on the register: one entry per person, however many times they are referred.
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

-- Consent and Best Interests records, made before the referral that cites them.
create table private.consents (
  id uuid primary key default gen_random_uuid(),
  reference private.con_reference not null unique,
  professional_id uuid not null references private.professionals (id),
  -- Set when a referral cites this record; erasing the person erases the record.
  person_id uuid references private.people (id) on delete cascade,
  person_name private.line_200 not null,
  date_of_birth private.past_date not null,
  decision private.consent_basis not null,
  decision_maker_name private.line_200,
  decision_maker_role private.line_200,
  decision_date private.past_date not null check (decision_date >= date_of_birth),
  consulted text[] not null default '{}' check (private.short_items_are_valid(consulted, 20, 100)),
  sharing_with text[] not null
    check (cardinality(sharing_with) >= 1 and private.short_items_are_valid(sharing_with, 20, 100)),
  created_at timestamptz not null default now(),
  -- A Best Interests Decision names who made it, in what role, and who was consulted.
  check (decision <> 'best_interests'
         or (decision_maker_name is not null and decision_maker_role is not null and cardinality(consulted) >= 1)),
  check (decision <> 'parental_responsibility' or decision_maker_name is not null)
);
create index consents_person on private.consents (person_id);
create index consents_birth on private.consents (date_of_birth);

-- Referrals: one row per rating given, so a person's rating history is kept.
create table private.referrals (
  id uuid primary key default gen_random_uuid(),
  reference private.dsr_reference not null unique,
  person_id uuid not null references private.people (id) on delete cascade,
  professional_id uuid not null references private.professionals (id),
  -- The form's own id for this submission, so a retried post is not a second referral.
  submission_id uuid unique,
  area private.line_100 not null,
  lives_in text not null check (lives_in in ('community', 'mental_health_hospital')),
  hospital_name private.line_200,
  admission_date private.past_date,
  rating private.rating not null,
  rating_agreed_on private.past_date not null,
  rating_reason private.text_2000 not null,
  consent_basis private.consent_basis not null,
  consent_id uuid references private.consents (id) on delete set null,
  family_involved private.text_2000 not null,
  services_involved text[] not null
    check (cardinality(services_involved) >= 1 and private.short_items_are_valid(services_involved, 30, 200)),
  previous_review text not null check (previous_review in ('cetr', 'ctr', 'leap', 'none', 'not_known')),
  communication_needs private.text_2000,
  age_at_referral integer not null check (age_at_referral between 0 and 130),
  age_group text not null check (age_group in ('child', 'young_person', 'adult')),
  keyworker_eligible boolean not null,
  review_type text not null check (review_type in ('cetr', 'ctr')),
  created_at timestamptz not null default now(),
  -- BLUE is the rating for someone in a mental health hospital, and only for them.
  check ((rating = 'blue') = (lives_in = 'mental_health_hospital')),
  check ((lives_in = 'mental_health_hospital') = (hospital_name is not null)),
  check (admission_date is null or lives_in = 'mental_health_hospital')
);
create index referrals_person on private.referrals (person_id, created_at);

-- Requests to withdraw consent. Once completed, only references and dates remain.
create table private.withdrawals (
  id uuid primary key default gen_random_uuid(),
  reference private.wdr_reference not null unique,
  status text not null default 'requested' check (status in ('requested', 'completed')),
  person_name private.line_200,
  date_of_birth private.past_date,
  dsr_reference private.dsr_reference,
  requester_relationship text not null
    check (requester_relationship in ('self', 'parent_or_carer', 'advocate', 'professional')),
  requester_name private.line_200,
  requester_email private.email_address,
  requester_phone private.phone_number,
  understands_support_continues boolean not null check (understands_support_continues),
  -- The person this is about, when they could be found at the time of the request.
  person_id uuid references private.people (id) on delete set null,
  requested_at timestamptz not null default now(),
  completed_at timestamptz,
  completed_by private.line_200,
  check ((status = 'completed') = (completed_at is not null and completed_by is not null)),
  check (status = 'completed' or (person_name is not null and date_of_birth is not null
         and requester_name is not null and (requester_email is not null or requester_phone is not null))),
  check (status = 'requested' or (person_name is null and date_of_birth is null and requester_name is null
         and requester_email is null and requester_phone is null and person_id is null))
);
create index withdrawals_person on private.withdrawals (person_id);

-- ---------------------------------------------------------------------------------
-- Emails waiting to be sent, written in the same transaction as the record they are
-- about. They carry references, ratings and areas, never a person's name, date of
-- birth or NHS number; `person_id` / `about_reference` tie them to what they are about
-- so erasure can remove them.
create table private.outbox (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  kind text not null check (kind ~ '^[a-z_]{1,60}$'),
  recipient private.email_address not null,
  subject private.line_200 not null,
  body_text text not null check (length(body_text) between 1 and 20000),
  urgent boolean not null default false,
  -- Not a foreign key: checking one costs every referral a lookup per email, and
  -- complete_withdrawal deletes a person's emails itself.
  person_id uuid,
  about_reference text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  -- Claims so far (a claim counts as an attempt, so a sender that keeps crashing on
  -- one email still runs out of attempts).
  attempts integer not null default 0 check (attempts >= 0),
  -- Not offered to a sender before this: after a claim (visibility timeout) or a failure (backoff).
  available_at timestamptz not null default now(),
  last_error text check (length(last_error) <= 500),
  provider_message_id text check (length(provider_message_id) <= 200),
  -- Set when the outbox has given up, for the team to look at.
  needs_attention boolean not null default false,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check ((status = 'sent') = (sent_at is not null)),
  check (needs_attention = (status = 'failed'))
);
create index outbox_due on private.outbox (urgent desc, created_at) where status = 'pending';
create index outbox_about on private.outbox (about_reference) where about_reference is not null;
create index outbox_sent on private.outbox (sent_at) where status = 'sent';

-- Fixed-window counters for hit_rate_limit. Keys are chosen by the caller (hash IPs).
create table private.rate_limits (
  key text primary key check (length(key) between 1 and 200),
  window_started_at timestamptz not null,
  window_seconds integer not null check (window_seconds between 1 and 604800),
  hits integer not null check (hits >= 1)
);

-- What happened, by whom, about which references. Never personal details.
create table private.audit_events (
  id bigint generated always as identity primary key,
  happened_at timestamptz not null default now(),
  action text not null check (action ~ '^[a-z_]{1,60}$'),
  actor private.line_200,
  refs text[] not null default '{}',
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object')
);
create index audit_events_when on private.audit_events (happened_at);

-- ---------------------------------------------------------------------------------
-- The rules submit_referral applies, held as data so the team can change them without
-- a code change. Ages are whole years at the date of referral; bounds are inclusive;
-- max_age null = no upper bound; ratings null = any rating.
create table private.eligibility_rules (
  id integer generated always as identity primary key,
  kind text not null check (kind in ('age_group', 'keyworker', 'review')),
  outcome text not null,
  min_age integer not null check (min_age >= 0),
  max_age integer check (max_age >= min_age),
  ratings text[] check (ratings <@ array['red', 'amber', 'green', 'blue']),
  source text not null check (length(source) between 1 and 500),
  check ((kind = 'age_group' and outcome in ('child', 'young_person', 'adult'))
      or (kind = 'keyworker' and outcome = 'eligible')
      or (kind = 'review' and outcome in ('cetr', 'ctr')))
);

insert into private.eligibility_rules (kind, outcome, min_age, max_age, ratings, source) values
  ('age_group', 'child', 0, 17, null, 'Under 18: a child.'),
  ('age_group', 'young_person', 18, 25, null, '18 to 25: a young person, matching the keyworker age range.'),
  ('age_group', 'adult', 26, null, null, '26 and over: an adult.'),
  ('keyworker', 'eligible', 0, 18, array['red', 'amber', 'blue'],
   'Keyworking minimum standards: aged 18 and under and rated red, amber or blue.'),
  ('keyworker', 'eligible', 18, 25, array['blue'],
   'Keyworking minimum standards: aged 18 to 25 and rated blue.'),
  ('review', 'cetr', 0, 17, null, 'Under 18: a Care, Education and Treatment Review.'),
  ('review', 'ctr', 18, null, null, '18 and over: a Care and Treatment Review.');

-- What must happen next for each rating, as the referral emails say it: the subject
-- line's short form for the DSR team, and the sentences both emails carry. The guidance
-- pages say the same from content/ratings.json; keep the two in step when either changes.
create table private.rating_next_steps (
  for_rating text primary key check (for_rating in ('red', 'amber', 'green', 'blue')),
  subject_action text not null check (length(subject_action) between 1 and 120),
  next_steps text not null check (length(next_steps) between 1 and 1000)
);

insert into private.rating_next_steps (for_rating, subject_action, next_steps) values
  ('red', 'C(E)TR and meeting by exception needed',
   'RED: the person is at immediate risk of admission. The DSR team calls an urgent meeting by exception '
   'to put support in place, and a C(E)TR must take place. Children and young people are referred to the '
   'keyworking service.'),
  ('amber', 'multi-agency meeting and/or C(E)TR needed',
   'AMBER: the person is at risk of admission without urgent help. The referral is discussed at the next '
   'area DSR tracking meeting, and a multi-agency meeting, a C(E)TR, or both, must take place. Children and '
   'young people are referred to the keyworking service.'),
  ('green', 'added to the register, C(E)TR partners to identify',
   'GREEN: the risks are being managed. The person is added to the register and is not discussed routinely '
   'at tracking meetings. The partners who would take part in a C(E)TR are identified.'),
  ('blue', 'commissioner oversight and inpatient C(E)TRs',
   'BLUE: the person is in a mental health hospital now. Commissioners make oversight visits, and inpatient '
   'C(E)TRs take place.');

-- ---------------------------------------------------------------------------------
-- Lock everything down. Row level security with no policies: even a role that was
-- somehow granted a table would see no rows and could write none.
alter table private.issued_references enable row level security;
alter table private.professionals enable row level security;
alter table private.sign_in_tokens enable row level security;
alter table private.sessions enable row level security;
alter table private.people enable row level security;
alter table private.consents enable row level security;
alter table private.referrals enable row level security;
alter table private.withdrawals enable row level security;
alter table private.outbox enable row level security;
alter table private.rate_limits enable row level security;
alter table private.audit_events enable row level security;
alter table private.eligibility_rules enable row level security;
alter table private.rating_next_steps enable row level security;

revoke all on all tables in schema private from public, anon, authenticated, service_role;
revoke all on all sequences in schema private from public, anon, authenticated, service_role;
revoke all on all functions in schema private from public, anon, authenticated, service_role;
