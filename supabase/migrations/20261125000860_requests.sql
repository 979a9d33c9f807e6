-- Requests to be considered for the register (/ask/): the person themselves, their
-- family, or anyone who knows them asks, without an account; the DSR team reads the
-- request and decides what happens. Nothing here looks the person up: the answer, its
-- words and its timing are the same whether or not they are already on the register.

-- =================================================================================
-- Tables

create domain private.request_reference as text check (private.reference_is_of_kind(value, 'request'));

create table private.requests (
  id uuid primary key default gen_random_uuid(),
  reference private.request_reference not null unique,
  asker_relationship text not null check (asker_relationship in ('self', 'parent_or_carer', 'someone_else')),
  asker_connection private.line_200,
  person_name private.line_200 not null,
  date_of_birth private.past_date not null,
  area private.line_100 not null,
  worries private.text_2000 not null,
  person_knows text not null check (person_knows in ('knows_and_agrees', 'knows_not_agreed', 'does_not_know', 'cannot_say')),
  asker_name private.line_200 not null,
  asker_email private.email_address,
  asker_phone private.phone_number,
  requested_at timestamptz not null default now(),
  check (asker_email is not null or asker_phone is not null),
  check ((asker_relationship = 'someone_else') = (asker_connection is not null))
);
alter table private.requests enable row level security;

-- =================================================================================
-- Functions

-- payload: askerRelationship, askerConnection (someone_else only), personName,
-- dateOfBirth, area, worries, personKnows, askerName, askerEmail?, askerPhone? (one of
-- the two), teamEmail. Two emails: the team's (references and codes only) and, when an
-- email address was given, the acknowledgement (drawn at send time with what happens
-- next and by when, from content/timescales.json).
create function public.request_consideration(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  asker_relationship text;
  asker_connection text;
  person_name text;
  date_of_birth date;
  area text;
  worries text;
  person_knows text;
  asker_name text;
  asker_email text;
  asker_phone text;
  team_email text;
  reference text;
begin
  payload := private.payload_object(payload);
  asker_relationship := private.choice_field(payload, 'askerRelationship', array['self', 'parent_or_carer', 'someone_else'], true);
  asker_connection := private.text_field(payload, 'askerConnection', 200, asker_relationship = 'someone_else');
  if asker_relationship <> 'someone_else' then asker_connection := null; end if;
  person_name := private.text_field(payload, 'personName', 200, true);
  date_of_birth := private.birth_date_field(payload, 'dateOfBirth');
  area := private.area_field(payload, 'area');
  worries := private.text_field(payload, 'worries', 2000, true, true);
  person_knows := private.choice_field(payload, 'personKnows',
    array['knows_and_agrees', 'knows_not_agreed', 'does_not_know', 'cannot_say'], true);
  asker_name := private.text_field(payload, 'askerName', 200, true);
  asker_email := private.email_field(payload, 'askerEmail', false);
  asker_phone := private.phone_field(payload, 'askerPhone');
  if asker_email is null and asker_phone is null then
    perform private.invalid('contact_missing', 'askerEmail');
  end if;
  team_email := private.team_email(payload);

  reference := private.new_reference('request');
  insert into private.requests
    (reference, asker_relationship, asker_connection, person_name, date_of_birth, area, worries,
     person_knows, asker_name, asker_email, asker_phone)
  values
    (reference, asker_relationship, asker_connection, person_name, date_of_birth, area, worries,
     person_knows, asker_name, asker_email, asker_phone);

  perform private.queue_email('request_team', team_email,
    pg_catalog.jsonb_build_object('reference', reference, 'requesterRelationship', asker_relationship,
      'area', area,
      'contactBy', pg_catalog.to_jsonb(pg_catalog.array_remove(array[case when asker_email is not null then 'email' end,
                                                         case when asker_phone is not null then 'phone' end], null))),
    false, 'request:' || reference || ':team', null, reference);
  if asker_email is not null then
    perform private.queue_email('request_acknowledgement', asker_email,
      pg_catalog.jsonb_build_object('reference', reference),
      false, 'request:' || reference || ':acknowledgement', null, reference);
  end if;
  perform private.audit('request_received', null, array[reference],
    pg_catalog.jsonb_build_object('askerRelationship', asker_relationship, 'personKnows', person_knows));
  return pg_catalog.jsonb_build_object('reference', reference);
end
$$;
revoke all on function public.request_consideration(jsonb) from public, anon, authenticated;
grant execute on function public.request_consideration(jsonb) to service_role;

-- =================================================================================
-- The console: the team's decision (src/server/routes/console/requests.tsx)
--
-- The DSR team reads a request and records one decision: a professional who knows the
-- person will refer them (which service or professional, in the team's words), or the
-- register is not the right route (where else to go, in the team's words). One decision
-- per request, never changed: a second one is refused (`request_already_decided`). The
-- asker is emailed the outcome when they gave an address (`request_outcome`: the
-- reference and the outcome's kind only; the team's words stay in the console, because
-- they are free text that may name someone, and no email carries personal details; the
-- email gives the DSR team's contact instead). Nothing here looks the person up: the
-- decision and the email are the same whether or not they are on the register.
-- Each function takes the session token and checks the team role inside
-- (private.team_member_for, from the team migration, looked up when called; the member is
-- a `record` because the type private.team_members is made there too).

create table private.request_decisions (
  request_id uuid primary key references private.requests (id) on delete cascade,
  outcome text not null check (outcome in ('professional_will_refer', 'not_the_right_route')),
  -- Which service or professional will refer, or where else to go: the team's words, for the team only.
  note private.text_500 not null,
  -- Who decided: `team:<id>`.
  decided_by private.line_200 not null,
  decided_at timestamptz not null default now()
);
alter table private.request_decisions enable row level security;

-- A request by its REQ reference; `request_reference_not_found` when there is none.
create function private.request_for_console(request_reference text, locked boolean) returns private.requests
language plpgsql as $$
declare
  request private.requests;
begin
  if locked then
    select q.* into request from private.requests as q
     where q.reference = pg_catalog.upper(pg_catalog.btrim(request_reference)) for update;
  else
    select q.* into request from private.requests as q
     where q.reference = pg_catalog.upper(pg_catalog.btrim(request_reference));
  end if;
  if request.id is null then
    perform private.refuse('request_reference_not_found', 'request_reference');
  end if;
  return request;
end
$$;

-- The request page: what the asker gave, the decision (if any, with who made it), and
-- the emails to the asker with when each was sent. Opening it is audited.
create function public.team_request(session_token text, request_reference text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  request private.requests := private.request_for_console(request_reference, false);
begin
  perform private.audit('request_opened', private.team_actor(member), array[request.reference]);
  return pg_catalog.jsonb_build_object(
    'teamMember', pg_catalog.jsonb_build_object('fullName', member.full_name),
    'reference', request.reference,
    'requestedAt', request.requested_at,
    'askerRelationship', request.asker_relationship,
    'askerConnection', request.asker_connection,
    'personName', request.person_name,
    'dateOfBirth', request.date_of_birth,
    'area', request.area,
    'worries', request.worries,
    'personKnows', request.person_knows,
    'askerName', request.asker_name,
    'askerEmail', request.asker_email,
    'askerPhone', request.asker_phone,
    'decision', (
      select pg_catalog.jsonb_build_object('outcome', d.outcome, 'note', d.note, 'decidedAt', d.decided_at,
                                           'decidedBy', coalesce(m.full_name, d.decided_by))
        from private.request_decisions as d
        left join private.team_members as m on 'team:' || m.id = d.decided_by
       where d.request_id = request.id),
    'emails', coalesce((
      select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('kind', o.kind, 'status', o.status, 'sentAt', o.sent_at)
             order by o.created_at)
        from private.outbox as o
       where o.about_reference = request.reference and o.kind <> 'request_team'), '[]'));
end
$$;
revoke all on function public.team_request(text, text) from public, anon, authenticated;
grant execute on function public.team_request(text, text) to service_role;

-- The team's decision: outcome `professional_will_refer` or `not_the_right_route`, and
-- note (which service or professional will refer, or where else to go; up to 500
-- characters). The request's row is locked, so of two team members deciding at once the
-- second is refused with `request_already_decided` and changes nothing.
create function public.team_decide_request(session_token text, request_reference text, outcome text, note text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  request private.requests := private.request_for_console(request_reference, true);
  answers jsonb := pg_catalog.jsonb_build_object('outcome', outcome, 'note', note);
  chosen text;
  words text;
  decision private.request_decisions;
begin
  if exists (select 1 from private.request_decisions as d where d.request_id = request.id) then
    perform private.refuse('request_already_decided', 'request_reference');
  end if;
  chosen := private.choice_field(answers, 'outcome', array['professional_will_refer', 'not_the_right_route'], true);
  words := private.text_field(answers, 'note', 500, true, true);
  insert into private.request_decisions as d (request_id, outcome, note, decided_by)
  values (request.id, chosen, words, private.team_actor(member))
  returning d.* into decision;
  if request.asker_email is not null then
    perform private.queue_email('request_outcome', request.asker_email,
      pg_catalog.jsonb_build_object('reference', request.reference, 'outcome', chosen),
      false, 'request:' || request.reference || ':outcome', null, request.reference);
  end if;
  perform private.audit('request_decided', private.team_actor(member), array[request.reference],
    pg_catalog.jsonb_build_object('outcome', chosen));
  return pg_catalog.jsonb_build_object('reference', request.reference, 'outcome', decision.outcome,
                                       'decidedAt', decision.decided_at, 'emailed', request.asker_email is not null);
end
$$;
revoke all on function public.team_decide_request(text, text, text, text) from public, anon, authenticated;
grant execute on function public.team_decide_request(text, text, text, text) to service_role;
