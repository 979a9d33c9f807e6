-- Rules: the tables that hold the database's copy of the rules in content/ (ratings,
-- keyworker eligibility, age groups, C(E)TR or CTR, kinds of reference, areas), and the
-- functions that read them. The rows come from the content: `npm run rules:sql`
-- (scripts/rules-to-sql.ts) writes them as the next migration, and
-- test/db/rules.test.ts fails while they differ. Nothing here names a rating, an age
-- or a prefix: those are the content's.

-- =================================================================================
-- Tables

-- The ratings: whether the DSR team must act on the day, whether the rating is the
-- one for someone in a mental health hospital now (BLUE), and how soon it is due for review. Their words are the content's.
create table private.ratings (
  id text primary key check (id ~ '^[a-z]+(_[a-z]+)*$'),
  position integer not null check (position >= 1),
  urgent boolean not null,
  in_hospital boolean not null,
  -- Days after a rating is agreed that it is due for review (content/ratings.json's
  -- reviewWithinDays, the local policy): the console's register marks older ones overdue.
  review_within_days integer not null check (review_within_days between 1 and 730),
  -- A referral names (rating, in hospital?) together: see private.referrals.
  unique (id, in_hospital)
);
create unique index ratings_one_for_hospital on private.ratings (in_hospital) where in_hospital;
alter table private.ratings enable row level security;

-- What submit_referral works out from an age and a rating. Ages are whole years at the
-- date of referral; bounds are inclusive; max_age null = no upper bound; ratings null =
-- any rating.
create table private.eligibility_rules (
  id integer generated always as identity primary key,
  kind text not null check (kind in ('age_group', 'keyworker', 'review')),
  outcome text not null check (outcome ~ '^[a-z]+(_[a-z]+)*$'),
  min_age integer not null check (min_age >= 0),
  max_age integer check (max_age >= min_age),
  ratings text[],
  -- Reviews only: for people with (true) or without (false) an education, health and care plan; null for either.
  has_ehcp boolean check (has_ehcp is null or kind = 'review'),
  source text not null check (length(source) between 1 and 500),
  check ((kind = 'keyworker') = (outcome = 'eligible'))
);
alter table private.eligibility_rules enable row level security;

-- The reviews (content/review-types.json): how often, in months, someone in a mental health
-- hospital has one (inHospitalEveryMonths). Who has which is in private.eligibility_rules.
create table private.review_types (
  id text primary key check (id ~ '^[a-z]+(_[a-z]+)*$'),
  in_hospital_every_months integer not null check (in_hospital_every_months between 1 and 12)
);
alter table private.review_types enable row level security;

-- Kinds of reference and the three letters each starts with (DSR- a referral).
create table private.reference_kinds (
  id text primary key check (id ~ '^[a-z]+(_[a-z]+)*$'),
  prefix text not null unique check (prefix ~ '^[A-Z]{3}$')
);
alter table private.reference_kinds enable row level security;

-- The local areas, each with its own DSR tracking meeting.
create table private.areas (
  name private.line_100 primary key
);
alter table private.areas enable row level security;

-- =================================================================================
-- Functions: reading the rules

-- A reference of this kind: its prefix, then 8 characters in two groups from an
-- alphabet without I, O, 0 and 1, which are easily misread. (Used in domain checks:
-- PL/pgSQL, see foundations.)
create function private.reference_is_of_kind(reference text, kind text) returns boolean
language plpgsql stable strict as $$
begin
  return exists (select 1 from private.reference_kinds as k
                  where k.id = kind and reference ~ ('^' || k.prefix || '-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$'));
end
$$;

-- A reference typed into a form, as stored (upper case); `format` when it is not one
-- of this kind.
create function private.reference_field(payload jsonb, field text, kind text) returns text
language plpgsql stable as $$
declare
  result text := pg_catalog.upper(private.answer_text(payload, field));
begin
  if result is not null and not private.reference_is_of_kind(result, kind) then
    perform private.invalid('format', field);
  end if;
  return result;
end
$$;

-- A rating, as the form's radios send it.
create function private.rating_field(payload jsonb, field text) returns private.ratings
language plpgsql stable as $$
declare
  rating private.ratings;
begin
  select r.* into rating from private.ratings as r where r.id = private.answer_text(payload, field);
  if rating.id is null then
    perform private.invalid('required', field);
  end if;
  return rating;
end
$$;

-- An area, one of the list.
create function private.area_field(payload jsonb, field text) returns text
language plpgsql stable as $$
begin
  return private.choice_field(payload, field, array(select a.name from private.areas as a), true);
end
$$;

-- What the rules say for an age, a rating and whether the person has an education,
-- health and care plan (null when not known, which the rules take as without one).
-- The rules that match this age and rating, in one row (any of them null where none
-- matches). SQL, so it inlines into a query over many people (the console's register);
-- private.eligibility is the same answer for one person, refused where the rules leave a gap.
create function private.eligibility_of(age_in_years integer, given_rating text, has_ehcp boolean)
returns table (age_group text, keyworker_eligible boolean, review_type text)
language sql stable as $$
  select (pg_catalog.array_agg(r.outcome order by r.id) filter (where r.kind = 'age_group'))[1],
         coalesce(pg_catalog.bool_or(true) filter (where r.kind = 'keyworker'), false),
         (pg_catalog.array_agg(r.outcome order by r.id) filter (where r.kind = 'review'))[1]
    from private.eligibility_rules as r
   where age_in_years between r.min_age and coalesce(r.max_age, age_in_years)
     and (r.ratings is null or given_rating = any (r.ratings))
     and (r.has_ehcp is null or r.has_ehcp = coalesce(eligibility_of.has_ehcp, false))
$$;

create function private.eligibility(age_in_years integer, given_rating text, has_ehcp boolean,
                                    out age_group text, out keyworker_eligible boolean, out review_type text)
language plpgsql stable as $$
begin
  select e.age_group, e.keyworker_eligible, e.review_type
    into age_group, keyworker_eligible, review_type
    from private.eligibility_of(age_in_years, given_rating, has_ehcp) as e;
  if age_group is null or review_type is null then
    -- The rules were changed and left a gap: refuse rather than guess.
    perform private.refuse('eligibility_rules_incomplete');
  end if;
end
$$;

-- Whether the review someone has depends, at this age, on an education, health and care
-- plan (18 to 25 in content/review-types.json): the referral must then say whether they have one.
create function private.ehcp_matters(age_in_years integer) returns boolean
language sql stable as $$
  select exists (select 1 from private.eligibility_rules as r
                  where r.kind = 'review' and r.has_ehcp is not null
                    and age_in_years between r.min_age and coalesce(r.max_age, age_in_years))
$$;

-- =================================================================================
-- Tables: references

-- Typed references, so a column of one kind can never hold another's.
create domain private.referral_reference as text check (private.reference_is_of_kind(value, 'referral'));
create domain private.consent_reference as text check (private.reference_is_of_kind(value, 'consent'));
create domain private.withdrawal_reference as text check (private.reference_is_of_kind(value, 'withdrawal'));

-- Every reference ever issued, whatever its kind, so a reference is unique across
-- kinds and never reused, even after the record it named has been erased.
create table private.issued_references (
  reference text primary key check (reference ~ '^[A-Z]{3}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$'),
  issued_at timestamptz not null default now()
);
alter table private.issued_references enable row level security;

-- =================================================================================
-- Functions: references

create function private.new_reference(kind text) returns text
language plpgsql volatile as $$
declare
  -- 32 symbols, so each random byte maps onto one without bias (256 = 8 × 32).
  alphabet constant text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  prefix text;
  random_bytes bytea;
  candidate text;
begin
  select k.prefix into prefix from private.reference_kinds as k where k.id = kind;
  if prefix is null then
    perform private.refuse('reference_kind_unknown');
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
