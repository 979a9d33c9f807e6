-- The outbox and the rate limits: emails waiting to be sent, written in the same
-- transaction as the record they are about, and fixed-window counters for the forms.
-- Also the daily tidy-up (purge_expired).

-- =================================================================================
-- Tables

-- What an email may say, as facts for its template (src/server/emails/): references,
-- ratings, areas, dates, counts and codes, and the account details the team needs to
-- approve an account. Never a name, date of birth, NHS number, address or free text
-- about a person: a key outside this list is refused, and so is any value longer than
-- a line. test/unit/emails.test.ts checks every template asks for no fact outside it.
create function private.email_facts_are_safe(facts jsonb) returns boolean
language plpgsql immutable strict as $$
declare
  fact record;
begin
  if pg_catalog.jsonb_typeof(facts) <> 'object' then return false; end if;
  for fact in select key, value from pg_catalog.jsonb_each(facts) loop
    if not (fact.key = any (array[
         'reference', 'rating', 'ratingAgreedOn', 'area', 'ageGroup', 'livesIn', 'keyworkerEligible', 'reviewType', 'hasEhcp',
         'consentBasis', 'consentReference', 'existingPerson', 'previousRating', 'previousAgreedOn',
         'jobTitle', 'organisation', 'accountEmail', 'accountStatus',
         'decision', 'decisionDate', 'dsrReference', 'requesterRelationship', 'contactBy', 'matchedPeople',
         'possibleMatch', 'nhsNumberConflict', 'possibleEntries', 'outcome',
         'updatedEntry', 'ratingBefore', 'ratingNow',
         -- The weekly digest of overdue actions (20261125000880_meetings.sql).
         'isoWeek', 'overdueActions', 'overdueReferences'])) then
      return false;
    end if;
    -- Values are single facts: no objects, and no text longer than a line (254 characters,
    -- the longest email address: the account details the team approves).
    if pg_catalog.jsonb_typeof(fact.value) = 'object'
       or exists (select 1
                    from pg_catalog.jsonb_array_elements(case when pg_catalog.jsonb_typeof(fact.value) = 'array'
                                                              then fact.value else pg_catalog.jsonb_build_array(fact.value) end) as item
                   where pg_catalog.jsonb_typeof(item) not in ('string', 'number', 'boolean')
                      or pg_catalog.length(item #>> '{}') > 254) then
      return false;
    end if;
  end loop;
  return true;
end
$$;

-- They tie to what they are about through `person_id` / `about_reference`, so erasure
-- can remove them.
create table private.outbox (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique check (length(idempotency_key) between 1 and 200),
  kind text not null check (kind ~ '^[a-z_]{1,60}$'),
  recipient private.email_address not null,
  facts jsonb not null default '{}' check (private.email_facts_are_safe(facts)),
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
alter table private.outbox enable row level security;

-- Fixed-window counters for hit_rate_limit. Keys are chosen by the caller (hash IPs).
create table private.rate_limits (
  key text primary key check (length(key) between 1 and 200),
  window_started_at timestamptz not null,
  window_seconds integer not null check (window_seconds between 1 and 604800),
  hits integer not null check (hits >= 1)
);
alter table private.rate_limits enable row level security;

-- =================================================================================
-- Functions

-- The one way an email is written: its kind (the template that draws it), who it goes
-- to, and the facts it says.
create function private.queue_email(email_kind text, recipient text, facts jsonb, urgent boolean,
                                    idempotency_key text, person_id uuid, about_reference text) returns void
language plpgsql as $$
begin
  insert into private.outbox (kind, recipient, facts, urgent, idempotency_key, person_id, about_reference)
  values (email_kind, recipient, pg_catalog.jsonb_strip_nulls(facts), urgent, idempotency_key, person_id, about_reference);
end
$$;

create function public.hit_rate_limit(key text, max_hits integer, window_seconds integer) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  counted record;
  hit_at timestamptz := pg_catalog.clock_timestamp();
begin
  if key is null or pg_catalog.length(key) not between 1 and 200 or max_hits is null or max_hits < 1
     or window_seconds is null or window_seconds not between 1 and 604800 then
    perform private.invalid('rate_limit_arguments_invalid', 'key');
  end if;
  -- One statement, so concurrent hits on one key queue on its row and each counts once.
  insert into private.rate_limits as l (key, window_started_at, window_seconds, hits)
  values (key, hit_at, window_seconds, 1)
  on conflict on constraint rate_limits_pkey do update set
    hits = case when l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) > hit_at
                then l.hits + 1 else 1 end,
    window_started_at = case when l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) > hit_at
                             then l.window_started_at else hit_at end,
    window_seconds = excluded.window_seconds
  returning l.hits, l.window_started_at + pg_catalog.make_interval(secs => l.window_seconds) as window_ends_at
    into counted;
  return pg_catalog.jsonb_build_object(
    'limited', counted.hits > max_hits,
    'hits', counted.hits,
    'retryAfterSeconds', case when counted.hits > max_hits
      then greatest(1, pg_catalog.ceil(pg_catalog.date_part('epoch', counted.window_ends_at - hit_at)))::integer
      else 0 end);
end
$$;
-- Supabase grants EXECUTE on new functions in `public` to anon and authenticated by
-- default, and PostgreSQL grants it to PUBLIC: each function takes both away and gives
-- it to service_role alone, here beside it.
revoke all on function public.hit_rate_limit(text, integer, integer) from public, anon, authenticated;
grant execute on function public.hit_rate_limit(text, integer, integer) to service_role;

create function public.claim_outbox(batch_size integer default 20, visibility_seconds integer default 120)
returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  claimed jsonb;
begin
  if batch_size is null or batch_size not between 1 and 500
     or visibility_seconds is null or visibility_seconds not between 1 and 86400 then
    perform private.invalid('outbox_arguments_invalid', 'batch_size');
  end if;
  -- skip locked: several senders at once each take different emails. Claimed emails are
  -- hidden until the visibility timeout; a sender that dies leaves them to come back.
  with due as (
    select o.id from private.outbox as o
     where o.status = 'pending' and o.available_at <= now()
     order by o.urgent desc, o.created_at
     limit batch_size
       for update skip locked
  ), taken as (
    update private.outbox as o
       set attempts = o.attempts + 1,
           available_at = now() + pg_catalog.make_interval(secs => visibility_seconds)
      from due where o.id = due.id
    returning o.id, o.recipient, o.kind, o.facts, o.urgent, o.idempotency_key, o.attempts, o.created_at
  )
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'id', t.id, 'to', t.recipient, 'kind', t.kind, 'facts', t.facts,
           'urgent', t.urgent, 'idempotencyKey', t.idempotency_key, 'attempts', t.attempts)
         order by t.urgent desc, t.created_at), '[]'::jsonb)
    into claimed
    from taken as t;
  return claimed;
end
$$;
revoke all on function public.claim_outbox(integer, integer) from public, anon, authenticated;
grant execute on function public.claim_outbox(integer, integer) to service_role;

-- A batch of sent emails marked in one call (the sender's batch: claim_outbox, then
-- this once), instead of one mark_outbox_sent each. `sent` is a jsonb array of
-- {id, providerMessageId?}. All or nothing: an unknown id refuses the whole call.
-- Idempotent, like mark_outbox_sent, which is this with one email.
create function public.mark_outbox_sent_many(sent jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  wanted integer;
  marked integer;
begin
  if sent is null or pg_catalog.jsonb_typeof(sent) is distinct from 'array'
     or pg_catalog.jsonb_array_length(sent) not between 1 and 500
     or exists (
       select from pg_catalog.jsonb_array_elements(sent) as e(item)
        where pg_catalog.jsonb_typeof(e.item) is distinct from 'object'
           or pg_catalog.jsonb_typeof(e.item -> 'id') is distinct from 'string'
           or (e.item ->> 'id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
           or coalesce(pg_catalog.jsonb_typeof(e.item -> 'providerMessageId'), 'null') not in ('string', 'null')) then
    perform private.invalid('outbox_arguments_invalid', 'sent');
  end if;
  with given as (
    select distinct on ((e.item ->> 'id')::uuid) (e.item ->> 'id')::uuid as id, e.item ->> 'providerMessageId' as provider_message_id
      from pg_catalog.jsonb_array_elements(sent) as e(item)
     order by (e.item ->> 'id')::uuid, (e.item ->> 'providerMessageId') nulls last
  ), updated as (
    update private.outbox as o
       set status = 'sent',
           sent_at = coalesce(o.sent_at, now()),
           provider_message_id = coalesce(pg_catalog.left(g.provider_message_id, 200), o.provider_message_id),
           needs_attention = false,
           last_error = case when o.status = 'sent' then o.last_error end
      from given as g
     where o.id = g.id
    returning o.id
  )
  select (select count(*) from given), (select count(*) from updated) into wanted, marked;
  if marked <> wanted then
    -- Raising undoes the update above: nothing in the batch is marked.
    perform private.refuse('outbox_message_not_found');
  end if;
  return pg_catalog.jsonb_build_object('status', 'sent', 'count', marked);
end
$$;
revoke all on function public.mark_outbox_sent_many(jsonb) from public, anon, authenticated;
grant execute on function public.mark_outbox_sent_many(jsonb) to service_role;

create function public.mark_outbox_sent(id uuid, provider_message_id text default null) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
begin
  perform public.mark_outbox_sent_many(pg_catalog.jsonb_build_array(
    pg_catalog.jsonb_build_object('id', id, 'providerMessageId', provider_message_id)));
  return pg_catalog.jsonb_build_object('id', id, 'status', 'sent');
end
$$;
revoke all on function public.mark_outbox_sent(uuid, text) from public, anon, authenticated;
grant execute on function public.mark_outbox_sent(uuid, text) to service_role;

create function public.mark_outbox_failed(id uuid, error text, max_attempts integer default 10) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  message record;
begin
  if max_attempts is null or max_attempts < 1 then
    perform private.invalid('outbox_arguments_invalid', 'max_attempts');
  end if;
  -- Backoff doubles from one minute and is never more than 24 hours.
  update private.outbox as o
     set last_error = pg_catalog.left(coalesce(mark_outbox_failed.error, 'unknown error'), 500),
         status = case when o.attempts >= max_attempts then 'failed' else 'pending' end,
         needs_attention = o.attempts >= max_attempts,
         available_at = now() + least(
           pg_catalog.make_interval(secs => 60 * pg_catalog.power(2, least(greatest(o.attempts, 1) - 1, 20))),
           interval '24 hours')
   where o.id = mark_outbox_failed.id and o.status = 'pending'
  returning o.id, o.status, o.attempts, o.available_at, o.kind, o.about_reference into message;
  if message.id is null then
    -- Already sent or already given up: say so and change nothing.
    select o.id, o.status, o.attempts, o.available_at into message
      from private.outbox as o where o.id = mark_outbox_failed.id;
    if message.id is null then
      perform private.refuse('outbox_message_not_found');
    end if;
  elsif message.status = 'failed' then
    perform private.audit('email_gave_up', null,
      case when message.about_reference is null then '{}'::text[] else array[message.about_reference] end,
      pg_catalog.jsonb_build_object('outboxId', message.id, 'kind', message.kind, 'attempts', message.attempts));
  end if;
  return pg_catalog.jsonb_build_object(
    'id', message.id, 'status', message.status, 'attempts', message.attempts,
    'nextAttemptAt', case when message.status = 'pending' then message.available_at end);
end
$$;
revoke all on function public.mark_outbox_failed(uuid, text, integer) from public, anon, authenticated;
grant execute on function public.mark_outbox_failed(uuid, text, integer) to service_role;

-- Spent sign-in links, ended sessions (accounts), stale counters and old sent emails.
-- Run every minute with the deliver job.
create function public.purge_expired() returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  tokens integer;
  sessions integer;
  limits integer;
  emails integer;
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
  return pg_catalog.jsonb_build_object('signInTokens', tokens, 'sessions', sessions, 'rateLimits', limits,
                                       'sentEmails', emails);
end
$$;
revoke all on function public.purge_expired() from public, anon, authenticated;
grant execute on function public.purge_expired() to service_role;

-- =================================================================================
-- Functions: the console (emails that need attention, on Today)

-- What Today shows of an email that needs the team: its kind, the record's reference,
-- its attempts and the last error (with anything shaped like an address taken out, and
-- a line at most). Never the recipient. Emails that failed for good, and those still
-- retrying more than an hour after they were written.
create function private.emails_needing_attention() returns jsonb
language sql stable as $$
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
           'id', o.id, 'kind', o.kind, 'reference', o.about_reference, 'status', o.status,
           'attempts', o.attempts, 'createdAt', o.created_at,
           'lastError', pg_catalog.left(pg_catalog.regexp_replace(o.last_error, '[^[:space:]]*@[^[:space:]]*', '(address)', 'g'), 120))
         order by o.created_at), '[]')
    from private.outbox as o
   where o.status = 'failed'
      or (o.status = 'pending' and o.attempts > 0 and o.created_at < pg_catalog.now() - interval '1 hour')
$$;

-- "Send again", from Today: the email's attempts start again from nought and it is due
-- now, so the deliver job (and the send straight after this answer) tries it again.
-- Takes the session token and checks the team role inside (private.team_member_for, from
-- the team migration, looked up when called; the member is a `record`, as the type
-- private.team_members is made there too). Audited by the email's reference and kind.
-- An email already sent is `email_already_sent`; one already waiting to be sent again
-- (another team member pressed first) is `email_already_queued`; both change nothing.
create function public.team_send_email_again(session_token text, outbox_id uuid) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  member record := private.team_member_for(session_token);
  email private.outbox;
begin
  select o.* into email from private.outbox as o where o.id = outbox_id for update;
  if email.id is null then
    perform private.refuse('email_not_found', 'outbox_id');
  end if;
  if email.status = 'sent' then
    perform private.refuse('email_already_sent', 'outbox_id');
  end if;
  if email.status = 'pending' and email.attempts = 0 then
    perform private.refuse('email_already_queued', 'outbox_id');
  end if;
  update private.outbox as o
     set status = 'pending', attempts = 0, needs_attention = false, available_at = pg_catalog.now()
   where o.id = email.id;
  perform private.audit('email_sent_again', private.team_actor(member),
    case when email.about_reference is null then '{}'::text[] else array[email.about_reference] end,
    pg_catalog.jsonb_build_object('outboxId', email.id, 'kind', email.kind, 'attempts', email.attempts));
  return pg_catalog.jsonb_build_object('id', email.id, 'kind', email.kind, 'status', 'pending');
end
$$;
revoke all on function public.team_send_email_again(text, uuid) from public, anon, authenticated;
grant execute on function public.team_send_email_again(text, uuid) to service_role;
