-- The DSR team: its members, their sign-in and console sessions, and the console's
-- actions. A team member is not a professional: their own table, their own sessions
-- (15 minutes idle, 8 hours at most), and a professional's session is never a team
-- member's, nor the other way round (read_session finds no professional behind a team
-- session; private.team_member_for refuses a professional's session with `not_team`).
--
-- Sign-in is the same one-time email link as for professionals: create_sign_in_token
-- and redeem_sign_in_token (accounts) are moved into `private` as the professionals'
-- part and the public functions of the same names now look first for a team member's
-- address or token. Nothing in their answers says which kind of account an address
-- has, or whether it has one.
--
-- Every console function takes the session token and checks the team role inside, and
-- every change and every opening of a person's record writes an audit event (actor
-- `team:<id>`, references only).

-- =================================================================================
-- Tables

create table private.team_members (
  id uuid primary key default gen_random_uuid(),
  email private.email_address not null unique,
  full_name private.line_200 not null,
  status text not null default 'active' check (status in ('active', 'switched_off')),
  added_at timestamptz not null default now(),
  -- Who added them: `team:<id>`, or the command line (`npm run team:add`).
  added_by private.line_200 not null
);
alter table private.team_members enable row level security;

-- A sign-in link is for a professional or a team member (or, asked for an address
-- without an account, for nobody); a session belongs to exactly one of them.
alter table private.sign_in_tokens
  add column team_member_id uuid references private.team_members (id) on delete cascade,
  add constraint sign_in_tokens_one_owner check (professional_id is null or team_member_id is null);
create index sign_in_tokens_team_member on private.sign_in_tokens (team_member_id);

alter table private.sessions
  alter column professional_id drop not null,
  add column team_member_id uuid references private.team_members (id) on delete cascade,
  add constraint sessions_one_owner check (pg_catalog.num_nonnulls(professional_id, team_member_id) = 1);
create index sessions_team_member on private.sessions (team_member_id);

-- A referral the team has seen and taken on. One row at most: the second team member
-- to acknowledge it is told who did first. Goes with the referral when it is erased.
create table private.referral_acknowledgements (
  referral_id uuid primary key references private.referrals (id) on delete cascade,
  team_member_id uuid not null references private.team_members (id),
  acknowledged_at timestamptz not null default now()
);
alter table private.referral_acknowledgements enable row level security;

-- A review of a person's rating by the team (at a C(E)TR, a tracking meeting, or on new
-- information): a row of its own each time, never an update, so the earlier ratings stay
-- as history. Goes with the person when they are erased. Any rating may be agreed here,
-- BLUE included: the console does not ask where the person lives now, so it does not
-- hold BLUE to a hospital stay as a referral does (the team agrees it knowing that).
create table private.rating_reviews (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references private.people (id) on delete cascade,
  rating text not null references private.ratings (id),
  rating_agreed_on private.past_date not null,
  reason private.text_2000 not null,
  prompted_by text not null check (prompted_by in ('cetr', 'tracking_meeting', 'new_information', 'other')),
  team_member_id uuid not null references private.team_members (id),
  recorded_at timestamptz not null default now()
);
-- In the order private.current_ratings reads them, the rating with them (an index-only scan).
create index rating_reviews_person on private.rating_reviews (person_id, rating_agreed_on desc, recorded_at desc) include (rating);
alter table private.rating_reviews enable row level security;

-- Every rating agreed for a person: each referral's, and each of the team's reviews,
-- with who agreed it (the referrer, or the team member) and why.
create view private.rating_history with (security_barrier) as
  select r.person_id, 'referral'::text as kind, r.reference, r.rating, r.rating_agreed_on, r.created_at as recorded_at,
         r.rating_reason::text as reason, 'referral'::text as prompted_by, r.professional_id, null::uuid as team_member_id
    from private.referrals as r
  union all
  select v.person_id, 'review', null, v.rating, v.rating_agreed_on, v.recorded_at, v.reason::text, v.prompted_by, null, v.team_member_id
    from private.rating_reviews as v;

-- The one owner of "a person's current rating": the latest of their rating history (the
-- rows of private.rating_history), by the date it was agreed, then by when it was
-- recorded. people_now (so the record page), Today and the register read it; nothing
-- else works it out. Read as the later of each person's latest referral and latest
-- review, each taken in order from its index: EXPLAIN on the benchmark's register (npm
-- run bench:console: 25,000 referrals, 25,000 reviews) of the same distinct on over all
-- of rating_history sorted all 50,000 ratings, spilling to disk, 40 to 80 ms for
-- everyone; this way, two index-only scans merged, 5 to 15 ms; for one person, 0.1 ms.
create view private.current_ratings with (security_barrier) as
  select distinct on (h.person_id) h.person_id, h.rating, h.rating_agreed_on, h.recorded_at
    from ((select distinct on (r.person_id) r.person_id, r.rating, r.rating_agreed_on, r.created_at as recorded_at
             from private.referrals as r order by r.person_id, r.rating_agreed_on desc, r.created_at desc)
          union all
          (select distinct on (v.person_id) v.person_id, v.rating, v.rating_agreed_on, v.recorded_at
             from private.rating_reviews as v order by v.person_id, v.rating_agreed_on desc, v.recorded_at desc)) as h
   order by h.person_id, h.rating_agreed_on desc, h.recorded_at desc;
-- Each person's referrals in the order private.current_ratings reads them, with the rating.
create index referrals_current_rating on private.referrals (person_id, rating_agreed_on desc, created_at desc) include (rating);

-- Each person with their current details, as before, but their rating now the current
-- rating (private.current_ratings), which a review may have changed since the latest referral.
create or replace view private.people_now with (security_barrier) as
  select p.id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number,
         latest.postcode, latest.area, latest.condition, latest.lives_in, latest.hospital_name,
         latest.admission_date, now_rated.rating, now_rated.rating_agreed_on, latest.reference as latest_reference,
         (select r.gp_practice from private.referrals as r
           where r.person_id = p.id and r.gp_practice is not null order by r.created_at desc limit 1) as gp_practice,
         (select r.communication_needs from private.referrals as r
           where r.person_id = p.id and r.communication_needs is not null order by r.created_at desc limit 1) as communication_needs
    from private.people as p
    join lateral (select r.* from private.referrals as r where r.person_id = p.id
                   order by r.created_at desc limit 1) as latest on true
    join private.current_ratings as now_rated on now_rated.person_id = p.id;

-- Today's list reads the referrals nobody has acknowledged, newest last.
create index referrals_created on private.referrals (created_at);

-- A person's record lists who opened it: the audit events whose references overlap the
-- person's (refs &&). EXPLAIN on the benchmark's register (npm run bench:console: 95,000
-- audit events) without it: a sequential scan of every event, 17 ms of each opening;
-- with it, a bitmap index scan of the few that name the person.
create index audit_events_refs on private.audit_events using gin (refs);

-- =================================================================================
-- Functions: the team role

-- The console's idle limit: shorter than a professional's 30 minutes, because the
-- console shows everyone on the register.
create function private.team_idle() returns interval
language sql immutable as $$ select interval '15 minutes' $$;

-- The team member signed in with this session token, who is active; slides their
-- 15-minute idle clock. A professional's session is `not_team`; anything else over is
-- `session_invalid` or `session_expired` (sign in again).
create function private.team_member_for(session_token text) returns private.team_members
language plpgsql as $$
declare
  hash bytea := private.token_hash(coalesce(session_token, ''));
  seen_at timestamptz := pg_catalog.clock_timestamp();
  member_id uuid;
  member private.team_members;
  stale record;
begin
  update private.sessions as s set last_seen_at = seen_at
   where s.session_hash = hash and s.team_member_id is not null
     and s.ended_at is null
     and s.last_seen_at + private.team_idle() > seen_at
     and s.absolute_expires_at > seen_at
     and exists (select 1 from private.team_members as m where m.id = s.team_member_id and m.status = 'active')
  returning s.team_member_id into member_id;
  if member_id is null then
    select s.ended_at, s.professional_id, s.team_member_id into stale from private.sessions as s where s.session_hash = hash;
    if stale is null or stale.ended_at is not null then
      perform private.refuse('session_invalid');
    elsif stale.professional_id is not null then
      perform private.refuse('not_team');
    end if;
    perform private.refuse('session_expired');
  end if;
  select m.* into member from private.team_members as m where m.id = member_id;
  return member;
end
$$;

-- How a team member appears as the actor of an audit event or a decision.
create function private.team_actor(member private.team_members) returns text
language sql immutable as $$ select 'team:' || member.id $$;

-- The person behind a DSR reference (any of theirs): what each console function about a
-- person starts with. An unknown reference is `referral_reference_not_found`.
create function private.person_for_reference(referral_reference text) returns uuid
language plpgsql stable as $$
declare
  found uuid;
begin
  select r.person_id into found from private.referrals as r
   where r.reference = pg_catalog.upper(pg_catalog.btrim(coalesce(referral_reference, '')));
  if found is null then
    perform private.refuse('referral_reference_not_found', 'referral_reference');
  end if;
  return found;
end
$$;

-- A person's references, oldest first (what audit events carry).
create function private.person_references(person_id uuid) returns text[]
language sql stable as $$
  select pg_catalog.array_agg(r.reference order by r.created_at) from private.referrals as r where r.person_id = $1
$$;

-- Refuses a day before the person's first referral arrived (its day in England), as
-- `before_first_referral` on `field`: nobody reviews a rating, meets about a referral or
-- holds its C(E)TR before the referral came.
create function private.refuse_before_first_referral(for_person uuid, day date, field text) returns void
language plpgsql as $$
begin
  if day < (select (pg_catalog.min(r.created_at) at time zone 'Europe/London')::date from private.referrals as r where r.person_id = for_person) then
    perform private.invalid('before_first_referral', field);
  end if;
end
$$;

-- =================================================================================
-- Functions: signing in (the same link as professionals)

alter function public.create_sign_in_token(text) set schema private;
alter function private.create_sign_in_token(text) rename to create_professional_sign_in_token;
alter function public.redeem_sign_in_token(text, text) set schema private;
alter function private.redeem_sign_in_token(text, text) rename to redeem_professional_sign_in_token;

-- A team member's address gets a link tied to them; any other address is the
-- professionals' (which answers the same way for an address without an account).
create function public.create_sign_in_token(email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  member_id uuid;
  token text;
  expires_at timestamptz := now() + interval '10 minutes';
begin
  select m.id into member_id from private.team_members as m where m.email = address and m.status = 'active';
  if member_id is null then
    return private.create_professional_sign_in_token(email);
  end if;
  token := private.new_token();
  insert into private.sign_in_tokens (token_hash, team_member_id, email, created_at, expires_at)
  values (private.token_hash(token), member_id, address, now(), expires_at);
  return pg_catalog.jsonb_build_object('token', token, 'expiresAt', expires_at);
end
$$;
revoke all on function public.create_sign_in_token(text) from public, anon, authenticated;
grant execute on function public.create_sign_in_token(text) to service_role;

-- Spends a team member's link and starts a console session (`role` "team", sent to
-- /team/); any other token is the professionals' to judge, with the same codes.
create function public.redeem_sign_in_token(token text, email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  found_token record;
  session_token text;
  signed_in_at timestamptz := now();
  absolute_expires_at timestamptz := now() + interval '8 hours';
begin
  select t.team_member_id, t.email, t.expires_at, t.used_at, m.email as member_email, m.status
    into found_token
    from private.sign_in_tokens as t
    join private.team_members as m on m.id = t.team_member_id
   where t.token_hash = private.token_hash(coalesce(token, ''))
     for update of t;
  if found_token is null then
    return private.redeem_professional_sign_in_token(token, email);
  end if;
  if address is null or found_token.email <> address or found_token.member_email <> address or found_token.status <> 'active' then
    perform private.refuse('invalid', 'token');
  end if;
  if found_token.used_at is not null then
    perform private.refuse('used', 'token');
  end if;
  if found_token.expires_at <= pg_catalog.clock_timestamp() then
    perform private.refuse('expired', 'token');
  end if;
  update private.sign_in_tokens as t set used_at = now() where t.token_hash = private.token_hash(token);
  session_token := private.new_token();
  insert into private.sessions (session_hash, team_member_id, created_at, last_seen_at, absolute_expires_at)
  values (private.token_hash(session_token), found_token.team_member_id, signed_in_at, signed_in_at, absolute_expires_at);
  perform private.audit('team_signed_in', 'team:' || found_token.team_member_id, '{}');
  return pg_catalog.jsonb_build_object(
    'role', 'team',
    'sessionToken', session_token,
    'professionalId', null,
    'approvalNeeded', false,
    'idleExpiresAt', signed_in_at + private.team_idle(),
    'absoluteExpiresAt', absolute_expires_at);
end
$$;
revoke all on function public.redeem_sign_in_token(text, text) from public, anon, authenticated;
grant execute on function public.redeem_sign_in_token(text, text) to service_role;

-- =================================================================================
-- Functions: team members

-- The first team member, from the command line (`npm run team:add`), or another one
-- added by the team later. An address already on the team is refused (`team_member_exists`).
create function public.add_team_member(email text, full_name text, added_by text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  name text := nullif(pg_catalog.btrim(full_name), '');
  who text := nullif(pg_catalog.btrim(added_by), '');
  member private.team_members;
begin
  if address is null or not private.email_is_valid(address) then
    perform private.invalid('format', 'email');
  end if;
  if name is null then
    perform private.invalid('required', 'fullName');
  end if;
  if pg_catalog.length(name) > 200 then
    perform private.invalid('too_long', 'fullName');
  end if;
  if name ~ '[[:cntrl:]]' then
    perform private.invalid('format', 'fullName');
  end if;
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  insert into private.team_members as m (email, full_name, added_by) values (address, name, who)
  on conflict on constraint team_members_email_key do nothing
  returning m.* into member;
  if member.id is null then
    perform private.refuse('team_member_exists', 'email');
  end if;
  perform private.audit('team_member_added', who, '{}', pg_catalog.jsonb_build_object('teamMemberId', member.id));
  return pg_catalog.jsonb_build_object('teamMemberId', member.id);
end
$$;
revoke all on function public.add_team_member(text, text, text) from public, anon, authenticated;
grant execute on function public.add_team_member(text, text, text) to service_role;

-- Who is signed in to the console; slides the idle clock.
create function public.read_team_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  session record;
begin
  select s.last_seen_at, s.absolute_expires_at into session
    from private.sessions as s where s.session_hash = private.token_hash(session_token);
  return pg_catalog.jsonb_build_object(
    'teamMemberId', member.id, 'email', member.email, 'fullName', member.full_name,
    'idleExpiresAt', least(session.last_seen_at + private.team_idle(), session.absolute_expires_at),
    'absoluteExpiresAt', session.absolute_expires_at);
end
$$;
revoke all on function public.read_team_session(text) from public, anon, authenticated;
grant execute on function public.read_team_session(text) to service_role;

-- =================================================================================
-- Functions: the console

-- Today: what waits for the team. New referrals nobody has acknowledged (by the position
-- of the person's current rating, RED first, then oldest first), identity questions to decide, withdrawal
-- requests still open, families' requests not yet decided, emails that failed or keep
-- failing (private.emails_needing_attention), and proven accounts waiting for approval.
create function public.team_today(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
begin
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'referrals', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', r.reference, 'rating', c.rating, 'urgent', g.urgent, 'area', r.area,
               'ageGroup', r.age_group, 'ageAtReferral', r.age_at_referral, 'receivedAt', r.created_at,
               'hoursSince', pg_catalog.floor(extract(epoch from (pg_catalog.clock_timestamp() - r.created_at)) / 3600)::integer)
             order by g.position, r.created_at)
        from private.referrals as r
        -- Per referral (lateral, offset 0 so it is not pulled up into a join), so the view's
        -- filter on the person reaches the indexes on both histories. EXPLAIN on the
        -- benchmark's register (npm run bench:console: 25,000 referrals, 25,000 reviews):
        -- joined whole, the view read every person's ratings for 225 referrals (92 ms, when it
        -- still sorted all 50,000); per referral, only theirs (11 ms).
        join lateral (select cr.rating from private.current_ratings as cr where cr.person_id = r.person_id offset 0) as c on true
        join private.ratings as g on g.id = c.rating
       where not exists (select 1 from private.referral_acknowledgements as a where a.referral_id = r.id)), '[]'),
    'identityQuestions', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'kind', q.kind, 'askedAt', q.created_at,
               'reference', coalesce(asked.reference, latest.reference), 'otherReference', other.reference)
             order by q.created_at)
        from private.identity_questions as q
        left join private.referrals as asked on asked.id = q.referral_id
        join lateral (select r.reference from private.referrals as r where r.person_id = q.person_id
                       order by r.created_at desc limit 1) as latest on true
        join lateral (select r.reference from private.referrals as r where r.person_id = q.other_person_id
                       order by r.created_at desc limit 1) as other on true
       where q.status = 'open'), '[]'),
    'withdrawals', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', w.reference, 'requestedAt', w.requested_at,
               'matched', (select pg_catalog.count(*) from private.withdrawal_matches as m where m.withdrawal_id = w.id))
             order by w.requested_at)
        from private.withdrawals as w where w.status = 'requested'), '[]'),
    -- Families' requests (/ask/) the team has not decided yet, oldest first.
    'requests', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', q.reference, 'askerRelationship', q.asker_relationship, 'area', q.area,
               'requestedAt', q.requested_at,
               'hoursSince', pg_catalog.floor(extract(epoch from (pg_catalog.clock_timestamp() - q.requested_at)) / 3600)::integer)
             order by q.requested_at)
        from private.requests as q
       where not exists (select 1 from private.request_decisions as d where d.request_id = q.id)), '[]'),
    'emailsNeedingAttention', private.emails_needing_attention(),
    'accountsWaiting', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', p.id, 'email', p.email, 'jobTitle', p.job_title, 'organisation', p.organisation, 'area', p.area,
               'provenAt', p.proven_at)
             order by p.proven_at)
        from private.professionals as p where p.status = 'pending_approval' and p.proven_at is not null), '[]'));
end
$$;
revoke all on function public.team_today(text) from public, anon, authenticated;
grant execute on function public.team_today(text) to service_role;

-- A person's record, found by the DSR reference of any of their referrals: their
-- details now, every referral with the details it gave (their history) and who made
-- it, consent records, withdrawals they are matched to, what the rules say for them
-- today, open identity questions, and who has opened the record. Opening it is audited,
-- with the person's references. An unknown reference is `referral_reference_not_found`.
create function public.team_person_record(session_token text, referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  wanted text := pg_catalog.upper(pg_catalog.btrim(referral_reference));
  person_id uuid;
  person record;
  refs text[];
  latest private.referrals;
  rules record;
  age_now integer;
  result jsonb;
begin
  person_id := private.person_for_reference(wanted);
  select n.* into person from private.people_now as n where n.id = person_id;
  select r.* into latest from private.referrals as r where r.person_id = person_id order by r.created_at desc limit 1;
  refs := private.person_references(person_id);
  age_now := pg_catalog.date_part('year', pg_catalog.age(private.today(), person.date_of_birth))::integer;
  rules := private.eligibility(age_now, person.rating, latest.has_ehcp = 'yes');

  -- Audited before it is read back, so the list of who opened it includes this opening.
  perform private.audit('person_record_opened', private.team_actor(member), refs,
    pg_catalog.jsonb_build_object('openedAs', wanted));

  result := pg_catalog.jsonb_build_object(
    'reference', wanted,
    'latestReference', latest.reference,
    'person', pg_catalog.jsonb_build_object(
      'givenName', person.given_name, 'familyName', person.family_name, 'dateOfBirth', person.date_of_birth,
      'nhsNumber', person.nhs_number, 'postcode', person.postcode, 'area', person.area, 'condition', person.condition,
      'livesIn', person.lives_in, 'hospitalName', person.hospital_name, 'admissionDate', person.admission_date,
      'gpPractice', person.gp_practice, 'communicationNeeds', person.communication_needs,
      'rating', person.rating, 'ratingAgreedOn', person.rating_agreed_on, 'age', age_now),
    'rules', pg_catalog.jsonb_build_object('ageGroup', rules.age_group, 'keyworkerEligible', rules.keyworker_eligible,
                                           'reviewType', rules.review_type, 'hasEhcp', latest.has_ehcp),
    'referrals', (
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', r.reference, 'receivedAt', r.created_at, 'rating', r.rating,
               'ratingAgreedOn', r.rating_agreed_on, 'ratingReason', r.rating_reason,
               'referrer', pg_catalog.jsonb_build_object('fullName', p.full_name, 'jobTitle', p.job_title,
                                                         'organisation', p.organisation, 'email', p.email),
               'givenName', r.given_name, 'familyName', r.family_name, 'dateOfBirth', r.date_of_birth,
               'nhsNumber', r.nhs_number, 'nhsNumberUnknownReason', r.nhs_number_unknown_reason,
               'postcode', r.postcode, 'area', r.area, 'gpPractice', r.gp_practice, 'condition', r.condition,
               'livesIn', r.lives_in, 'hospitalName', r.hospital_name,
               'consentBasis', r.consent_basis, 'consentReference', c.reference,
               'ageAtReferral', r.age_at_referral, 'keyworkerEligible', r.keyworker_eligible, 'reviewType', r.review_type,
               'acknowledgedAt', a.acknowledged_at, 'acknowledgedBy', m.full_name)
             order by r.created_at desc)
        from private.referrals as r
        join private.professionals as p on p.id = r.professional_id
        left join private.consents as c on c.id = r.consent_id
        left join private.referral_acknowledgements as a on a.referral_id = r.id
        left join private.team_members as m on m.id = a.team_member_id
       where r.person_id = person_id),
    'ratingHistory', (
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'kind', h.kind, 'reference', h.reference, 'rating', h.rating, 'ratingAgreedOn', h.rating_agreed_on,
               'recordedAt', h.recorded_at, 'reason', h.reason, 'promptedBy', h.prompted_by,
               'by', coalesce(m.full_name, p.full_name || ', ' || p.job_title || ', ' || p.organisation))
             order by h.rating_agreed_on desc, h.recorded_at desc)
        from private.rating_history as h
        left join private.professionals as p on p.id = h.professional_id
        left join private.team_members as m on m.id = h.team_member_id
       where h.person_id = person_id),
    'consents', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', c.reference, 'decision', c.decision, 'decisionDate', c.decision_date,
               'decisionMakerName', c.decision_maker_name, 'decisionMakerRole', c.decision_maker_role,
               'sharingWith', pg_catalog.to_jsonb(c.sharing_with), 'recordedAt', c.created_at,
               'recordedBy', pg_catalog.jsonb_build_object('jobTitle', p.job_title, 'organisation', p.organisation))
             order by c.created_at)
        from private.consents as c join private.professionals as p on p.id = c.professional_id
       where c.person_id = person_id), '[]'),
    'withdrawals', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('reference', w.reference, 'requestedAt', w.requested_at,
                                                                'status', w.status) order by w.requested_at)
        from private.withdrawal_matches as wm join private.withdrawals as w on w.id = wm.withdrawal_id
       where wm.person_id = person_id), '[]'),
    'identityQuestions', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('kind', q.kind, 'askedAt', q.created_at,
               'otherReference', (select r.reference from private.referrals as r
                                   where r.person_id = case when q.person_id = person_id then q.other_person_id else q.person_id end
                                   order by r.created_at desc limit 1))
             order by q.created_at)
        from private.identity_questions as q
       where q.status = 'open' and (q.person_id = person_id or q.other_person_id = person_id)), '[]'),
    'openedBy', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('fullName', coalesce(m.full_name, e.actor), 'at', e.happened_at)
             order by e.happened_at desc)
        from (select * from private.audit_events as e
               where e.action = 'person_record_opened' and e.refs && refs
               order by e.happened_at desc limit 20) as e
        left join private.team_members as m on 'team:' || m.id = e.actor), '[]'));
  return result;
end
$$;
revoke all on function public.team_person_record(text, text) from public, anon, authenticated;
grant execute on function public.team_person_record(text, text) to service_role;

-- The team has seen this referral and taken it on. Only once: the second team member
-- is refused with `already_acknowledged` (and nothing changes).
create function public.acknowledge_referral(session_token text, referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  referral private.referrals;
  acknowledged_at timestamptz;
begin
  select r.* into referral from private.referrals as r
   where r.reference = pg_catalog.upper(pg_catalog.btrim(referral_reference));
  if referral.id is null then
    perform private.refuse('referral_reference_not_found', 'referral_reference');
  end if;
  insert into private.referral_acknowledgements as a (referral_id, team_member_id)
  values (referral.id, member.id)
  on conflict do nothing
  returning a.acknowledged_at into acknowledged_at;
  if acknowledged_at is null then
    perform private.refuse('already_acknowledged', 'referral_reference');
  end if;
  perform private.audit('referral_acknowledged', private.team_actor(member), array[referral.reference]);
  return pg_catalog.jsonb_build_object('reference', referral.reference, 'acknowledgedAt', acknowledged_at);
end
$$;
revoke all on function public.acknowledge_referral(text, text) from public, anon, authenticated;
grant execute on function public.acknowledge_referral(text, text) to service_role;

-- The team reviews a person's rating (found by any of their DSR references): a new row in
-- private.rating_reviews, never a change to an earlier one. payload: rating (any of the
-- ratings, BLUE included: see private.rating_reviews), ratingAgreedOn (not in the future,
-- nor before the person's first referral), reason (up to 2,000 characters), promptedBy
-- (cetr, tracking_meeting, new_information, other). Audited by reference, and the lead
-- professional (who made the person's latest referral) is emailed the reference and the
-- new rating only.
-- A new rating review for a person: a row of its own (never an update), the person's row
-- locked so two reviews of one person are recorded one after the other, audited by the
-- person's references, and the lead professional emailed the reference and new rating
-- only. The one place a review is written: team_review_rating, a C(E)TR
-- (20261125000890_cetrs_and_figures.sql) and a meeting's record (20261125000880_meetings.sql).
create function private.record_rating_review(member private.team_members, person_id uuid, rating_id text,
                                             agreed_on date, reason text, prompted_by text) returns private.rating_reviews
language plpgsql as $$
#variable_conflict use_variable
declare
  latest record;
  review private.rating_reviews;
begin
  perform 1 from private.people as p where p.id = person_id for update;
  select r.reference, p.email into latest
    from private.referrals as r join private.professionals as p on p.id = r.professional_id
   where r.person_id = person_id order by r.created_at desc limit 1;
  insert into private.rating_reviews as v (person_id, rating, rating_agreed_on, reason, prompted_by, team_member_id)
  values (person_id, rating_id, agreed_on, reason, prompted_by, member.id)
  returning v.* into review;
  perform private.audit('rating_reviewed', private.team_actor(member),
    private.person_references(person_id),
    pg_catalog.jsonb_build_object('reviewId', review.id, 'rating', review.rating, 'promptedBy', review.prompted_by));
  perform private.queue_email('rating_reviewed', latest.email,
    pg_catalog.jsonb_build_object('reference', latest.reference, 'rating', review.rating),
    false, 'rating-review:' || review.id, person_id, latest.reference);
  return review;
end
$$;

-- A rating review from the team's answers, checked: rating (any of the ratings), ratingAgreedOn
-- (not in the future, nor before the person's first referral), reason (up to 2,000
-- characters); then recorded as above. Used by team_review_rating and a C(E)TR's record.
create function private.review_rating(member private.team_members, person_id uuid, answers jsonb, prompted_by text)
returns private.rating_reviews
language plpgsql as $$
#variable_conflict use_variable
declare
  rating private.ratings := private.rating_field(answers, 'rating');
  agreed_on date := private.date_field(answers, 'ratingAgreedOn', true);
  reason text;
begin
  perform private.refuse_before_first_referral(person_id, agreed_on, 'ratingAgreedOn');
  reason := private.text_field(answers, 'reason', 2000, true, true);
  return private.record_rating_review(member, person_id, rating.id, agreed_on, reason, prompted_by);
end
$$;

create function public.team_review_rating(session_token text, payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  answers jsonb := private.payload_object(payload);
  person_id uuid := private.person_for_reference(private.answer_text(answers, 'reference'));
  review private.rating_reviews;
begin
  review := private.review_rating(member, person_id, answers,
    private.choice_field(answers, 'promptedBy', array['cetr', 'tracking_meeting', 'new_information', 'other'], true));
  return pg_catalog.jsonb_build_object('reference', (select r.reference from private.referrals as r where r.person_id = person_id order by r.created_at desc limit 1),
                                       'rating', review.rating, 'ratingAgreedOn', review.rating_agreed_on, 'recordedAt', review.recorded_at);
end
$$;
revoke all on function public.team_review_rating(text, jsonb) from public, anon, authenticated;
grant execute on function public.team_review_rating(text, jsonb) to service_role;

-- The open identity question between the entries of two references, locked; refused
-- with `question_not_open` when it was decided meanwhile (by another team member).
create function private.open_question(referral_reference text, other_referral_reference text) returns private.identity_questions
language plpgsql as $$
declare
  question private.identity_questions;
begin
  select q.* into question
    from private.identity_questions as q
    join private.referrals as a on a.reference = pg_catalog.upper(pg_catalog.btrim(referral_reference))
    join private.referrals as b on b.reference = pg_catalog.upper(pg_catalog.btrim(other_referral_reference))
   where q.status = 'open' and private.question_between(q, a.person_id, b.person_id)
   limit 1
     for update of q;
  if question.id is null then
    perform private.refuse('question_not_open');
  end if;
  return question;
end
$$;

-- The team's answer to an identity question, from the console: the same decisions as
-- confirm_same_person and keep_people_apart (people and referrals), by the signed-in
-- team member.
create function public.team_confirm_same_person(session_token text, referral_reference text, other_referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
begin
  perform private.open_question(referral_reference, other_referral_reference);
  return public.confirm_same_person(referral_reference, other_referral_reference, private.team_actor(member));
end
$$;
revoke all on function public.team_confirm_same_person(text, text, text) from public, anon, authenticated;
grant execute on function public.team_confirm_same_person(text, text, text) to service_role;

create function public.team_keep_people_apart(session_token text, referral_reference text, other_referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
begin
  perform private.open_question(referral_reference, other_referral_reference);
  return public.keep_people_apart(referral_reference, other_referral_reference, private.team_actor(member));
end
$$;
revoke all on function public.team_keep_people_apart(text, text, text) from public, anon, authenticated;
grant execute on function public.team_keep_people_apart(text, text, text) to service_role;

-- =================================================================================
-- The register: everyone on it (until a withdrawal erases them), a page of 50 at a
-- time, filtered, sorted and found, and "Ratings due for review" (the overdue first:
-- hazard HAZ-005). Each row shows the DSR reference, the name, the current rating
-- (private.current_ratings, its one owner), area, age group, keyworker eligibility and
-- C(E)TR or CTR as the rules say today, and the days since the rating was last agreed
-- (by a referral or a review). A rating is overdue when that is more than its
-- rating's review interval (private.ratings.review_within_days, from
-- content/ratings.json's reviewWithinDays). The person's record stays the only place
-- that shows their details in full.

-- The page size of the register.
create function private.register_page_size() returns integer
language sql immutable as $$ select 50 $$;

-- filters: the register form's own codes, every one optional ('' is none):
--   area (one of the areas), rating (a rating's id), ageGroup (an age group's id),
--   keyworker (yes, no), reviewType (cetr, ctr: the review types' ids), overdue (yes),
--   sort (rating: the rating's position then the reference; due: the overdue first,
--   the longest overdue first; days: the most days since the last review first; area),
--   page (1 and up; past the last page gives the last page);
--   and the find: q (an NHS number or a DSR reference), name and dateOfBirth
--   (YYYY-MM-DD; the exact full name, case, spaces and punctuation aside, with the date
--   of birth: both or neither).
-- A value that is not one of these is refused with the form's code for its field
-- (`unknown`, `format`, `required`, `not_real`, `too_long`). Every listing is audited
-- as a view of personal details: who, the filters' codes and how the find was made
-- (never what was typed into it, nor any name).
create function public.team_register(session_token text, filters jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  wanted jsonb := coalesce(filters, '{}');
  want_area text;
  want_rating text;
  want_age_group text;
  want_keyworker text;
  want_review_type text;
  want_overdue boolean;
  want_sort text;
  want_page integer;
  find_q text;
  find_nhs text;
  find_ref text;
  find_name text;
  find_birth date;
  find_by text;
  found_people uuid[];
  page_size integer := private.register_page_size();
  today date := private.today();
  total integer;
  overdue_total integer;
  listed jsonb;
begin
  if pg_catalog.jsonb_typeof(wanted) <> 'object' then
    perform private.invalid('format', 'filters');
  end if;
  want_area := nullif(pg_catalog.btrim(wanted ->> 'area'), '');
  if want_area is not null and not exists (select 1 from private.areas as a where a.name = want_area) then
    perform private.invalid('unknown', 'area');
  end if;
  want_rating := nullif(pg_catalog.btrim(wanted ->> 'rating'), '');
  if want_rating is not null and not exists (select 1 from private.ratings as g where g.id = want_rating) then
    perform private.invalid('unknown', 'rating');
  end if;
  want_age_group := nullif(pg_catalog.btrim(wanted ->> 'ageGroup'), '');
  if want_age_group is not null
     and not exists (select 1 from private.eligibility_rules as e where e.kind = 'age_group' and e.outcome = want_age_group) then
    perform private.invalid('unknown', 'ageGroup');
  end if;
  want_keyworker := nullif(pg_catalog.btrim(wanted ->> 'keyworker'), '');
  if want_keyworker is not null and want_keyworker not in ('yes', 'no') then
    perform private.invalid('unknown', 'keyworker');
  end if;
  want_review_type := nullif(pg_catalog.btrim(wanted ->> 'reviewType'), '');
  if want_review_type is not null
     and not exists (select 1 from private.eligibility_rules as e where e.kind = 'review' and e.outcome = want_review_type) then
    perform private.invalid('unknown', 'reviewType');
  end if;
  if coalesce(pg_catalog.btrim(wanted ->> 'overdue'), '') not in ('', 'yes') then
    perform private.invalid('unknown', 'overdue');
  end if;
  want_overdue := coalesce(pg_catalog.btrim(wanted ->> 'overdue') = 'yes', false);
  want_sort := coalesce(nullif(pg_catalog.btrim(wanted ->> 'sort'), ''), 'rating');
  if want_sort not in ('rating', 'due', 'days', 'area') then
    perform private.invalid('unknown', 'sort');
  end if;
  if coalesce(pg_catalog.btrim(wanted ->> 'page'), '') !~ '^([1-9][0-9]{0,5})?$' then
    perform private.invalid('format', 'page');
  end if;
  want_page := coalesce(nullif(pg_catalog.btrim(wanted ->> 'page'), '')::integer, 1);

  -- The find: an NHS number (spaces aside) or a DSR reference in one box; a name with a date of birth.
  find_q := pg_catalog.upper(pg_catalog.regexp_replace(coalesce(wanted ->> 'q', ''), '[[:space:]]+', '', 'g'));
  if find_q <> '' then
    if private.nhs_number_is_valid(find_q) then
      find_nhs := find_q;
      find_by := 'nhs_number';
    elsif private.reference_is_of_kind(find_q, 'referral') then
      find_ref := find_q;
      find_by := 'reference';
    else
      perform private.invalid('format', 'q');
    end if;
  end if;
  find_name := nullif(pg_catalog.btrim(wanted ->> 'name'), '');
  if find_name is not null and pg_catalog.length(find_name) > 200 then
    perform private.invalid('too_long', 'name');
  end if;
  if coalesce(pg_catalog.btrim(wanted ->> 'dateOfBirth'), '') <> '' then
    if pg_catalog.btrim(wanted ->> 'dateOfBirth') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
      perform private.invalid('not_real', 'dateOfBirth');
    end if;
    begin
      find_birth := pg_catalog.btrim(wanted ->> 'dateOfBirth')::date;
    exception when others then
      perform private.invalid('not_real', 'dateOfBirth');
    end;
  end if;
  if find_name is not null and find_birth is null then
    perform private.invalid('required', 'dateOfBirth');
  end if;
  if find_birth is not null and find_name is null then
    perform private.invalid('required', 'name');
  end if;
  if find_name is not null then
    find_by := coalesce(find_by || '+', '') || 'name_and_birth_date';
  end if;

  -- A find narrows the register to the people it names first, each through its own index.
  if find_nhs is not null then
    found_people := array(select p.id from private.people as p where p.nhs_number = find_nhs);
  end if;
  if find_ref is not null then
    found_people := array(select r.person_id from private.referrals as r where r.reference = find_ref
                    and (found_people is null or r.person_id = any (found_people)));
  end if;
  if find_name is not null then
    found_people := array(select p.id from private.people as p
                    where private.name_key(p.given_name || p.family_name) = private.name_key(find_name)
                      and p.date_of_birth = find_birth and (found_people is null or p.id = any (found_people)));
  end if;

  -- One pass: every person's row, filtered, numbered in the order asked for, and the page
  -- of it. Run as a one-off plan (EXECUTE), so the filters not asked for drop out of it.
  -- EXPLAIN on the benchmark's register (npm run bench:console: 5,000 people, 50,000
  -- ratings): for everyone, private.current_ratings read whole (its two indexes merged)
  -- beats reading it person by person (about 120 ms when tried); for the few people a find
  -- names, person by person (offset 0 keeps that lateral from being pulled up into a join)
  -- takes well under 1 ms. The rules (private.eligibility_of) looked up once per person
  -- were 5,000 small aggregates, about 25 ms: `rules` works them out once per age, rating
  -- and plan among them, a few hundred (materialized, or the planner folds it back in).
  execute pg_catalog.format($query$
    with everyone as (
      select latest.reference, p.given_name, p.family_name, c.rating, g.position, latest.area, c.rating_agreed_on,
             $1 - c.rating_agreed_on as days_since, g.review_within_days,
             $1 - c.rating_agreed_on > g.review_within_days as overdue,
             pg_catalog.date_part('year', pg_catalog.age($1, p.date_of_birth))::integer as age_now,
             coalesce(latest.has_ehcp = 'yes', false) as has_ehcp
        from private.people as p
        join lateral (select cr.rating, cr.rating_agreed_on from private.current_ratings as cr where cr.person_id = p.id %s) as c on true
        join private.ratings as g on g.id = c.rating
        join lateral (select r.reference, r.area, r.has_ehcp from private.referrals as r
                       where r.person_id = p.id order by r.created_at desc limit 1) as latest on true
       where ($2::uuid[] is null or p.id = any ($2))
    ), rules as materialized (
      -- What the rules say, once for each age, rating and plan among them (a few hundred, not 5,000).
      select k.age_now, k.rating, k.has_ehcp, e.age_group, e.keyworker_eligible, e.review_type
        from (select distinct w.age_now, w.rating, w.has_ehcp from everyone as w) as k
        cross join lateral private.eligibility_of(k.age_now, k.rating, k.has_ehcp) as e
    ), register as (
      select w.*, u.age_group, u.keyworker_eligible, u.review_type
        from everyone as w
        join rules as u on u.age_now = w.age_now and u.rating = w.rating and u.has_ehcp = w.has_ehcp
    ), numbered as (
      select x.*,
             pg_catalog.row_number() over (
               order by case when $9 = 'due' then x.overdue end desc,
                        case when $9 = 'due' then x.days_since - x.review_within_days end desc,
                        case when $9 = 'days' then x.days_since end desc,
                        case when $9 = 'area' then x.area end,
                        x.position, x.reference) as n,
             pg_catalog.count(*) over () as total,
             pg_catalog.count(*) filter (where x.overdue) over () as overdue_total
        from register as x
       where ($3::text is null or x.area = $3)
         and ($4::text is null or x.rating = $4)
         and ($5::text is null or x.age_group = $5)
         and ($6::text is null or x.keyworker_eligible = ($6 = 'yes'))
         and ($7::text is null or x.review_type = $7)
         and (not $8 or x.overdue)
    ), shown as (
      -- A page past the last is the last page.
      select y.*, least($10, greatest(1, (y.total + $11 - 1) / $11))::integer as page
        from numbered as y
    )
    select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'reference', z.reference, 'givenName', z.given_name, 'familyName', z.family_name, 'rating', z.rating,
             'area', z.area, 'ageGroup', z.age_group, 'keyworkerEligible', z.keyworker_eligible, 'reviewType', z.review_type,
             'ratingAgreedOn', z.rating_agreed_on, 'daysSinceReview', z.days_since,
             'reviewWithinDays', z.review_within_days, 'overdue', z.overdue) order by z.n)
             filter (where z.n > (z.page - 1) * $11 and z.n <= z.page * $11), '[]'),
           coalesce(pg_catalog.max(z.total), 0)::integer, coalesce(pg_catalog.max(z.overdue_total), 0)::integer,
           coalesce(pg_catalog.max(z.page), 1)::integer
      from shown as z
    $query$, case when found_people is null then '' else 'offset 0' end)
    into listed, total, overdue_total, want_page
    using today, found_people, want_area, want_rating, want_age_group, want_keyworker, want_review_type, want_overdue,
          want_sort, want_page, page_size;

  perform private.audit('register_listed', private.team_actor(member), '{}', pg_catalog.jsonb_build_object(
    'filters', pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'area', want_area, 'rating', want_rating, 'ageGroup', want_age_group, 'keyworker', want_keyworker,
      'reviewType', want_review_type, 'overdue', want_overdue, 'sort', want_sort)),
    'findBy', find_by, 'page', want_page, 'shown', pg_catalog.jsonb_array_length(listed)));

  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'filters', pg_catalog.jsonb_build_object(
      'area', want_area, 'rating', want_rating, 'ageGroup', want_age_group, 'keyworker', want_keyworker,
      'reviewType', want_review_type, 'overdue', want_overdue, 'sort', want_sort),
    'found', find_by is not null,
    'page', want_page, 'pageSize', page_size, 'total', total, 'overdueTotal', overdue_total,
    'people', listed);
end
$$;
revoke all on function public.team_register(text, jsonb) from public, anon, authenticated;
grant execute on function public.team_register(text, jsonb) to service_role;

-- =================================================================================
-- Accounts: professionals approved, refused or switched off, and team members added and
-- removed, from the console. Nothing is deleted: a refused or switched-off account keeps
-- its row (who decided, when; a refusal's reason for the team only), and an address that
-- is refused or switched off can no longer sign in (create_sign_in_token and
-- redeem_sign_in_token only serve an active or unproven account; read_session only an
-- active one).

alter table private.professionals
  drop constraint professionals_status_check,
  drop constraint professionals_check,
  add column refused_at timestamptz,
  add column refused_by private.line_200,
  -- Why, in the team's words: for the team only, never emailed nor logged.
  add column refusal_reason private.text_500,
  add column switched_off_at timestamptz,
  add column switched_off_by private.line_200,
  add constraint professionals_status_check check (status in ('pending_approval', 'active', 'refused', 'switched_off')),
  -- An approved account stays approved when it is switched off (the history is kept).
  add constraint professionals_approved check ((status in ('active', 'switched_off')) = (approved_at is not null and approved_by is not null)),
  add constraint professionals_refused check ((status = 'refused') = (refused_at is not null and refused_by is not null and refusal_reason is not null)),
  add constraint professionals_switched_off check ((status = 'switched_off') = (switched_off_at is not null and switched_off_by is not null));

alter table private.team_members
  add column removed_at timestamptz,
  add column removed_by private.line_200,
  add constraint team_members_removed check ((status = 'switched_off') = (removed_at is not null and removed_by is not null));

-- The Accounts page: every professional who has proven their address, by status (the
-- newest first in each), and the team's members, active first.
create function public.team_accounts(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
begin
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('id', member.id, 'fullName', member.full_name),
    'professionals', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', p.id, 'status', p.status, 'fullName', p.full_name, 'jobTitle', p.job_title,
               'organisation', p.organisation, 'area', p.area, 'email', p.email,
               'registeredAt', p.created_at, 'provenAt', p.proven_at, 'approvedAt', p.approved_at,
               'refusedAt', p.refused_at, 'refusalReason', p.refusal_reason, 'switchedOffAt', p.switched_off_at)
             order by p.proven_at desc)
        from private.professionals as p where p.proven_at is not null), '[]'),
    'teamMembers', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'id', m.id, 'status', m.status, 'fullName', m.full_name, 'email', m.email,
               'addedAt', m.added_at, 'removedAt', m.removed_at, 'isYou', m.id = member.id)
             order by m.status, m.full_name)
        from private.team_members as m), '[]'));
end
$$;
revoke all on function public.team_accounts(text) from public, anon, authenticated;
grant execute on function public.team_accounts(text) to service_role;

-- A proven professional, locked for a decision; `professional_not_found` when there is none.
create function private.professional_for_decision(professional_id uuid) returns private.professionals
language plpgsql as $$
declare
  professional private.professionals;
begin
  select p.* into professional from private.professionals as p
   where p.id = professional_id and p.proven_at is not null for update;
  if professional.id is null then
    perform private.refuse('professional_not_found', 'professional_id');
  end if;
  return professional;
end
$$;

-- Approve a waiting account from the console: approve_professional, by the signed-in
-- team member (it emails the person). A decided account is `professional_not_pending`.
create function public.team_approve_professional(session_token text, professional_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  professional private.professionals := private.professional_for_decision(professional_id);
begin
  return public.approve_professional(professional.email, private.team_actor(member));
end
$$;
revoke all on function public.team_approve_professional(text, uuid) from public, anon, authenticated;
grant execute on function public.team_approve_professional(text, uuid) to service_role;

-- Refuse a waiting account, with the team's reason (kept for the team; 500 characters
-- at most). The person is emailed that it was not approved and to contact the DSR team:
-- the reason is not in the email. A decided account is `professional_not_pending`.
create function public.team_refuse_professional(session_token text, professional_id uuid, reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  professional private.professionals := private.professional_for_decision(professional_id);
  why text := nullif(pg_catalog.btrim(reason), '');
begin
  if why is null then
    perform private.invalid('required', 'reason');
  end if;
  if pg_catalog.length(why) > 500 then
    perform private.invalid('too_long', 'reason');
  end if;
  if professional.status <> 'pending_approval' then
    perform private.refuse('professional_not_pending', 'professional_id');
  end if;
  update private.professionals as p
     set status = 'refused', refused_at = now(), refused_by = private.team_actor(member), refusal_reason = why
   where p.id = professional.id;
  perform private.queue_email('account_not_approved', professional.email, '{}',
    false, 'professional:' || professional.id || ':refused', null, null);
  perform private.audit('professional_refused', private.team_actor(member), '{}',
    pg_catalog.jsonb_build_object('professionalId', professional.id));
  return pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', 'refused');
end
$$;
revoke all on function public.team_refuse_professional(text, uuid, text) from public, anon, authenticated;
grant execute on function public.team_refuse_professional(text, uuid, text) to service_role;

-- Switch off a leaver's account: their sessions end at once and they can no longer sign
-- in. No email. An account that is not active is `professional_not_active`.
create function public.team_switch_off_professional(session_token text, professional_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  professional private.professionals := private.professional_for_decision(professional_id);
  ended integer;
begin
  if professional.status <> 'active' then
    perform private.refuse('professional_not_active', 'professional_id');
  end if;
  update private.professionals as p
     set status = 'switched_off', switched_off_at = now(), switched_off_by = private.team_actor(member)
   where p.id = professional.id;
  update private.sessions as s set ended_at = now()
   where s.professional_id = professional.id and s.ended_at is null;
  get diagnostics ended = row_count;
  perform private.audit('professional_switched_off', private.team_actor(member), '{}',
    pg_catalog.jsonb_build_object('professionalId', professional.id, 'sessionsEnded', ended));
  return pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', 'switched_off');
end
$$;
revoke all on function public.team_switch_off_professional(text, uuid) from public, anon, authenticated;
grant execute on function public.team_switch_off_professional(text, uuid) to service_role;

-- Another team member, added by a signed-in one (add_team_member's checks and refusals).
create function public.team_add_member(session_token text, email text, full_name text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
begin
  return public.add_team_member(email, full_name, private.team_actor(member));
end
$$;
revoke all on function public.team_add_member(text, text, text) from public, anon, authenticated;
grant execute on function public.team_add_member(text, text, text) to service_role;

-- Remove a team member (kept, switched off): their sessions end at once. Not yourself
-- (`cannot_remove_yourself`); one already removed is `team_member_not_active`.
create function public.team_remove_member(session_token text, team_member_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member private.team_members := private.team_member_for(session_token);
  removed private.team_members;
begin
  if team_member_id = member.id then
    perform private.refuse('cannot_remove_yourself', 'team_member_id');
  end if;
  select m.* into removed from private.team_members as m where m.id = team_member_id for update;
  if removed.id is null then
    perform private.refuse('team_member_not_found', 'team_member_id');
  end if;
  if removed.status <> 'active' then
    perform private.refuse('team_member_not_active', 'team_member_id');
  end if;
  update private.team_members as m
     set status = 'switched_off', removed_at = now(), removed_by = private.team_actor(member)
   where m.id = removed.id;
  update private.sessions as s set ended_at = now()
   where s.team_member_id = removed.id and s.ended_at is null;
  perform private.audit('team_member_removed', private.team_actor(member), '{}',
    pg_catalog.jsonb_build_object('teamMemberId', removed.id));
  return pg_catalog.jsonb_build_object('teamMemberId', removed.id, 'status', 'switched_off');
end
$$;
revoke all on function public.team_remove_member(text, uuid) from public, anon, authenticated;
grant execute on function public.team_remove_member(text, uuid) to service_role;

