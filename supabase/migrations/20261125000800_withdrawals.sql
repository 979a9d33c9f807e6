-- Withdrawals: anyone may ask for consent to be withdrawn and a person taken off the
-- register (no account needed); the DSR team completes the request, which erases the
-- person's details everywhere. Once completed, only references and dates remain.

-- =================================================================================
-- Tables

create table private.withdrawals (
  id uuid primary key default gen_random_uuid(),
  reference private.withdrawal_reference not null unique,
  status text not null default 'requested' check (status in ('requested', 'completed')),
  person_name private.line_200,
  date_of_birth private.past_date,
  dsr_reference private.referral_reference,
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
  reference := private.new_reference('withdrawal');
  insert into private.withdrawals
    (reference, person_name, date_of_birth, dsr_reference, requester_relationship, requester_name,
     requester_email, requester_phone, understands_support_continues, person_id)
  values
    (reference, person_name, date_of_birth, dsr_reference, requester_relationship, requester_name,
     requester_email, requester_phone, true,
     case when pg_catalog.cardinality(matches) = 1 then matches[1] end);

  perform private.queue_email('withdrawal_team', team_email,
    pg_catalog.jsonb_build_object('reference', reference, 'dsrReference', dsr_reference,
      'requesterRelationship', requester_relationship,
      'contactBy', pg_catalog.to_jsonb(pg_catalog.array_remove(array[case when requester_email is not null then 'email' end,
                                                         case when requester_phone is not null then 'phone' end], null)),
      'matchedPeople', pg_catalog.cardinality(matches)),
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

-- For the DSR team (the SQL editor): the withdrawal is done, so the person's details
-- are erased everywhere. One audit event keeps the references and the dates.
create function public.complete_withdrawal(withdrawal_reference text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  who text := nullif(pg_catalog.btrim(actor), '');
  withdrawal private.withdrawals;
  person_ids uuid[];
  referral_refs text[];
  consent_ids uuid[];
  consent_refs text[];
  erased_emails integer;
  erased_people integer;
begin
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  select w.* into withdrawal from private.withdrawals as w
   where w.reference = pg_catalog.upper(pg_catalog.btrim(withdrawal_reference))
     for update;
  if withdrawal.id is null then
    perform private.refuse('withdrawal_reference_not_found', 'withdrawal_reference');
  end if;
  if withdrawal.status = 'completed' then
    perform private.refuse('withdrawal_already_completed', 'withdrawal_reference');
  end if;

  -- Who to erase: the person matched when the request came in, and anyone matching now.
  person_ids := private.withdrawal_people(withdrawal.person_name, withdrawal.date_of_birth, withdrawal.dsr_reference);
  if withdrawal.person_id is not null and not (withdrawal.person_id = any (person_ids)) then
    person_ids := person_ids || withdrawal.person_id;
  end if;

  select coalesce(pg_catalog.array_agg(r.reference order by r.created_at), '{}') into referral_refs
    from private.referrals as r where r.person_id = any (person_ids);
  -- Consent records: those cited for the person, and those made for the same name and
  -- date of birth that no referral cited yet.
  select coalesce(pg_catalog.array_agg(c.id), '{}'), coalesce(pg_catalog.array_agg(c.reference order by c.created_at), '{}')
    into consent_ids, consent_refs
    from private.consents as c
   where c.person_id = any (person_ids)
      or (c.date_of_birth = withdrawal.date_of_birth
          and private.name_key(c.person_name) = private.name_key(withdrawal.person_name))
      or exists (select 1 from private.people as p
                  where p.id = any (person_ids) and p.date_of_birth = c.date_of_birth
                    and private.name_key(p.given_name || p.family_name) = private.name_key(c.person_name));

  -- Emails about them, sent or not (emails never name anyone, but they are theirs), and
  -- the sent emails about this request. An acknowledgement not yet sent still goes.
  delete from private.outbox as o
   where o.person_id = any (person_ids)
      or o.about_reference = any (referral_refs || consent_refs)
      or (o.about_reference = withdrawal.reference and o.status <> 'pending');
  get diagnostics erased_emails = row_count;

  delete from private.consents as c where c.id = any (consent_ids);
  -- Referrals go with the person (on delete cascade).
  delete from private.people as p where p.id = any (person_ids);
  get diagnostics erased_people = row_count;

  update private.withdrawals as w
     set status = 'completed', completed_at = now(), completed_by = who,
         person_name = null, date_of_birth = null, requester_name = null, requester_email = null,
         requester_phone = null, person_id = null
   where w.id = withdrawal.id;

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
