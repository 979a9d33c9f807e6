-- =================================================================================
-- Meetings (issue 13, its meetings half): area DSR tracking meetings, meetings by
-- exception for RED, what was agreed for each person, and the actions the team follows up.
--
-- AMBER referrals are discussed at the next tracking meeting of their area to agree the
-- resources needed; RED ones get an urgent meeting by exception; "all actions agreed in
-- DSR meetings will be positively followed up by the DSR team". A meeting's agenda is
-- drawn from the register when it is scheduled (private.meeting_agenda_for); the team may
-- add a person or remove one with a reason (kept: nothing is deleted). A rating changed at
-- a meeting is a new rating review (private.record_rating_review, shared with
-- team_review_rating), never an update. Every change and every view of names is audited
-- (actor `team:<id>`, references only). Meeting entries and actions about a person go
-- with the person when they are erased (on delete cascade; private.erased_tables).

-- =================================================================================
-- Tables

create table private.meetings (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('tracking', 'exception')),
  area private.line_100 not null,
  held_on date not null,
  created_by uuid not null references private.team_members (id),
  created_at timestamptz not null default now()
);
create index meetings_area on private.meetings (area, held_on desc);
alter table private.meetings enable row level security;

-- Each person on a meeting's agenda: why (the register's reasons, or 'added' by the
-- team), taken off with a reason (kept), and what was agreed for them.
create table private.meeting_people (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references private.meetings (id),
  person_id uuid not null references private.people (id) on delete cascade,
  reasons text[] not null check (reasons <@ array['amber', 'red', 'new_referral', 'review_overdue', 'action_due', 'added']
                                 and pg_catalog.cardinality(reasons) > 0),
  added_by uuid references private.team_members (id),
  added_at timestamptz not null default now(),
  removed_at timestamptz,
  removed_by uuid references private.team_members (id),
  removal_reason private.text_500,
  outcome private.text_2000,
  rating_review_id uuid references private.rating_reviews (id) on delete cascade,
  recorded_at timestamptz,
  recorded_by uuid references private.team_members (id),
  unique (meeting_id, person_id),
  check ((removed_at is null) = (removed_by is null) and (removed_at is null) = (removal_reason is null)),
  check ((recorded_at is null) = (outcome is null) and (recorded_at is null) = (recorded_by is null))
);
create index meeting_people_person on private.meeting_people (person_id);
alter table private.meeting_people enable row level security;

-- An action agreed at a meeting for a person: what, who owns it (a service or a person,
-- in the team's words), by when; done once, with a note.
create table private.meeting_actions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references private.meetings (id),
  person_id uuid not null references private.people (id) on delete cascade,
  what private.text_500 not null,
  owner private.line_200 not null,
  due_on date not null,
  agreed_by uuid not null references private.team_members (id),
  agreed_at timestamptz not null default now(),
  done_at timestamptz,
  done_by uuid references private.team_members (id),
  done_note private.text_500,
  check ((done_at is null) = (done_by is null) and (done_at is null) = (done_note is null))
);
create index meeting_actions_open on private.meeting_actions (due_on) where done_at is null;
create index meeting_actions_person on private.meeting_actions (person_id);
alter table private.meeting_actions enable row level security;

alter table private.rating_reviews drop constraint rating_reviews_prompted_by_check,
  add constraint rating_reviews_prompted_by_check
    check (prompted_by in ('cetr', 'tracking_meeting', 'meeting_by_exception', 'new_information', 'other'));

-- =================================================================================
-- Functions: helpers

-- A meeting, locked; `meeting_not_found`.
create function private.meeting_for(meeting_id uuid) returns private.meetings
language plpgsql as $$
declare
  meeting private.meetings;
begin
  select m.* into meeting from private.meetings as m where m.id = meeting_id for update;
  if meeting.id is null then
    perform private.refuse('meeting_not_found', 'meeting_id');
  end if;
  return meeting;
end
$$;

-- A day a meeting is held, or an action is due: a real date within a year either side of today.
create function private.meeting_date_field(payload jsonb, field text) returns date
language plpgsql stable as $$
declare
  value text := private.answer_text(payload, field);
  result date;
begin
  if value is null then perform private.invalid('required', field); end if;
  result := private.parse_date(value);
  if result is null then perform private.invalid('not_real', field); end if;
  if result > private.today() + 366 then perform private.invalid('too_late', field); end if;
  if result < private.today() - 366 then perform private.invalid('too_early', field); end if;
  return result;
end
$$;

-- The agenda the register draws for a tracking meeting of an area on a day: everyone
-- now AMBER there; people RED since the area's last meeting before that day (every RED
-- person when there was none); new referrals since then; ratings overdue for review;
-- and people with open actions due by the day. One row per person, with every reason.
create function private.meeting_agenda_for(area text, held_on date) returns table (person_id uuid, reasons text[])
language sql stable as $$
  with since as (
    select coalesce((select (pg_catalog.max(m.held_on) + 1)::timestamp at time zone 'Europe/London'
                       from private.meetings as m where m.area = $1 and m.kind = 'tracking' and m.held_on < $2),
                    '-infinity'::timestamptz) as at
  ), here as (
    -- Everyone whose latest referral is in the area, with their current rating (the area
    -- as private.people_now has it, without the rest of that view's columns).
    select l.person_id as id, c.rating, c.rating_agreed_on, c.recorded_at
      from (select distinct on (r.person_id) r.person_id, r.area from private.referrals as r
             order by r.person_id, r.created_at desc) as l
      join private.current_ratings as c on c.person_id = l.person_id
     where l.area = $1
  ), reasons as (
    select h.id, 'amber' as reason from here as h where h.rating = 'amber'
    union all
    -- RED recorded (by a referral or a review) since the last meeting.
    select h.id, 'red' from here as h, since as s where h.rating = 'red' and h.recorded_at >= s.at
    union all
    select r.person_id, 'new_referral' from private.referrals as r, since as s where r.area = $1 and r.created_at >= s.at
    union all
    select h.id, 'review_overdue' from here as h join private.ratings as g on g.id = h.rating
     where private.today() - h.rating_agreed_on > g.review_within_days
    union all
    select a.person_id, 'action_due' from private.meeting_actions as a join here as h on h.id = a.person_id
     where a.done_at is null and a.due_on <= $2
  )
  select x.id, pg_catalog.array_agg(distinct x.reason) from reasons as x group by x.id
$$;

-- =================================================================================
-- Functions: the console

-- Every meeting, the next and most recent first, with how many people are on each (no names).
create function public.team_meetings(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
begin
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'areas', (select pg_catalog.jsonb_agg(a.name order by a.name) from private.areas as a),
    'meetings', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', m.id, 'kind', m.kind, 'area', m.area, 'heldOn', m.held_on,
               'people', (select pg_catalog.count(*) from private.meeting_people as p where p.meeting_id = m.id and p.removed_at is null))
             order by m.held_on desc, m.created_at desc)
        from private.meetings as m), '[]'));
end
$$;
revoke all on function public.team_meetings(text) from public, anon, authenticated;
grant execute on function public.team_meetings(text) to service_role;

-- Schedule a tracking meeting: payload area (one of the areas), heldOn (YYYY-MM-DD,
-- within a year of today). Its agenda is drawn from the register at once.
create function public.team_schedule_meeting(session_token text, payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  answers jsonb := private.payload_object(payload);
  area text := private.area_field(answers, 'area');
  held_on date := private.meeting_date_field(answers, 'heldOn');
  meeting private.meetings;
  listed integer;
begin
  insert into private.meetings as m (kind, area, held_on, created_by) values ('tracking', area, held_on, member.id)
  returning m.* into meeting;
  insert into private.meeting_people (meeting_id, person_id, reasons)
  select meeting.id, a.person_id, a.reasons from private.meeting_agenda_for(area, held_on) as a;
  get diagnostics listed = row_count;
  perform private.audit('meeting_scheduled', private.team_actor(member), '{}',
    pg_catalog.jsonb_build_object('meetingId', meeting.id, 'kind', 'tracking', 'area', area, 'heldOn', held_on, 'people', listed));
  return pg_catalog.jsonb_build_object('meetingId', meeting.id, 'people', listed);
end
$$;
revoke all on function public.team_schedule_meeting(text, jsonb) from public, anon, authenticated;
grant execute on function public.team_schedule_meeting(text, jsonb) to service_role;

-- A meeting by exception for a RED person, in one step: payload reference (any of
-- theirs), heldOn (the day it was held: not in the future, nor before their first
-- referral arrived, `before_first_referral`). A person not RED now is `not_red`.
create function public.team_convene_exception(session_token text, payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  answers jsonb := private.payload_object(payload);
  person_id uuid := private.person_for_reference(private.answer_text(answers, 'reference'));
  held_on date := private.date_field(answers, 'heldOn', true);
  person record;
  meeting private.meetings;
begin
  perform private.refuse_before_first_referral(person_id, held_on, 'heldOn');
  select n.area, n.rating into person from private.people_now as n where n.id = person_id;
  if person.rating <> 'red' then
    perform private.refuse('not_red', 'reference');
  end if;
  insert into private.meetings as m (kind, area, held_on, created_by) values ('exception', person.area, held_on, member.id)
  returning m.* into meeting;
  insert into private.meeting_people (meeting_id, person_id, reasons, added_by) values (meeting.id, person_id, array['red'], member.id);
  perform private.audit('meeting_scheduled', private.team_actor(member), private.person_references(person_id),
    pg_catalog.jsonb_build_object('meetingId', meeting.id, 'kind', 'exception', 'area', person.area, 'heldOn', held_on, 'people', 1));
  return pg_catalog.jsonb_build_object('meetingId', meeting.id);
end
$$;
revoke all on function public.team_convene_exception(text, jsonb) from public, anon, authenticated;
grant execute on function public.team_convene_exception(text, jsonb) to service_role;

-- A meeting with its people (names, current rating, why they are on it, what was agreed,
-- their actions), those taken off after. purpose: 'meeting' (the page), 'agenda' (the
-- printable agenda, with names) or 'agenda_without_names' (references only: no names
-- are returned). Each opening is audited with the references it showed.
create function public.team_meeting(session_token text, meeting_id uuid, purpose text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  meeting private.meetings;
  with_names boolean := purpose in ('meeting', 'agenda');
  shown text[];
  people jsonb;
begin
  if purpose is null or purpose not in ('meeting', 'agenda', 'agenda_without_names') then
    perform private.invalid('unknown', 'purpose');
  end if;
  select m.* into meeting from private.meetings as m where m.id = meeting_id;
  if meeting.id is null then
    perform private.refuse('meeting_not_found', 'meeting_id');
  end if;
  select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'reference', latest.reference,
           'givenName', case when with_names then n.given_name end,
           'familyName', case when with_names then n.family_name end,
           'rating', n.rating, 'ratingAgreedOn', n.rating_agreed_on, 'area', n.area,
           'reasons', pg_catalog.to_jsonb(p.reasons),
           'removedAt', p.removed_at, 'removalReason', p.removal_reason,
           'outcome', p.outcome, 'recordedAt', p.recorded_at,
           'ratingChangedTo', v.rating,
           'actions', coalesce((
             select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                      'id', a.id, 'what', a.what, 'owner', a.owner, 'dueOn', a.due_on, 'doneAt', a.done_at,
                      'doneNote', a.done_note, 'thisMeeting', a.meeting_id = meeting.id) order by a.due_on)
               from private.meeting_actions as a
              where a.person_id = p.person_id and (a.meeting_id = meeting.id or a.done_at is null)), '[]'))
           order by p.removed_at is not null, g.position, n.family_name, latest.reference),
         pg_catalog.array_agg(latest.reference)
    into people, shown
    from private.meeting_people as p
    -- Per person (lateral, offset 0 so it is not pulled up into a join), so the view's
    -- filter on the person reaches the indexes of their histories (as team_today does).
    join lateral (select x.* from private.people_now as x where x.id = p.person_id offset 0) as n on true
    join private.ratings as g on g.id = n.rating
    join lateral (select r.reference from private.referrals as r where r.person_id = p.person_id
                   order by r.created_at desc limit 1) as latest on true
    left join private.rating_reviews as v on v.id = p.rating_review_id
   where p.meeting_id = meeting.id;
  perform private.audit(case purpose when 'meeting' then 'meeting_opened' else 'meeting_agenda_opened' end,
    private.team_actor(member), coalesce(shown, '{}'),
    pg_catalog.jsonb_build_object('meetingId', meeting.id, 'withNames', with_names));
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'meeting', pg_catalog.jsonb_build_object('id', meeting.id, 'kind', meeting.kind, 'area', meeting.area, 'heldOn', meeting.held_on),
    'withNames', with_names,
    'people', coalesce(people, '[]'));
end
$$;
revoke all on function public.team_meeting(text, uuid, text) from public, anon, authenticated;
grant execute on function public.team_meeting(text, uuid, text) to service_role;

-- Add a person to a meeting by any of their DSR references. Already on it: `already_on_agenda`
-- (one taken off is put back, their removal kept in the audit trail).
create function public.team_meeting_add_person(session_token text, meeting_id uuid, referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  meeting private.meetings := private.meeting_for(meeting_id);
  person_id uuid := private.person_for_reference(referral_reference);
  entry private.meeting_people;
begin
  select p.* into entry from private.meeting_people as p where p.meeting_id = meeting.id and p.person_id = person_id;
  if entry.id is not null and entry.removed_at is null then
    perform private.refuse('already_on_agenda', 'referral_reference');
  end if;
  if entry.id is null then
    insert into private.meeting_people (meeting_id, person_id, reasons, added_by) values (meeting.id, person_id, array['added'], member.id);
  else
    update private.meeting_people as p set removed_at = null, removed_by = null, removal_reason = null,
           reasons = array(select distinct x from pg_catalog.unnest(p.reasons || array['added']) as x)
     where p.id = entry.id;
  end if;
  perform private.audit('meeting_person_added', private.team_actor(member), private.person_references(person_id),
    pg_catalog.jsonb_build_object('meetingId', meeting.id));
  return pg_catalog.jsonb_build_object('meetingId', meeting.id);
end
$$;
revoke all on function public.team_meeting_add_person(text, uuid, text) from public, anon, authenticated;
grant execute on function public.team_meeting_add_person(text, uuid, text) to service_role;

-- Take a person off a meeting's agenda, with a reason (500 characters at most; kept).
-- Not on it: `not_on_agenda`.
create function public.team_meeting_remove_person(session_token text, meeting_id uuid, referral_reference text, reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  meeting private.meetings := private.meeting_for(meeting_id);
  person_id uuid := private.person_for_reference(referral_reference);
  why text := private.text_field(pg_catalog.jsonb_build_object('reason', reason), 'reason', 500, true, true);
  removed uuid;
begin
  update private.meeting_people as p set removed_at = now(), removed_by = member.id, removal_reason = why
   where p.meeting_id = meeting.id and p.person_id = person_id and p.removed_at is null
  returning p.id into removed;
  if removed is null then
    perform private.refuse('not_on_agenda', 'referral_reference');
  end if;
  perform private.audit('meeting_person_removed', private.team_actor(member), private.person_references(person_id),
    pg_catalog.jsonb_build_object('meetingId', meeting.id));
  return pg_catalog.jsonb_build_object('meetingId', meeting.id);
end
$$;
revoke all on function public.team_meeting_remove_person(text, uuid, text, text) from public, anon, authenticated;
grant execute on function public.team_meeting_remove_person(text, uuid, text, text) to service_role;

-- What was agreed for a person at a meeting: payload reference, outcome (up to 2,000
-- characters), rating (confirmed: the same as now; changed: a new rating review agreed
-- on the meeting's day, prompted by the tracking meeting or the meeting by exception,
-- the outcome its reason), and up to 5 actions [{what, owner, dueOn}]. Once per person
-- per meeting: `already_recorded`. A meeting not yet held: `meeting_not_held`.
create function public.team_meeting_record(session_token text, meeting_id uuid, payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  meeting private.meetings := private.meeting_for(meeting_id);
  answers jsonb := private.payload_object(payload);
  person_id uuid := private.person_for_reference(private.answer_text(answers, 'reference'));
  entry private.meeting_people;
  outcome text;
  rating private.ratings;
  current_rating text;
  review private.rating_reviews;
  action jsonb;
  agreed jsonb := '[]';
  n integer := 0;
begin
  perform 1 from private.people as p where p.id = person_id for update;
  select p.* into entry from private.meeting_people as p
   where p.meeting_id = meeting.id and p.person_id = person_id and p.removed_at is null for update;
  if entry.id is null then
    perform private.refuse('not_on_agenda', 'reference');
  end if;
  if entry.recorded_at is not null then
    perform private.refuse('already_recorded', 'reference');
  end if;
  if meeting.held_on > private.today() then
    perform private.refuse('meeting_not_held', 'meeting_id');
  end if;
  outcome := private.text_field(answers, 'outcome', 2000, true, true);
  rating := private.rating_field(answers, 'rating');
  if pg_catalog.jsonb_typeof(coalesce(answers -> 'actions', '[]')) <> 'array' or pg_catalog.jsonb_array_length(coalesce(answers -> 'actions', '[]')) > 5 then
    perform private.invalid('payload_invalid', 'actions');
  end if;
  for action in select x from pg_catalog.jsonb_array_elements(coalesce(answers -> 'actions', '[]')) as x loop
    n := n + 1;
    if pg_catalog.jsonb_typeof(action) <> 'object' then perform private.invalid('payload_invalid', 'actions'); end if;
    agreed := agreed || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
      'what', private.text_field(action, 'what', 500, true, true),
      'owner', private.text_field(action, 'owner', 200, true),
      'dueOn', private.meeting_date_field(action, 'dueOn')));
  end loop;
  select c.rating into current_rating from private.current_ratings as c where c.person_id = person_id;
  if rating.id <> current_rating then
    review := private.record_rating_review(member, person_id, rating.id, least(meeting.held_on, private.today()), outcome,
      case meeting.kind when 'exception' then 'meeting_by_exception' else 'tracking_meeting' end);
  end if;
  update private.meeting_people as p set outcome = outcome, recorded_at = now(), recorded_by = member.id, rating_review_id = review.id
   where p.id = entry.id;
  insert into private.meeting_actions (meeting_id, person_id, what, owner, due_on, agreed_by)
  select meeting.id, person_id, a ->> 'what', a ->> 'owner', (a ->> 'dueOn')::date, member.id
    from pg_catalog.jsonb_array_elements(agreed) as a;
  perform private.audit('meeting_outcome_recorded', private.team_actor(member), private.person_references(person_id),
    pg_catalog.jsonb_build_object('meetingId', meeting.id, 'ratingChanged', review.id is not null, 'actions', n));
  return pg_catalog.jsonb_build_object('meetingId', meeting.id, 'ratingChangedTo', review.rating, 'actions', n);
end
$$;
revoke all on function public.team_meeting_record(text, uuid, jsonb) from public, anon, authenticated;
grant execute on function public.team_meeting_record(text, uuid, jsonb) to service_role;

-- Open actions, the overdue first (then by the day due), filtered by area and owner
-- (owner: words it contains, any case). References only, no names.
create function public.team_actions(session_token text, filters jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  wanted jsonb := coalesce(filters, '{}');
  want_area text := nullif(pg_catalog.btrim(wanted ->> 'area'), '');
  want_owner text := nullif(pg_catalog.btrim(wanted ->> 'owner'), '');
  listed jsonb;
begin
  if pg_catalog.jsonb_typeof(wanted) <> 'object' then perform private.invalid('payload_invalid', 'filters'); end if;
  if want_area is not null and not exists (select 1 from private.areas as a where a.name = want_area) then
    perform private.invalid('unknown', 'area');
  end if;
  if pg_catalog.length(want_owner) > 200 then perform private.invalid('too_long', 'owner'); end if;
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'id', a.id, 'reference', latest.reference, 'area', n.area, 'rating', n.rating, 'what', a.what, 'owner', a.owner,
           'dueOn', a.due_on, 'overdue', a.due_on < private.today(), 'meetingId', a.meeting_id, 'agreedAt', a.agreed_at)
           order by a.due_on < private.today() desc, a.due_on, latest.reference), '[]')
    into listed
    from private.meeting_actions as a
    join private.people_now as n on n.id = a.person_id
    join lateral (select r.reference from private.referrals as r where r.person_id = a.person_id
                   order by r.created_at desc limit 1) as latest on true
   where a.done_at is null
     and (want_area is null or n.area = want_area)
     and (want_owner is null or pg_catalog.strpos(pg_catalog.lower(a.owner), pg_catalog.lower(want_owner)) > 0);
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'areas', (select pg_catalog.jsonb_agg(a.name order by a.name) from private.areas as a),
    'filters', pg_catalog.jsonb_build_object('area', want_area, 'owner', want_owner),
    'actions', listed);
end
$$;
revoke all on function public.team_actions(text, jsonb) from public, anon, authenticated;
grant execute on function public.team_actions(text, jsonb) to service_role;

-- Mark an action done, with a note (required, 500 characters at most). Once:
-- `action_already_done` after that (the console's 409).
create function public.team_action_done(session_token text, action_id uuid, note text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  action private.meeting_actions;
  why text := private.text_field(pg_catalog.jsonb_build_object('note', note), 'note', 500, true, true);
begin
  select a.* into action from private.meeting_actions as a where a.id = action_id for update;
  if action.id is null then
    perform private.refuse('action_not_found', 'action_id');
  end if;
  if action.done_at is not null then
    perform private.refuse('action_already_done', 'action_id');
  end if;
  update private.meeting_actions as a set done_at = now(), done_by = member.id, done_note = why where a.id = action.id;
  perform private.audit('meeting_action_done', private.team_actor(member), private.person_references(action.person_id),
    pg_catalog.jsonb_build_object('actionId', action.id, 'meetingId', action.meeting_id));
  return pg_catalog.jsonb_build_object('actionId', action.id, 'done', true);
end
$$;
revoke all on function public.team_action_done(text, uuid, text) from public, anon, authenticated;
grant execute on function public.team_action_done(text, uuid, text) to service_role;

-- The weekly digest of overdue actions to the team's address: counts and references
-- only, once per ISO week (idempotency key `actions-digest:<ISO year>-W<week>`). Run
-- from the deliver job; nothing is queued when no action is overdue. Answers whether
-- it queued one.
create function public.queue_actions_digest(team_email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  week text := pg_catalog.to_char(private.today(), 'IYYY-"W"IW');
  overdue integer;
  refs jsonb;
begin
  select pg_catalog.count(*), pg_catalog.to_jsonb((pg_catalog.array_agg(distinct latest.reference))[1:50])
    into overdue, refs
    from private.meeting_actions as a
    join lateral (select r.reference from private.referrals as r where r.person_id = a.person_id
                   order by r.created_at desc limit 1) as latest on true
   where a.done_at is null and a.due_on < private.today();
  if overdue = 0 or team_email is null then
    return pg_catalog.jsonb_build_object('queued', false, 'week', week);
  end if;
  begin
    perform private.queue_email('actions_digest', team_email,
      pg_catalog.jsonb_build_object('isoWeek', week, 'overdueActions', overdue, 'overdueReferences', refs),
      false, 'actions-digest:' || week, null, null);
  exception when unique_violation then
    -- This week's digest is already written (another run queued it first).
    return pg_catalog.jsonb_build_object('queued', false, 'week', week);
  end;
  return pg_catalog.jsonb_build_object('queued', true, 'week', week);
end
$$;
revoke all on function public.queue_actions_digest(text) from public, anon, authenticated;
grant execute on function public.queue_actions_digest(text) to service_role;

