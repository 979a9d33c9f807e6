-- Consent: records of consent, or of a Best Interests Decision, made by a professional
-- before the referral that cites them (by their CON- reference).

-- =================================================================================
-- Tables

create table private.consents (
  id uuid primary key default gen_random_uuid(),
  reference private.consent_reference not null unique,
  professional_id uuid not null references private.professionals (id),
  -- Set when a referral cites this record; erasing the person erases the record
  -- (the foreign key is added with private.people, in people and referrals).
  person_id uuid,
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
alter table private.consents enable row level security;

-- =================================================================================
-- Functions

-- payload: professionalId (from read_session), personName, dateOfBirth, decision,
-- decisionMakerName? (parental responsibility), bestInterestsDecisionMakerName?, decisionMakerRole?, decisionDate? (today when left out),
-- consulted[], sharingWith[], teamEmail.
create function public.record_consent(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  professional private.professionals;
  person_name text;
  date_of_birth date;
  decision text;
  decision_maker_name text;
  decision_maker_role text;
  decision_date date;
  consulted text[];
  sharing_with text[];
  team_email text;
  reference text;
begin
  payload := private.payload_object(payload);
  professional := private.active_professional(payload);
  person_name := private.text_field(payload, 'personName', 200, true);
  date_of_birth := private.birth_date_field(payload, 'dateOfBirth');
  decision := private.choice_field(payload, 'decision', array['consented', 'parental_responsibility', 'best_interests'], true);
  -- The form asks the decision-maker's name in two places, one for each kind of decision.
  if decision = 'best_interests' then
    decision_maker_name := private.text_field(payload, 'bestInterestsDecisionMakerName', 200, true);
  elsif decision = 'parental_responsibility' then
    decision_maker_name := private.text_field(payload, 'decisionMakerName', 200, true);
  end if;
  decision_maker_role := private.text_field(payload, 'decisionMakerRole', 200, decision = 'best_interests');
  decision_date := coalesce(private.date_field(payload, 'decisionDate', false), private.today());
  if decision_date < date_of_birth then
    perform private.invalid('before_birth', 'decisionDate');
  end if;
  consulted := private.list_field(payload, 'consulted', case when decision = 'best_interests' then 1 else 0 end, 20, 100);
  sharing_with := private.list_field(payload, 'sharingWith', 1, 20, 100);
  team_email := private.team_email(payload);

  reference := private.new_reference('consent');
  insert into private.consents
    (reference, professional_id, person_name, date_of_birth, decision, decision_maker_name,
     decision_maker_role, decision_date, consulted, sharing_with)
  values
    (reference, professional.id, person_name, date_of_birth, decision, decision_maker_name,
     decision_maker_role, decision_date, consulted, sharing_with);

  perform private.queue_email('consent_recorded_team', team_email,
    pg_catalog.jsonb_build_object('reference', reference, 'decision', decision, 'decisionDate', decision_date,
                                  'jobTitle', professional.job_title, 'organisation', professional.organisation),
    false, 'consent:' || reference || ':team', null, reference);
  perform private.queue_email('consent_recorded_receipt', professional.email,
    pg_catalog.jsonb_build_object('reference', reference, 'decision', decision),
    false, 'consent:' || reference || ':receipt', null, reference);
  perform private.audit('consent_recorded', professional.id::text, array[reference],
    pg_catalog.jsonb_build_object('decision', decision));
  return pg_catalog.jsonb_build_object('reference', reference);
end
$$;
revoke all on function public.record_consent(jsonb) from public, anon, authenticated;
grant execute on function public.record_consent(jsonb) to service_role;
