-- C(E)TRs and the figures (issue 13, its C(E)TR and figures half).
--
-- A person's record holds each Care (Education) and Treatment Review the team records:
-- its kind (C(E)TR or CTR), where it was held (community or inpatient), the day it was
-- held, each recommendation with who owns it and whether it is open or done, and the
-- rating review it brought (a row of private.rating_reviews, prompted by 'cetr', written
-- by private.record_rating_review as team_review_rating writes it: never an update).
-- A recommendation's status is a new row each time it changes, so its history is kept.
-- Everything here goes with the person when they are erased (on delete cascade, and the
-- tables are in private.erased_tables()).
--
-- The figures count the register as it stands and at each of the last 24 month ends.
-- A person is counted on the register at the end of month M when their first referral
-- arrived on or before M and they are still held. Erasure removes a person's rows, so
-- counts worked out later leave out people erased since: to keep the past as it was,
-- each month end's counts are kept once that month has ended (private.figures_month_ends,
-- counts only, nothing about any one person), taken by the purge job; a month end with
-- no kept counts (before this was deployed) is counted from what remains, and the page
-- says which is which.

-- =================================================================================
-- Tables

create table private.cetrs (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references private.people (id) on delete cascade,
  kind text not null check (kind in ('cetr', 'ctr')),
  setting text not null check (setting in ('community', 'inpatient')),
  held_on private.past_date not null,
  rating_review_id uuid not null unique references private.rating_reviews (id) on delete cascade,
  team_member_id uuid not null references private.team_members (id),
  recorded_at timestamptz not null default now()
);
create index cetrs_person on private.cetrs (person_id, held_on desc);
alter table private.cetrs enable row level security;

create table private.cetr_recommendations (
  id uuid primary key default gen_random_uuid(),
  cetr_id uuid not null references private.cetrs (id) on delete cascade,
  person_id uuid not null references private.people (id) on delete cascade,
  position integer not null check (position between 1 and 20),
  recommendation private.text_2000 not null,
  owner private.line_200 not null,
  unique (cetr_id, position)
);
create index cetr_recommendations_person on private.cetr_recommendations (person_id);
alter table private.cetr_recommendations enable row level security;

-- Each status a recommendation has had, the latest being its status now.
create table private.cetr_recommendation_statuses (
  id uuid primary key default gen_random_uuid(),
  recommendation_id uuid not null references private.cetr_recommendations (id) on delete cascade,
  person_id uuid not null references private.people (id) on delete cascade,
  status text not null check (status in ('open', 'done')),
  team_member_id uuid not null references private.team_members (id),
  changed_at timestamptz not null default clock_timestamp()
);
create index cetr_recommendation_statuses_latest on private.cetr_recommendation_statuses (recommendation_id, changed_at desc);
create index cetr_recommendation_statuses_person on private.cetr_recommendation_statuses (person_id);
alter table private.cetr_recommendation_statuses enable row level security;

-- Each month end's counts, kept once the month has ended: dimension 'total' (value
-- 'all'), 'rating', 'area', 'age_group', 'keyworker' ('yes'/'no'), 'review_type', 'overdue'
-- ('yes': ratings overdue for review), 'overdue_actions' ('all': actions agreed at
-- meetings and overdue). Counts only.
create table private.figures_month_ends (
  month_end date not null,
  dimension text not null check (dimension in ('total', 'rating', 'area', 'age_group', 'keyworker', 'review_type', 'overdue', 'overdue_actions')),
  value text not null,
  people integer not null check (people >= 0),
  taken_at timestamptz not null default now(),
  primary key (month_end, dimension, value)
);
alter table private.figures_month_ends enable row level security;

-- Who exported the register with personal details, when, and how many rows (the audit
-- event says the same; this is what the export page counts).
-- (The audit event register_exported is the record: no table of its own.)

-- =================================================================================
-- The next C(E)TR. In hospital, the interval of its kind: content/review-types.json's
-- inHospitalEveryMonths, copied into private.review_types by `npm run rules:sql` (NHS
-- England's policy: at least every 3 months for a CETR, every 6 for a CTR; every 12 in a
-- secure hospital, which the console does not ask, so the shorter is used). In the
-- community a C(E)TR is held when the person is at risk of admission (the rating says so:
-- content/ratings.json `cetr`), not on an interval, so no date is due (null).
create function private.cetr_repeat_months(kind text, setting text) returns integer
language sql stable as $$
  select t.in_hospital_every_months from private.review_types as t where t.id = kind and setting = 'inpatient'
$$;

-- =================================================================================
-- Functions: C(E)TRs

-- Records a C(E)TR on a person's record (found by any of their DSR references).
-- payload: reference, kind (cetr, ctr), setting (community, inpatient), heldOn (not in the
-- future, nor before the first referral), recommendations (an array of {recommendation,
-- owner}, each both or neither; up to 20; none is allowed), and the rating review it
-- brought: rating, reason (the rating is agreed on the day the C(E)TR was held). The
-- review is written as team_review_rating writes it, prompted by 'cetr'. Audited.
create function public.team_record_cetr(session_token text, payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  answers jsonb := private.payload_object(payload);
  person_id uuid := private.person_for_reference(private.answer_text(answers, 'reference'));
  kind text;
  setting text;
  held_on date;
  items jsonb;
  item jsonb;
  n integer := 0;
  what text;
  owner text;
  review private.rating_reviews;
  cetr private.cetrs;
  recommendation_id uuid;
begin
  kind := private.choice_field(answers, 'kind', array['cetr', 'ctr'], true);
  setting := private.choice_field(answers, 'setting', array['community', 'inpatient'], true);
  held_on := private.date_field(answers, 'heldOn', true);
  perform private.refuse_before_first_referral(person_id, held_on, 'heldOn');
  items := coalesce(answers -> 'recommendations', '[]');
  if pg_catalog.jsonb_typeof(items) <> 'array' or pg_catalog.jsonb_array_length(items) > 20 then
    perform private.invalid('format', 'recommendations');
  end if;
  -- The rating review first: it checks the day against the first referral (as ratingAgreedOn).
  review := private.review_rating(member, person_id,
    answers || pg_catalog.jsonb_build_object('ratingAgreedOn', answers -> 'heldOn'), 'cetr');
  insert into private.cetrs as c (person_id, kind, setting, held_on, rating_review_id, team_member_id)
  values (person_id, kind, setting, held_on, review.id, member.id)
  returning c.* into cetr;
  for item in select e.value from pg_catalog.jsonb_array_elements(items) as e loop
    n := n + 1;
    if pg_catalog.jsonb_typeof(item) <> 'object' then
      perform private.invalid('format', 'recommendations');
    end if;
    what := private.text_field(item, 'recommendation', 2000, false, true);
    owner := private.text_field(item, 'owner', 200, false, false);
    if what is null and owner is null then
      continue;
    end if;
    if what is null then
      perform private.invalid('required', 'recommendation' || n);
    end if;
    if owner is null then
      perform private.invalid('required', 'owner' || n);
    end if;
    insert into private.cetr_recommendations as r (cetr_id, person_id, position, recommendation, owner)
    values (cetr.id, person_id, n, what, owner) returning r.id into recommendation_id;
    insert into private.cetr_recommendation_statuses (recommendation_id, person_id, status, team_member_id)
    values (recommendation_id, person_id, 'open', member.id);
  end loop;
  perform private.audit('cetr_recorded', private.team_actor(member),
    private.person_references(person_id),
    pg_catalog.jsonb_build_object('cetrId', cetr.id, 'kind', kind, 'setting', setting, 'reviewId', review.id,
      'recommendations', (select pg_catalog.count(*) from private.cetr_recommendations as r where r.cetr_id = cetr.id)));
  return pg_catalog.jsonb_build_object('cetrId', cetr.id, 'heldOn', cetr.held_on, 'rating', review.rating);
end
$$;
revoke all on function public.team_record_cetr(text, jsonb) from public, anon, authenticated;
grant execute on function public.team_record_cetr(text, jsonb) to service_role;

-- A recommendation is now open or done: a new status row (the earlier ones kept), audited.
-- Refused with `recommendation_already` when it already has that status (someone else
-- acted first), and `recommendation_not_found` when there is no such recommendation.
create function public.team_set_recommendation_status(session_token text, recommendation_id uuid, status text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  found private.cetr_recommendations;
  now_status text;
begin
  if status is null or status not in ('open', 'done') then
    perform private.invalid('unknown', 'status');
  end if;
  select r.* into found from private.cetr_recommendations as r where r.id = recommendation_id for update;
  if found.id is null then
    perform private.refuse('recommendation_not_found', 'recommendation');
  end if;
  select s.status into now_status from private.cetr_recommendation_statuses as s
   where s.recommendation_id = found.id order by s.changed_at desc limit 1;
  if now_status = status then
    perform private.refuse('recommendation_already', 'status');
  end if;
  insert into private.cetr_recommendation_statuses (recommendation_id, person_id, status, team_member_id)
  values (found.id, found.person_id, status, member.id);
  perform private.audit('cetr_recommendation_status', private.team_actor(member),
    private.person_references(found.person_id),
    pg_catalog.jsonb_build_object('recommendationId', found.id, 'status', status));
  return pg_catalog.jsonb_build_object('recommendationId', found.id, 'status', status,
    'reference', (select r.reference from private.referrals as r where r.person_id = found.person_id order by r.created_at desc limit 1));
end
$$;
revoke all on function public.team_set_recommendation_status(text, uuid, text) from public, anon, authenticated;
grant execute on function public.team_set_recommendation_status(text, uuid, text) to service_role;

-- A person's C(E)TRs, newest first, each with its recommendations (their status now and
-- every change), its rating review, and when the next is due. Audited as an opening of
-- the person's record (part 'cetrs').
create function public.team_person_cetrs(session_token text, referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  wanted text := pg_catalog.upper(pg_catalog.btrim(referral_reference));
  person_id uuid;
  person record;
  refs text[];
  latest_cetr private.cetrs;
  age_now integer;
  has_ehcp boolean;
  rules record;
  repeat_months integer;
  due_on date;
begin
  person_id := private.person_for_reference(wanted);
  select n.* into person from private.people_now as n where n.id = person_id;
  refs := private.person_references(person_id);
  select (r.has_ehcp = 'yes') into has_ehcp from private.referrals as r where r.person_id = person_id order by r.created_at desc limit 1;
  age_now := pg_catalog.date_part('year', pg_catalog.age(private.today(), person.date_of_birth))::integer;
  rules := private.eligibility(age_now, person.rating, has_ehcp);
  select c.* into latest_cetr from private.cetrs as c where c.person_id = person_id order by c.held_on desc, c.recorded_at desc limit 1;
  -- When the next is due: the interval is read once (from private.review_types).
  repeat_months := private.cetr_repeat_months(latest_cetr.kind, latest_cetr.setting);
  due_on := (latest_cetr.held_on + pg_catalog.make_interval(months => repeat_months))::date;
  perform private.audit('person_record_opened', private.team_actor(member), refs,
    pg_catalog.jsonb_build_object('openedAs', wanted, 'part', 'cetrs'));
  return pg_catalog.jsonb_build_object(
    'reference', wanted,
    'latestReference', refs[pg_catalog.array_length(refs, 1)],
    'person', pg_catalog.jsonb_build_object('givenName', person.given_name, 'familyName', person.family_name,
      'rating', person.rating, 'reviewType', rules.review_type, 'livesIn', person.lives_in),
    'nextDue', case when latest_cetr.id is null then null else pg_catalog.jsonb_build_object(
      'kind', latest_cetr.kind, 'setting', latest_cetr.setting, 'lastHeldOn', latest_cetr.held_on,
      'months', repeat_months, 'dueOn', due_on, 'overdue', due_on < private.today()) end,
    'cetrs', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', c.id, 'kind', c.kind, 'setting', c.setting, 'heldOn', c.held_on, 'recordedAt', c.recorded_at,
               'recordedBy', m.full_name,
               'review', pg_catalog.jsonb_build_object('rating', v.rating, 'ratingAgreedOn', v.rating_agreed_on, 'reason', v.reason),
               'recommendations', coalesce((
                 select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                          'id', r.id, 'recommendation', r.recommendation, 'owner', r.owner,
                          'status', (select s.status from private.cetr_recommendation_statuses as s
                                      where s.recommendation_id = r.id order by s.changed_at desc limit 1),
                          'history', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                                               'status', s.status, 'at', s.changed_at, 'by', sm.full_name) order by s.changed_at)
                                        from private.cetr_recommendation_statuses as s
                                        join private.team_members as sm on sm.id = s.team_member_id
                                       where s.recommendation_id = r.id))
                        order by r.position)
                   from private.cetr_recommendations as r where r.cetr_id = c.id), '[]'))
             order by c.held_on desc, c.recorded_at desc)
        from private.cetrs as c
        join private.rating_reviews as v on v.id = c.rating_review_id
        join private.team_members as m on m.id = c.team_member_id
       where c.person_id = person_id), '[]'));
end
$$;
revoke all on function public.team_person_cetrs(text, text) from public, anon, authenticated;
grant execute on function public.team_person_cetrs(text, text) to service_role;

-- =================================================================================
-- Functions: the figures

-- Each person's reviews in the order recorded, with the rating: team_figures reads the
-- rating changes from it (see there).
create index rating_reviews_recorded on private.rating_reviews (person_id, recorded_at) include (rating);

-- Everyone on the register at the end of the day `as_of` (in England), from what remains:
-- their first referral had arrived by then; their rating, area and plan as they were then;
-- the rules as they are now (age group, keyworker eligibility, review type) at their age
-- then; overdue when more days than the rating's review interval had passed since it was
-- agreed. One row a person, nothing that names them.
--
-- The rating then is private.current_ratings' rule (the latest of the rating history by the
-- day agreed, then by when recorded) over what had been recorded by then, read as it reads
-- it: each person's latest referral and latest review, then the later of the two. EXPLAIN on
-- the benchmark's register (npm run bench:console: 5,000 people, 25,000 referrals, 25,000
-- reviews): looked up a person at a time through private.rating_history, 107 ms for
-- everyone; taken in sets like this, 61 ms. test/db/cetrs-and-figures.test.ts holds the
-- two rules together (the figures now equal the counts of private.people_now).
create function private.register_at(as_of date)
returns table (rating text, area text, age_group text, keyworker_eligible boolean, review_type text, overdue boolean)
language sql stable as $$
  with latest as (
    select distinct on (r.person_id) r.person_id, r.area, r.has_ehcp
      from private.referrals as r
     where (r.created_at at time zone 'Europe/London')::date <= as_of
     order by r.person_id, r.created_at desc
  ), rated as (
    select distinct on (h.person_id) h.person_id, h.rating, h.rating_agreed_on
      from ((select distinct on (r.person_id) r.person_id, r.rating, r.rating_agreed_on, r.created_at as recorded_at
               from private.referrals as r
              where (r.created_at at time zone 'Europe/London')::date <= as_of
              order by r.person_id, r.rating_agreed_on desc, r.created_at desc)
            union all
            (select distinct on (v.person_id) v.person_id, v.rating, v.rating_agreed_on, v.recorded_at
               from private.rating_reviews as v
              where (v.recorded_at at time zone 'Europe/London')::date <= as_of
              order by v.person_id, v.rating_agreed_on desc, v.recorded_at desc)) as h
     order by h.person_id, h.rating_agreed_on desc, h.recorded_at desc
  ), everyone as (
    select c.rating, l.area, coalesce(l.has_ehcp = 'yes', false) as has_ehcp,
           pg_catalog.date_part('year', pg_catalog.age(as_of, p.date_of_birth))::integer as age_then,
           as_of - c.rating_agreed_on > g.review_within_days as overdue
      from private.people as p
      join latest as l on l.person_id = p.id
      join rated as c on c.person_id = p.id
      join private.ratings as g on g.id = c.rating
  ), rules as materialized (
    select k.age_then, k.rating, k.has_ehcp, e.age_group, e.keyworker_eligible, e.review_type
      from (select distinct w.age_then, w.rating, w.has_ehcp from everyone as w) as k
      cross join lateral private.eligibility_of(k.age_then, k.rating, k.has_ehcp) as e
  )
  select w.rating, w.area, u.age_group, u.keyworker_eligible, u.review_type, w.overdue
    from everyone as w
    join rules as u on u.age_then = w.age_then and u.rating = w.rating and u.has_ehcp = w.has_ehcp
$$;

-- The counts of register_at(as_of), by dimension and value; and the actions agreed at
-- meetings that were overdue at the end of that day: agreed by then, due before it (as the
-- Actions list marks them overdue: team_actions), and not done by the end of it.
create function private.register_counts(as_of date)
returns table (dimension text, value text, people integer)
language sql stable as $$
  with r as materialized (select * from private.register_at(as_of))
  select 'total', 'all', pg_catalog.count(*)::integer from r
  union all select 'rating', r.rating, pg_catalog.count(*)::integer from r group by r.rating
  union all select 'area', r.area, pg_catalog.count(*)::integer from r group by r.area
  union all select 'age_group', r.age_group, pg_catalog.count(*)::integer from r group by r.age_group
  union all select 'keyworker', case when r.keyworker_eligible then 'yes' else 'no' end, pg_catalog.count(*)::integer from r group by r.keyworker_eligible
  union all select 'review_type', r.review_type, pg_catalog.count(*)::integer from r group by r.review_type
  union all select 'overdue', 'yes', pg_catalog.count(*)::integer from r where r.overdue
  union all select 'overdue_actions', 'all', pg_catalog.count(*)::integer from private.meeting_actions as a
             where (a.agreed_at at time zone 'Europe/London')::date <= as_of and a.due_on < as_of
               and (a.done_at is null or (a.done_at at time zone 'Europe/London')::date > as_of)
$$;

-- The last 24 month ends before today, oldest first.
create function private.figures_month_end_dates() returns setof date
language sql stable as $$
  select (pg_catalog.date_trunc('month', private.today()) - pg_catalog.make_interval(months => n))::date - 1
    from pg_catalog.generate_series(23, 0, -1) as n
$$;

-- Keeps the counts of every one of the last 24 month ends not kept yet (run by the purge
-- job; a month end is kept once, as it was when first counted), and deletes the counts of
-- month ends older than those 24 (the privacy notice: kept for 24 months, then deleted).
-- Answers how many month ends were kept.
create function private.keep_figures_month_ends() returns integer
language plpgsql as $$
declare
  kept integer := 0;
  m date;
begin
  delete from private.figures_month_ends as f where f.month_end < (select pg_catalog.min(d) from private.figures_month_end_dates() as d);
  for m in select d from private.figures_month_end_dates() as d
            where not exists (select 1 from private.figures_month_ends as f where f.month_end = d) loop
    insert into private.figures_month_ends (month_end, dimension, value, people)
    select m, c.dimension, c.value, c.people from private.register_counts(m) as c
    on conflict do nothing;
    kept := kept + 1;
  end loop;
  return kept;
end
$$;

-- Each month end's counts: the kept ones (with the day they were kept: the first run after
-- deployment keeps month ends that had already passed, counted from what remained then),
-- or counted from what remains where none were kept.
create function private.month_end_counts()
returns table (month_end date, kept boolean, kept_on date, dimension text, value text, people integer)
language plpgsql stable as $$
declare
  m date;
begin
  return query
    select d, true, (f.taken_at at time zone 'Europe/London')::date, f.dimension, f.value, f.people
      from private.figures_month_end_dates() as d join private.figures_month_ends as f on f.month_end = d;
  -- Only the month ends with no kept counts are counted (a plan that left this to a join
  -- counted every month end whether kept or not: 750 ms on the benchmark's register).
  for m in select d from private.figures_month_end_dates() as d
            where not exists (select 1 from private.figures_month_ends as f where f.month_end = d) loop
    return query select m, false, null::date, c.dimension, c.value, c.people from private.register_counts(m) as c;
  end loop;
end
$$;

-- The figures page: the register now by each dimension, each month end's counts, new
-- referrals (first referrals, so new people) and rating changes (a rating agreed that
-- differs from the one before it, by referral or review) in each of the last 24 months,
-- and the reviews overdue now. Counts only. Audited (figures_viewed).
create function public.team_figures(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  member private.team_members := private.team_member_for(session_token);
  today date := private.today();
  first_month date := (pg_catalog.date_trunc('month', today) - interval '23 months')::date;
  result jsonb;
begin
  perform private.audit('figures_viewed', private.team_actor(member), '{}');
  with now_counts as (select * from private.register_counts(today)),
  ends as (select * from private.month_end_counts()),
  months as (select (first_month + pg_catalog.make_interval(months => n))::date as month
               from pg_catalog.generate_series(0, 23) as n),
  -- The day each person's first referral arrived, in England: read once, for new referrals
  -- and for the time to a first meeting.
  first_days as materialized (select r.person_id, (pg_catalog.min(r.created_at) at time zone 'Europe/London')::date as first_on
                                from private.referrals as r group by r.person_id),
  -- Each counted once, by month (not once a month).
  firsts as (select pg_catalog.date_trunc('month', f.first_on)::date as month, pg_catalog.count(*)::integer as people
               from first_days as f
              where f.first_on >= first_month group by 1),
  -- The rating history's rows (private.rating_history: each referral's rating and each
  -- review's) read from its two tables in the order recorded, each from an index that holds
  -- the rating (rating_reviews_recorded here, referrals_person in 700), so the history is
  -- merged rather than sorted. EXPLAIN on the benchmark's register (npm run bench:console,
  -- 50,000 ratings): through the view, a sort spilling to disk, 63 to 77 ms; this way, 31 ms.
  changes as (select pg_catalog.date_trunc('month', (h.recorded_at at time zone 'Europe/London')::date)::date as month, pg_catalog.count(*)::integer as changes
                from (select h.recorded_at, h.rating,
                             pg_catalog.lag(h.rating) over (partition by h.person_id order by h.recorded_at) as before
                        from (select r.person_id, r.created_at as recorded_at, r.rating from private.referrals as r
                              union all
                              select v.person_id, v.recorded_at, v.rating from private.rating_reviews as v
                              order by 1, 2) as h) as h
               where h.before is not null and h.before <> h.rating and h.recorded_at >= first_month::timestamp at time zone 'Europe/London'
               group by 1),
  -- Time from referral to first meeting: for the people first referred each month, how many
  -- have been discussed at a meeting (an outcome recorded for them: 20261125000880_meetings.sql)
  -- and the median days from their first referral to the first such meeting.
  met as (select pg_catalog.date_trunc('month', f.first_on)::date as month, pg_catalog.count(*)::integer as people,
                 pg_catalog.percentile_disc(0.5) within group (order by greatest(0, d.first_held - f.first_on)) as median_days
            from first_days as f
            join (select p.person_id, pg_catalog.min(m.held_on) as first_held
                    from private.meeting_people as p join private.meetings as m on m.id = p.meeting_id
                   where p.recorded_at is not null group by p.person_id) as d on d.person_id = f.person_id
           where f.first_on >= first_month group by 1)
  select pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'today', today,
    'now', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('dimension', c.dimension, 'value', c.value, 'people', c.people)) from now_counts as c),
    'monthEnds', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('monthEnd', e.month_end, 'kept', e.kept, 'keptOn', e.kept_on,
                   'dimension', e.dimension, 'value', e.value, 'people', e.people) order by e.month_end) from ends as e), '[]'),
    'months', (select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('month', m.month,
                 'newReferrals', coalesce(f.people, 0), 'ratingChanges', coalesce(h.changes, 0),
                 'discussed', coalesce(t.people, 0), 'medianDaysToFirstMeeting', t.median_days) order by m.month)
                 from months as m left join firsts as f on f.month = m.month left join changes as h on h.month = m.month
                 left join met as t on t.month = m.month),
    'ratings', (select pg_catalog.jsonb_agg(g.id order by g.position) from private.ratings as g),
    'areas', (select pg_catalog.jsonb_agg(a.name order by a.name) from private.areas as a))
  into result;
  return result;
end
$$;
revoke all on function public.team_figures(text) from public, anon, authenticated;
grant execute on function public.team_figures(text) to service_role;

-- The month ends' counts for the CSV download: counts only. Audited (figures_downloaded).
create function public.team_figures_month_ends(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  member private.team_members := private.team_member_for(session_token);
begin
  perform private.audit('figures_downloaded', private.team_actor(member), '{}');
  return coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('monthEnd', e.month_end, 'kept', e.kept, 'keptOn', e.kept_on,
            'dimension', e.dimension, 'value', e.value, 'people', e.people) order by e.month_end, e.dimension, e.value)
     from private.month_end_counts() as e), '[]');
end
$$;
revoke all on function public.team_figures_month_ends(text) from public, anon, authenticated;
grant execute on function public.team_figures_month_ends(text) to service_role;

-- =================================================================================
-- Functions: the register with personal details (OFFICIAL-SENSITIVE), for a team member
-- to download. Audited: who, when (the event's time) and how many rows.
create function public.team_register_export(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  member private.team_members := private.team_member_for(session_token);
  rows jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'reference', n.latest_reference, 'givenName', n.given_name, 'familyName', n.family_name,
           'dateOfBirth', n.date_of_birth, 'nhsNumber', n.nhs_number, 'postcode', n.postcode, 'area', n.area,
           'rating', n.rating, 'ratingAgreedOn', n.rating_agreed_on, 'livesIn', n.lives_in)
           order by g.position, n.latest_reference), '[]')
    into rows
    from private.people_now as n join private.ratings as g on g.id = n.rating;
  perform private.audit('register_exported', private.team_actor(member), '{}',
    pg_catalog.jsonb_build_object('rows', pg_catalog.jsonb_array_length(rows)));
  return pg_catalog.jsonb_build_object('people', rows);
end
$$;
revoke all on function public.team_register_export(text) from public, anon, authenticated;
grant execute on function public.team_register_export(text) to service_role;

-- =================================================================================
-- The purge job keeps each month end's counts as well, and deletes a family's request
-- (/ask/) 12 months after the DSR team decided what happens (the privacy
-- notice says so); a request not yet decided stays on Today until it is.
create or replace function public.purge_expired() returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  tokens integer;
  sessions integer;
  limits integer;
  emails integer;
  month_ends integer;
  requests integer;
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
  month_ends := private.keep_figures_month_ends();
  delete from private.requests as q
   where exists (select 1 from private.request_decisions as d where d.request_id = q.id and d.decided_at < now() - interval '12 months');
  get diagnostics requests = row_count;
  return pg_catalog.jsonb_build_object('signInTokens', tokens, 'sessions', sessions, 'rateLimits', limits,
                                       'sentEmails', emails, 'figuresMonthEnds', month_ends, 'familyRequests', requests);
end
$$;
revoke all on function public.purge_expired() from public, anon, authenticated;
grant execute on function public.purge_expired() to service_role;

