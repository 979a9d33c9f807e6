-- Withdrawals: anyone may ask for consent to be withdrawn and a person taken off the
-- register (no account needed). The DSR team matches the request to the people it is
-- about (match_withdrawal), then completes it, which erases them everywhere; a request
-- that matches nobody is closed as "no entry found" instead. Either way the requester is
-- emailed (when they gave an address), and once finished only references and dates
-- remain: the email's address goes with the email once sent (erase_finished_withdrawals).

-- =================================================================================
-- Tables

create table private.withdrawals (
  id uuid primary key default gen_random_uuid(),
  reference private.withdrawal_reference not null unique,
  status text not null default 'requested' check (status in ('requested', 'completed', 'no_entry_found')),
  person_name private.line_200,
  date_of_birth private.past_date,
  dsr_reference private.referral_reference,
  requester_relationship text not null
    check (requester_relationship in ('self', 'parent_or_carer', 'advocate', 'professional')),
  requester_name private.line_200,
  requester_email private.email_address,
  requester_phone private.phone_number,
  understands_support_continues boolean not null check (understands_support_continues),
  requested_at timestamptz not null default now(),
  completed_at timestamptz,
  completed_by private.line_200,
  -- When the erased rows were rewritten out of the table files (erase_finished_withdrawals).
  cleared_from_disk_at timestamptz,
  -- When it was finished (completed, or closed as no entry found), and by whom.
  check ((status = 'requested') = (completed_at is null and completed_by is null)),
  check (status <> 'requested' or (person_name is not null and date_of_birth is not null
         and requester_name is not null and (requester_email is not null or requester_phone is not null))),
  check (status = 'requested' or (person_name is null and date_of_birth is null and requester_name is null
         and requester_email is null and requester_phone is null))
);
alter table private.withdrawals enable row level security;

-- The people the DSR team has matched to a request (match_withdrawal): completing it
-- erases these, and only these.
create table private.withdrawal_matches (
  withdrawal_id uuid not null references private.withdrawals (id) on delete cascade,
  person_id uuid not null references private.people (id) on delete cascade,
  matched_by private.line_200 not null,
  matched_at timestamptz not null default now(),
  primary key (withdrawal_id, person_id)
);
create index withdrawal_matches_person on private.withdrawal_matches (person_id);
alter table private.withdrawal_matches enable row level security;

-- =================================================================================
-- Functions

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

-- payload: personName, dateOfBirth, dsrReference?, requesterRelationship, requesterName,
-- requesterEmail?, requesterPhone? (one of the two), understandsSupportContinues, teamEmail.
-- It never says whether the person or the DSR reference was found.
create function public.request_withdrawal(payload jsonb) returns jsonb
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
  team_email text;
  matches uuid[];
  possible_entries text[];
  reference text;
begin
  payload := private.payload_object(payload);
  person_name := private.text_field(payload, 'personName', 200, true);
  date_of_birth := private.birth_date_field(payload, 'dateOfBirth');
  dsr_reference := private.reference_field(payload, 'dsrReference', 'referral');
  requester_relationship := private.choice_field(payload, 'requesterRelationship',
    array['self', 'parent_or_carer', 'advocate', 'professional'], true);
  requester_name := private.text_field(payload, 'requesterName', 200, true);
  requester_email := private.email_field(payload, 'requesterEmail', false);
  requester_phone := private.phone_field(payload, 'requesterPhone');
  if requester_email is null and requester_phone is null then
    perform private.invalid('contact_missing', 'requesterEmail');
  end if;
  perform private.agreement_field(payload, 'understandsSupportContinues');
  team_email := private.team_email(payload);

  matches := private.withdrawal_people(person_name, date_of_birth, dsr_reference);
  -- The entries that may be this person, each by its latest referral's reference, for
  -- the team to check and match: nothing is erased on a guess.
  select coalesce(pg_catalog.array_agg(latest.reference order by latest.reference), '{}') into possible_entries
    from (select distinct on (r.person_id) r.reference from private.referrals as r
           where r.person_id = any (matches) order by r.person_id, r.created_at desc) as latest;
  reference := private.new_reference('withdrawal');
  insert into private.withdrawals
    (reference, person_name, date_of_birth, dsr_reference, requester_relationship, requester_name,
     requester_email, requester_phone, understands_support_continues)
  values
    (reference, person_name, date_of_birth, dsr_reference, requester_relationship, requester_name,
     requester_email, requester_phone, true);

  perform private.queue_email('withdrawal_team', team_email,
    pg_catalog.jsonb_build_object('reference', reference, 'dsrReference', dsr_reference,
      'requesterRelationship', requester_relationship,
      'contactBy', pg_catalog.to_jsonb(pg_catalog.array_remove(array[case when requester_email is not null then 'email' end,
                                                         case when requester_phone is not null then 'phone' end], null)),
      'matchedPeople', pg_catalog.cardinality(matches), 'possibleEntries', pg_catalog.to_jsonb(possible_entries)),
    false, 'withdrawal:' || reference || ':team', null, reference);
  if requester_email is not null then
    perform private.queue_email('withdrawal_acknowledgement', requester_email,
      pg_catalog.jsonb_build_object('reference', reference),
      false, 'withdrawal:' || reference || ':acknowledgement', null, reference);
  end if;
  perform private.audit('withdrawal_requested', null,
    case when dsr_reference is null then array[reference] else array[reference, dsr_reference] end,
    pg_catalog.jsonb_build_object('requesterRelationship', requester_relationship,
                                  'matchedPeople', pg_catalog.cardinality(matches)));
  return pg_catalog.jsonb_build_object('reference', reference);
end
$$;
revoke all on function public.request_withdrawal(jsonb) from public, anon, authenticated;
grant execute on function public.request_withdrawal(jsonb) to service_role;

-- A request the DSR team is working on, locked, and still open.
create function private.open_withdrawal(withdrawal_reference text, actor text, out withdrawal private.withdrawals, out who text)
language plpgsql as $$
begin
  who := nullif(pg_catalog.btrim(actor), '');
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  select w.* into withdrawal from private.withdrawals as w
   where w.reference = pg_catalog.upper(pg_catalog.btrim(withdrawal_reference))
     for update;
  if withdrawal.id is null then
    perform private.refuse('withdrawal_reference_not_found', 'withdrawal_reference');
  end if;
  if withdrawal.status <> 'requested' then
    perform private.refuse('withdrawal_already_completed', 'withdrawal_reference');
  end if;
end
$$;

-- Finishing a request: the requester is told by email, if they gave an address (the
-- email holds it until it is sent; erase_finished_withdrawals then removes it), and the
-- personal details on the request are erased.
create function private.finish_withdrawal(withdrawal private.withdrawals, outcome text, who text) returns void
language plpgsql as $$
begin
  if withdrawal.requester_email is not null and outcome = 'completed' then
    perform private.queue_email('withdrawal_completed', withdrawal.requester_email,
      pg_catalog.jsonb_build_object('reference', withdrawal.reference),
      false, 'withdrawal:' || withdrawal.reference || ':completed', null, withdrawal.reference);
  elsif withdrawal.requester_email is not null then
    perform private.queue_email('withdrawal_no_entry', withdrawal.requester_email,
      pg_catalog.jsonb_build_object('reference', withdrawal.reference),
      false, 'withdrawal:' || withdrawal.reference || ':no_entry_found', null, withdrawal.reference);
  end if;
  update private.withdrawals as w
     set status = outcome, completed_at = now(), completed_by = who,
         person_name = null, date_of_birth = null, requester_name = null, requester_email = null,
         requester_phone = null
   where w.id = withdrawal.id;
  delete from private.withdrawal_matches as m where m.withdrawal_id = withdrawal.id;
end
$$;

-- For the DSR team (the SQL editor): this request is about the person of this DSR
-- reference. Run it once for each entry that is theirs. The date of birth must agree
-- with the request's, so a mistyped reference cannot erase someone else.
create function public.match_withdrawal(withdrawal_reference text, referral_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  opened record;
  person private.people;
  matched text[];
begin
  select * into opened from private.open_withdrawal(withdrawal_reference, actor);
  select p.* into person from private.people as p join private.referrals as r on r.person_id = p.id
   where r.reference = pg_catalog.upper(pg_catalog.btrim(referral_reference));
  if person.id is null then
    perform private.refuse('referral_reference_not_found', 'referral_reference');
  end if;
  if person.date_of_birth <> (opened.withdrawal).date_of_birth then
    perform private.refuse('date_of_birth_differs', 'referral_reference');
  end if;
  insert into private.withdrawal_matches (withdrawal_id, person_id, matched_by)
  values ((opened.withdrawal).id, person.id, opened.who)
  on conflict do nothing;
  -- Each matched entry by its latest referral's reference.
  select coalesce(pg_catalog.array_agg(latest.reference order by latest.reference), '{}') into matched
    from (select distinct on (r.person_id) r.reference from private.referrals as r
            join private.withdrawal_matches as m on m.person_id = r.person_id
           where m.withdrawal_id = (opened.withdrawal).id order by r.person_id, r.created_at desc) as latest;
  perform private.audit('withdrawal_matched', opened.who,
    array[(opened.withdrawal).reference, pg_catalog.upper(pg_catalog.btrim(referral_reference))]);
  return pg_catalog.jsonb_build_object('withdrawalReference', (opened.withdrawal).reference, 'matched', pg_catalog.to_jsonb(matched));
end
$$;
revoke all on function public.match_withdrawal(text, text, text) from public, anon, authenticated;
grant execute on function public.match_withdrawal(text, text, text) to service_role;

-- For the DSR team: the request matches nobody on the register (after looking, and
-- speaking to the requester). The requester is told so; nobody is erased.
create function public.close_withdrawal_no_entry(withdrawal_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  opened record;
begin
  select * into opened from private.open_withdrawal(withdrawal_reference, actor);
  if exists (select 1 from private.withdrawal_matches as m where m.withdrawal_id = (opened.withdrawal).id) then
    perform private.refuse('withdrawal_matched', 'withdrawal_reference');
  end if;
  perform private.finish_withdrawal(opened.withdrawal, 'no_entry_found', opened.who);
  perform private.audit('withdrawal_closed_no_entry', opened.who, array[(opened.withdrawal).reference],
    pg_catalog.jsonb_build_object('requestedOn', ((opened.withdrawal).requested_at at time zone 'Europe/London')::date,
                                  'closedOn', private.today()));
  return pg_catalog.jsonb_build_object('withdrawalReference', (opened.withdrawal).reference, 'status', 'no_entry_found');
end
$$;
revoke all on function public.close_withdrawal_no_entry(text, text) from public, anon, authenticated;
grant execute on function public.close_withdrawal_no_entry(text, text) to service_role;

-- For the DSR team: the withdrawal is done, so the people the team matched to it are
-- erased everywhere, and only they: a request nobody was matched to is refused (close
-- it as no entry found instead). One audit event keeps the references and the dates.
create function public.complete_withdrawal(withdrawal_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  opened record;
  withdrawal private.withdrawals;
  who text;
  person_ids uuid[];
  referral_refs text[];
  consent_ids uuid[];
  consent_refs text[];
  erased_emails integer;
  erased_people integer;
begin
  select * into opened from private.open_withdrawal(withdrawal_reference, actor);
  withdrawal := opened.withdrawal;
  who := opened.who;
  select coalesce(pg_catalog.array_agg(m.person_id), '{}') into person_ids
    from private.withdrawal_matches as m where m.withdrawal_id = withdrawal.id;
  if pg_catalog.cardinality(person_ids) = 0 then
    perform private.refuse('withdrawal_not_matched', 'withdrawal_reference');
  end if;

  select coalesce(pg_catalog.array_agg(r.reference order by r.created_at), '{}') into referral_refs
    from private.referrals as r where r.person_id = any (person_ids);
  -- Consent records: those cited for the people, and those no referral cited yet that
  -- name one of them (full name and date of birth), or the person the request names.
  select coalesce(pg_catalog.array_agg(c.id), '{}'), coalesce(pg_catalog.array_agg(c.reference order by c.created_at), '{}')
    into consent_ids, consent_refs
    from private.consents as c
   where c.person_id = any (person_ids)
      or (c.person_id is null
          and ((c.date_of_birth = withdrawal.date_of_birth
                and private.name_key(c.person_name) = private.name_key(withdrawal.person_name))
            or exists (select 1 from private.people as p
                        where p.id = any (person_ids) and p.date_of_birth = c.date_of_birth
                          and private.name_key(p.given_name || p.family_name) = private.name_key(c.person_name))));

  -- Emails about them, sent or not (emails never name anyone, but they are theirs), and
  -- the sent emails about this request. An acknowledgement not yet sent still goes.
  delete from private.outbox as o
   where o.person_id = any (person_ids)
      or o.about_reference = any (referral_refs || consent_refs)
      or (o.about_reference = withdrawal.reference and o.status <> 'pending');
  get diagnostics erased_emails = row_count;

  delete from private.consents as c where c.id = any (consent_ids);
  -- Referrals and identity questions go with the person (on delete cascade).
  delete from private.people as p where p.id = any (person_ids);
  get diagnostics erased_people = row_count;

  perform private.finish_withdrawal(withdrawal, 'completed', who);

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
revoke all on function public.complete_withdrawal(text, text) from public, anon, authenticated;
grant execute on function public.complete_withdrawal(text, text) to service_role;

-- =================================================================================
-- Functions: erasure to the disk (the deliver run, src/server/routes/erasure.ts)

-- The tables a withdrawal's erasure deletes from or updates: their files still hold the
-- old rows' bytes until they are rewritten. They are every table of the register whose
-- rows lead by foreign keys to a person or a referral (the erasure's cascade reaches each
-- of them), found in the catalog when this runs, so a table a later migration links to
-- them is never left off; and the two the erasure changes by reference: the withdrawal
-- requests (their names) and the outbox (the emails about the person). A new table that
-- names a person only by value, as these two do, must be added here by hand.
create function private.erased_tables() returns text[]
language sql stable set search_path = '' as $$
  with recursive links(child, parent) as (
    select c.conrelid, c.confrelid from pg_catalog.pg_constraint as c
     where c.contype = 'f' and c.connamespace = 'private'::pg_catalog.regnamespace),
  about_a_person(id) as (
    select 'private.people'::pg_catalog.regclass::pg_catalog.oid
    union select 'private.referrals'::pg_catalog.regclass::pg_catalog.oid
    union select l.child from links as l join about_a_person as a on l.parent = a.id)
  select pg_catalog.array_agg(name order by name)
    from (select 'private.' || t.relname as name from about_a_person as a join pg_catalog.pg_class as t on t.oid = a.id
          union select 'private.withdrawals' union select 'private.outbox') as tables
$$;

-- Once the requester's email about a finished withdrawal has been sent, it goes, and its
-- address with it. Answers which withdrawals are now due to be cleared from the disk
-- (finished, nothing about them still waiting to be sent, not cleared yet), and the
-- tables to rewrite for them; record_withdrawals_cleared(asOf) marks them once done.
-- An email that failed for good stays for the team's morning check.
create function public.erase_finished_withdrawals() returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  erased_emails integer;
  due integer;
  as_of timestamptz := pg_catalog.clock_timestamp();
begin
  delete from private.outbox as o
   using private.withdrawals as w
   where o.about_reference = w.reference and w.status <> 'requested' and o.status = 'sent';
  get diagnostics erased_emails = row_count;
  select pg_catalog.count(*) into due
    from private.withdrawals as w
   where w.status <> 'requested' and w.cleared_from_disk_at is null and w.completed_at <= as_of
     and not exists (select 1 from private.outbox as o where o.about_reference = w.reference and o.status = 'pending');
  return pg_catalog.jsonb_build_object(
    'erasedEmails', erased_emails, 'withdrawals', due, 'asOf', as_of,
    -- This transaction's id: every deletion the rewrite must clear is no newer than it.
    'eraseXid', pg_catalog.pg_current_xact_id()::text,
    'tables', pg_catalog.to_jsonb(case when due > 0 then private.erased_tables() else '{}'::text[] end));
end
$$;
revoke all on function public.erase_finished_withdrawals() from public, anon, authenticated;
grant execute on function public.erase_finished_withdrawals() to service_role;

-- VACUUM FULL keeps a deleted row that any open transaction might still see: one that
-- began before the deletion (a long report, an ANALYZE by autovacuum, a prepared
-- transaction, a replication slot's xmin). So the rewrite clears the erased rows only
-- when nothing in this database is that old; otherwise the deliver run says so and tries
-- again next time, rather than mark the withdrawals cleared while their bytes remain.
-- Needs to read every session's pg_stat_activity (pg_read_all_stats, as Supabase's
-- postgres role has); answers the count of what holds the rows back.
create function public.erasure_held_back(erase_xid text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  erased xid;
  held integer;
begin
  begin
    -- pg_current_xact_id() counts in 64 bits; backend_xmin is the 32-bit id.
    erased := ((erase_xid::numeric % 4294967296)::bigint)::text::xid;
  exception when others then
    perform private.invalid('format', 'erase_xid');
  end;
  select (select pg_catalog.count(*)::integer from pg_catalog.pg_stat_activity as a
           where a.datname = pg_catalog.current_database() and a.pid <> pg_catalog.pg_backend_pid()
             and pg_catalog.age(coalesce(a.backend_xmin, a.backend_xid)) >= pg_catalog.age(erased))
       + (select pg_catalog.count(*)::integer from pg_catalog.pg_prepared_xacts as p
           where p.database = pg_catalog.current_database() and pg_catalog.age(p.transaction) >= pg_catalog.age(erased))
       + (select pg_catalog.count(*)::integer from pg_catalog.pg_replication_slots as r
           where r.xmin is not null and pg_catalog.age(r.xmin) >= pg_catalog.age(erased))
    into held;
  return pg_catalog.jsonb_build_object('olderTransactions', held);
end
$$;
revoke all on function public.erasure_held_back(text) from public, anon, authenticated;
grant execute on function public.erasure_held_back(text) to service_role;

-- The tables were rewritten after as_of (the asOf erase_finished_withdrawals gave, as
-- text: the API's contract names one-word types): the withdrawals due then are cleared.
create function public.record_withdrawals_cleared(as_of text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  cleared integer;
  until timestamptz;
begin
  begin
    until := as_of::timestamptz;
  exception when others then
    perform private.invalid('format', 'as_of');
  end;
  update private.withdrawals as w set cleared_from_disk_at = pg_catalog.now()
   where w.status <> 'requested' and w.cleared_from_disk_at is null and w.completed_at <= until
     and not exists (select 1 from private.outbox as o where o.about_reference = w.reference and o.status = 'pending');
  get diagnostics cleared = row_count;
  return pg_catalog.jsonb_build_object('clearedWithdrawals', cleared);
end
$$;
revoke all on function public.record_withdrawals_cleared(text) from public, anon, authenticated;
grant execute on function public.record_withdrawals_cleared(text) to service_role;

-- =================================================================================
-- Functions: the console (src/server/routes/console/withdrawals.tsx)
--
-- The DSR team works a withdrawal request in the console: it sees what the requester
-- gave and the entries that may be the person (worked out here, never matched
-- automatically), matches the ones that are, then completes the request (erasing them)
-- or closes it as "no entry found". Each function takes the session token and checks the
-- team role inside (private.team_member_for, from the team migration: plpgsql looks it up
-- when called, not when created; the member is a `record` for the same reason, as the
-- type private.team_members is made there too), then does what the SQL-dashboard function of the same
-- name does, with the team member as the actor. The request's row is locked first, so
-- when two team members act at once the second is refused and changes nothing.

-- A request by its WDR reference, locked; `withdrawal_reference_not_found` when there is none.
create function private.withdrawal_for_console(withdrawal_reference text) returns private.withdrawals
language plpgsql as $$
declare
  withdrawal private.withdrawals;
begin
  select w.* into withdrawal from private.withdrawals as w
   where w.reference = pg_catalog.upper(pg_catalog.btrim(withdrawal_reference))
     for update;
  if withdrawal.id is null then
    perform private.refuse('withdrawal_reference_not_found', 'withdrawal_reference');
  end if;
  return withdrawal;
end
$$;

-- The entries that may be the person a request is about, each once, with why: the DSR
-- reference the requester gave (`reference_given`, or `reference_given_other_birth_date`
-- when that entry's date of birth is not the request's, which match_withdrawal refuses),
-- and the same full name (ignoring case, spaces and punctuation) with the same date of
-- birth (`name_and_birth_date`). The withdrawal form asks for no NHS number, so none is
-- matched on: a person with an NHS number is found by the reference or the name and
-- date of birth, as any other. Each entry by its latest referral's reference, with its
-- area and current rating (private.current_ratings, through people_now).
create function private.withdrawal_likely_matches(withdrawal private.withdrawals) returns jsonb
language sql stable as $$
  with candidates as (
    select r.person_id,
           case when p.date_of_birth = withdrawal.date_of_birth then 'reference_given' else 'reference_given_other_birth_date' end as reason
      from private.referrals as r join private.people as p on p.id = r.person_id
     where withdrawal.dsr_reference is not null and r.reference = withdrawal.dsr_reference
    union all
    select p.id, 'name_and_birth_date'
      from private.people as p
     where withdrawal.person_name is not null
       and p.date_of_birth = withdrawal.date_of_birth
       and private.name_key(p.given_name || p.family_name) = private.name_key(withdrawal.person_name)
  ), people as (
    select c.person_id, pg_catalog.array_agg(distinct c.reason order by c.reason) as reasons
      from candidates as c group by c.person_id
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'reference', n.latest_reference, 'area', n.area, 'rating', n.rating,
           'reasons', pg_catalog.to_jsonb(m.reasons),
           'canMatch', n.date_of_birth = withdrawal.date_of_birth,
           'matched', exists (select 1 from private.withdrawal_matches as wm
                               where wm.withdrawal_id = withdrawal.id and wm.person_id = m.person_id))
         order by n.latest_reference), '[]')
    from people as m join private.people_now as n on n.id = m.person_id
$$;

-- The request page: what the requester gave (until it is finished: then only the
-- references, dates and outcome remain), the entries matched so far, the likely matches,
-- and the emails to the requester (when they were sent). Opening it is audited.
create function public.team_withdrawal(session_token text, withdrawal_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  withdrawal private.withdrawals;
begin
  select w.* into withdrawal from private.withdrawals as w
   where w.reference = pg_catalog.upper(pg_catalog.btrim(withdrawal_reference));
  if withdrawal.id is null then
    perform private.refuse('withdrawal_reference_not_found', 'withdrawal_reference');
  end if;
  perform private.audit('withdrawal_opened', private.team_actor(member), array[withdrawal.reference]);
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'reference', withdrawal.reference,
    'status', withdrawal.status,
    'requestedAt', withdrawal.requested_at,
    'finishedAt', withdrawal.completed_at,
    'finishedBy', (select coalesce(m.full_name, withdrawal.completed_by) from (select 1) as one
                     left join private.team_members as m on 'team:' || m.id = withdrawal.completed_by
                    where withdrawal.completed_by is not null),
    'personName', withdrawal.person_name,
    'dateOfBirth', withdrawal.date_of_birth,
    'dsrReference', withdrawal.dsr_reference,
    'requesterRelationship', withdrawal.requester_relationship,
    'requesterName', withdrawal.requester_name,
    'requesterEmail', withdrawal.requester_email,
    'requesterPhone', withdrawal.requester_phone,
    'matched', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'reference', n.latest_reference, 'area', n.area, 'rating', n.rating, 'matchedAt', wm.matched_at,
               'matchedBy', coalesce(m.full_name, wm.matched_by))
             order by wm.matched_at)
        from private.withdrawal_matches as wm
        join private.people_now as n on n.id = wm.person_id
        left join private.team_members as m on 'team:' || m.id = wm.matched_by
       where wm.withdrawal_id = withdrawal.id), '[]'),
    'likelyMatches', private.withdrawal_likely_matches(withdrawal),
    'emails', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('kind', o.kind, 'status', o.status, 'sentAt', o.sent_at)
             order by o.created_at)
        from private.outbox as o
       where o.about_reference = withdrawal.reference and o.kind <> 'withdrawal_team'), '[]'));
end
$$;
revoke all on function public.team_withdrawal(text, text) from public, anon, authenticated;
grant execute on function public.team_withdrawal(text, text) to service_role;

-- This request is about the entry of this DSR reference (match_withdrawal). An entry
-- matched already (by another team member, a moment ago) is `entry_already_matched`.
create function public.team_match_withdrawal(session_token text, withdrawal_reference text, referral_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  withdrawal private.withdrawals := private.withdrawal_for_console(withdrawal_reference);
begin
  if withdrawal.status = 'requested' and exists (
       select 1 from private.withdrawal_matches as wm join private.referrals as r on r.person_id = wm.person_id
        where wm.withdrawal_id = withdrawal.id and r.reference = pg_catalog.upper(pg_catalog.btrim(referral_reference))) then
    perform private.refuse('entry_already_matched', 'referral_reference');
  end if;
  return public.match_withdrawal(withdrawal.reference, referral_reference, private.team_actor(member));
end
$$;
revoke all on function public.team_match_withdrawal(text, text, text) from public, anon, authenticated;
grant execute on function public.team_match_withdrawal(text, text, text) to service_role;

-- Complete the request: erase the entries matched to it (complete_withdrawal, which
-- emails the requester `withdrawal_completed` when they gave an address).
create function public.team_complete_withdrawal(session_token text, withdrawal_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  withdrawal private.withdrawals := private.withdrawal_for_console(withdrawal_reference);
begin
  return public.complete_withdrawal(withdrawal.reference, private.team_actor(member));
end
$$;
revoke all on function public.team_complete_withdrawal(text, text) from public, anon, authenticated;
grant execute on function public.team_complete_withdrawal(text, text) to service_role;

-- Close the request as "no entry found" (close_withdrawal_no_entry, which emails the
-- requester `withdrawal_no_entry` when they gave an address). Nobody is erased.
create function public.team_close_withdrawal_no_entry(session_token text, withdrawal_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  withdrawal private.withdrawals := private.withdrawal_for_console(withdrawal_reference);
begin
  return public.close_withdrawal_no_entry(withdrawal.reference, private.team_actor(member));
end
$$;
revoke all on function public.team_close_withdrawal_no_entry(text, text) from public, anon, authenticated;
grant execute on function public.team_close_withdrawal_no_entry(text, text) to service_role;
