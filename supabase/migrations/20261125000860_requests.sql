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
