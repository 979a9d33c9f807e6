-- Accounts: professionals, their one-time sign-in links and their sessions. A
-- registration's details take effect only when the owner proves the address by following
-- the first sign-in link (emailed on registering); until then a later registration for the
-- same address replaces them, and nothing about it reaches the DSR team. Once proven, an
-- account from an allowed email domain is active at once; any other waits for the team to
-- approve it. Nothing here ever tells a caller whether an address has an account.
--
-- Inside plpgsql every column is qualified by its table's alias, so a parameter that
-- shares a column's name (email, id, key) can never be read as the column.

-- =================================================================================
-- Tables

create table private.professionals (
  id uuid primary key default gen_random_uuid(),
  email private.email_address not null unique,
  full_name private.line_200 not null,
  job_title private.line_200 not null,
  organisation private.line_200 not null,
  area private.line_100 not null,
  phone private.phone_number,
  status text not null check (status in ('pending_approval', 'active')),
  agreed_to_responsibilities_at timestamptz not null,
  created_at timestamptz not null default now(),
  approved_at timestamptz,
  approved_by private.line_200,
  -- When the owner first followed a sign-in link sent to the address; null until then.
  proven_at timestamptz,
  -- Where to ask for approval (the setting when they registered), once the address is proven.
  team_email private.email_address,
  check ((status = 'active') = (approved_at is not null and approved_by is not null))
);
alter table private.professionals enable row level security;

-- One-time sign-in links: 10 minutes, single use, bound to the address they were sent to.
-- Asking for a link for an address without an account stores a token too (with no
-- professional, so it can never be used): the work, and so the time, is the same.
create table private.sign_in_tokens (
  token_hash bytea primary key check (length(token_hash) = 32),
  professional_id uuid references private.professionals (id) on delete cascade,
  email private.email_address not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at and expires_at <= created_at + interval '10 minutes')
);
create index sign_in_tokens_professional on private.sign_in_tokens (professional_id);
alter table private.sign_in_tokens enable row level security;

-- Signed-in sessions: 30 minutes idle (sliding), 8 hours at most from sign-in.
create table private.sessions (
  session_hash bytea primary key check (length(session_hash) = 32),
  professional_id uuid not null references private.professionals (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  absolute_expires_at timestamptz not null,
  ended_at timestamptz,
  check (absolute_expires_at > created_at and absolute_expires_at <= created_at + interval '8 hours'),
  check (last_seen_at >= created_at)
);
create index sessions_professional on private.sessions (professional_id);
alter table private.sessions enable row level security;

-- =================================================================================
-- Functions: helpers

-- 32 random bytes (256 bits) as base64url: the raw sign-in token or session token.
create function private.new_token() returns text
language sql volatile as $$
  select pg_catalog.rtrim(pg_catalog.translate(pg_catalog.encode(extensions.gen_random_bytes(32), 'base64'), '+/', '-_'), '=')
$$;

-- What is stored instead of a token: its SHA-256.
create function private.token_hash(token text) returns bytea
language sql immutable as $$
  select pg_catalog.sha256(pg_catalog.convert_to(token, 'UTF8'))
$$;

-- A one-time sign-in token for the address: only its hash is stored; the raw token is
-- returned for the caller to email (or thrown away when `professional_id` is null).
create function private.issue_sign_in_token(professional_id uuid, address text) returns jsonb
language plpgsql volatile as $$
declare
  token text := private.new_token();
  expires_at timestamptz := now() + interval '10 minutes';
begin
  insert into private.sign_in_tokens (token_hash, professional_id, email, created_at, expires_at)
  values (private.token_hash(token), professional_id, address, now(), expires_at);
  return pg_catalog.jsonb_build_object('token', token, 'expiresAt', expires_at);
end
$$;

-- The referrer or recorder: their account must exist, be active and proven.
create function private.active_professional(payload jsonb) returns private.professionals
language plpgsql stable as $$
declare
  professional private.professionals;
begin
  select p.* into professional
    from private.professionals as p
   where p.id = private.uuid_field(payload, 'professionalId', true);
  if professional.id is null or professional.status <> 'active' or professional.proven_at is null then
    perform private.refuse('professional_not_active');
  end if;
  return professional;
end
$$;

-- =================================================================================
-- Functions: the API

-- payload: fullName, email, jobTitle, organisation, area, phone?, agreedToResponsibilities,
-- approvalNeeded (the caller's reading of ALLOWED_EMAIL_DOMAINS), teamEmail.
-- Returns the first sign-in link's token for the caller to email (it proves the address
-- and signs in at once), or null when the address is already proven: its owner is told
-- by email instead, and the caller answers the same way.
create function public.register_professional(payload jsonb) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  full_name text;
  address text;
  job_title text;
  organisation text;
  area text;
  phone text;
  approval_needed boolean;
  team_email text;
  professional private.professionals;
  replaced boolean := false;
  issued jsonb;
begin
  payload := private.payload_object(payload);
  full_name := private.text_field(payload, 'fullName', 200, true);
  address := private.email_field(payload, 'email', true);
  job_title := private.text_field(payload, 'jobTitle', 200, true);
  organisation := private.text_field(payload, 'organisation', 200, true);
  area := private.area_field(payload, 'area');
  phone := private.phone_field(payload, 'phone');
  perform private.agreement_field(payload, 'agreedToResponsibilities');
  approval_needed := private.flag_field(payload, 'approvalNeeded');
  -- Kept with the registration: the team hears of it only once the address is proven.
  team_email := private.team_email(payload);

  -- A registration nobody has proven yet is replaced whole by a later one: whoever
  -- registered first cannot keep an address's details from its owner.
  update private.professionals as p
     set full_name = full_name, job_title = job_title, organisation = organisation, area = area, phone = phone,
         status = case when approval_needed then 'pending_approval' else 'active' end,
         agreed_to_responsibilities_at = now(),
         approved_at = case when approval_needed then null else now() end,
         approved_by = case when approval_needed then null else 'allowed email domain' end,
         team_email = team_email
   where p.email = address and p.proven_at is null
  returning p.* into professional;
  replaced := professional.id is not null;
  if replaced then
    -- Links sent for the replaced details no longer prove anything.
    delete from private.sign_in_tokens as t where t.professional_id = professional.id and t.used_at is null;
  else
    insert into private.professionals as p
      (email, full_name, job_title, organisation, area, phone, status,
       agreed_to_responsibilities_at, approved_at, approved_by, team_email)
    values
      (address, full_name, job_title, organisation, area, phone,
       case when approval_needed then 'pending_approval' else 'active' end, now(),
       case when approval_needed then null else now() end,
       case when approval_needed then null else 'allowed email domain' end, team_email)
    on conflict on constraint professionals_email_key do nothing
    returning p.* into professional;
  end if;

  if professional.id is null then
    -- Already registered and proven: change nothing, and tell the address's owner rather
    -- than the person at the form, who may not be them.
    select p.* into professional from private.professionals as p where p.email = address;
    perform private.queue_email('account_exists', professional.email,
      pg_catalog.jsonb_build_object('accountStatus', professional.status),
      false, 'professional:' || professional.id || ':exists:' || gen_random_uuid(), null, null);
    -- The same writes as a new registration (a token, tied to nobody, and an audit event),
    -- so the time taken does not tell that the address was already proven.
    perform private.issue_sign_in_token(null, address);
    perform private.audit('registration_for_proven_address', null, '{}',
      pg_catalog.jsonb_build_object('professionalId', professional.id));
    return pg_catalog.jsonb_build_object('professionalId', null, 'status', professional.status, 'created', false,
                                         'token', null, 'expiresAt', null);
  end if;

  issued := private.issue_sign_in_token(professional.id, address);
  perform private.audit(case when replaced then 'unproven_registration_replaced' else 'professional_registered' end, null, '{}',
    pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', professional.status));
  return pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', professional.status, 'created', not replaced)
         || issued;
end
$$;
revoke all on function public.register_professional(jsonb) from public, anon, authenticated;
grant execute on function public.register_professional(jsonb) to service_role;

-- The raw token is returned once (the caller emails the link itself: the database never
-- stores a live credential); only its SHA-256 is kept. null when the address has no
-- account that may sign in, so the caller sends nothing but answers the same way; a token
-- is stored all the same (tied to nobody), so the time taken does not tell either.
-- An unproven registration may ask again: the link goes to the address, and proves it.
create function public.create_sign_in_token(email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  professional_id uuid;
  issued jsonb;
begin
  if address is null or not private.email_is_valid(address) then
    perform private.invalid('format', 'email');
  end if;
  select p.id into professional_id from private.professionals as p
   where p.email = address and (p.status = 'active' or p.proven_at is null);
  issued := private.issue_sign_in_token(professional_id, address);
  if professional_id is null then
    return pg_catalog.jsonb_build_object('token', null, 'expiresAt', null);
  end if;
  return issued;
end
$$;
revoke all on function public.create_sign_in_token(text) from public, anon, authenticated;
grant execute on function public.create_sign_in_token(text) to service_role;

-- Spends the token (only this, never opening the link) and starts a session. Every
-- problem is the link's (`token`): invalid, used or expired. The first link followed
-- proves the address: the registration's details take effect, and an account that
-- needs approval is only now shown to the DSR team (no session until they approve it).
create function public.redeem_sign_in_token(token text, email text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  found_token record;
  professional private.professionals;
  session_token text;
  signed_in_at timestamptz := now();
  absolute_expires_at timestamptz := now() + interval '8 hours';
begin
  if token is null or address is null then
    perform private.refuse('invalid', 'token');
  end if;
  -- Locked, so two clicks at once cannot both spend it.
  select t.professional_id, t.email, t.expires_at, t.used_at, p.email as account_email, p.status, p.proven_at
    into found_token
    from private.sign_in_tokens as t
    join private.professionals as p on p.id = t.professional_id
   where t.token_hash = private.token_hash(token)
     for update of t;
  if found_token is null or found_token.email <> address or found_token.account_email <> found_token.email
     or (found_token.status <> 'active' and found_token.proven_at is not null) then
    perform private.refuse('invalid', 'token');
  end if;
  if found_token.used_at is not null then
    perform private.refuse('used', 'token');
  end if;
  if found_token.expires_at <= pg_catalog.clock_timestamp() then
    perform private.refuse('expired', 'token');
  end if;
  update private.sign_in_tokens as t set used_at = now() where t.token_hash = private.token_hash(token);

  if found_token.proven_at is null then
    update private.professionals as p set proven_at = now()
     where p.id = found_token.professional_id and p.proven_at is null
    returning p.* into professional;
    perform private.audit('address_proven', found_token.professional_id::text, '{}');
    if professional.status = 'pending_approval' then
      perform private.queue_email('account_approval_needed', professional.team_email,
        pg_catalog.jsonb_build_object('accountEmail', professional.email, 'jobTitle', professional.job_title,
                                      'organisation', professional.organisation, 'area', professional.area),
        false, 'professional:' || professional.id || ':approval_needed', null, null);
      perform private.queue_email('account_pending', professional.email, '{}',
        false, 'professional:' || professional.id || ':pending', null, null);
      return pg_catalog.jsonb_build_object('sessionToken', null, 'professionalId', null, 'approvalNeeded', true);
    end if;
  end if;

  session_token := private.new_token();
  insert into private.sessions (session_hash, professional_id, created_at, last_seen_at, absolute_expires_at)
  values (private.token_hash(session_token), found_token.professional_id, signed_in_at, signed_in_at, absolute_expires_at);
  perform private.audit('signed_in', found_token.professional_id::text, '{}');
  return pg_catalog.jsonb_build_object(
    'sessionToken', session_token,
    'professionalId', found_token.professional_id,
    'approvalNeeded', false,
    'idleExpiresAt', signed_in_at + interval '30 minutes',
    'absoluteExpiresAt', absolute_expires_at);
end
$$;
revoke all on function public.redeem_sign_in_token(text, text) from public, anon, authenticated;
grant execute on function public.redeem_sign_in_token(text, text) to service_role;

-- Who is signed in; slides the 30-minute idle clock (never past the 8 hours).
create function public.read_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  hash bytea := private.token_hash(session_token);
  seen_at timestamptz := pg_catalog.clock_timestamp();
  live record;
  stale record;
begin
  -- One statement checks both limits and slides the idle clock.
  update private.sessions as s set last_seen_at = seen_at
    from private.professionals as p
   where s.session_hash = hash and p.id = s.professional_id
     and s.ended_at is null
     and s.last_seen_at + interval '30 minutes' > seen_at
     and s.absolute_expires_at > seen_at
     and p.status = 'active'
  returning p.id, p.email, p.full_name, p.job_title, p.organisation, p.area, s.absolute_expires_at
    into live;
  if live is null then
    select s.ended_at, p.status into stale
      from private.sessions as s join private.professionals as p on p.id = s.professional_id
     where s.session_hash = hash;
    if stale is null or stale.ended_at is not null then
      perform private.refuse('session_invalid');
    elsif stale.status <> 'active' then
      perform private.refuse('professional_not_active');
    end if;
    perform private.refuse('session_expired');
  end if;
  return pg_catalog.jsonb_build_object(
    'professionalId', live.id,
    'email', live.email,
    'fullName', live.full_name,
    'jobTitle', live.job_title,
    'organisation', live.organisation,
    'area', live.area,
    'idleExpiresAt', least(seen_at + interval '30 minutes', live.absolute_expires_at),
    'absoluteExpiresAt', live.absolute_expires_at);
end
$$;
revoke all on function public.read_session(text) from public, anon, authenticated;
grant execute on function public.read_session(text) to service_role;

create function public.end_session(session_token text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  ended_count integer;
begin
  update private.sessions as s set ended_at = now()
   where s.session_hash = private.token_hash(session_token) and s.ended_at is null;
  get diagnostics ended_count = row_count;
  return pg_catalog.jsonb_build_object('ended', ended_count > 0);
end
$$;
revoke all on function public.end_session(text) from public, anon, authenticated;
grant execute on function public.end_session(text) to service_role;

-- For the DSR team (the SQL editor): an account that was waiting can be used.
create function public.approve_professional(email text, actor text) returns jsonb
language plpgsql security definer set search_path = '' as $$
#variable_conflict use_variable
declare
  address text := pg_catalog.lower(pg_catalog.btrim(email));
  who text := nullif(pg_catalog.btrim(actor), '');
  professional private.professionals;
begin
  if who is null or pg_catalog.length(who) > 200 then
    perform private.invalid('actor_missing', 'actor');
  end if;
  select p.* into professional from private.professionals as p where p.email = address for update;
  if professional.id is null then
    perform private.refuse('professional_not_found', 'email');
  end if;
  -- An unproven registration is nobody's yet: the team never saw it, and it may be replaced.
  if professional.status <> 'pending_approval' or professional.proven_at is null then
    perform private.refuse('professional_not_pending', 'email');
  end if;
  update private.professionals as p
     set status = 'active', approved_at = now(), approved_by = who
   where p.id = professional.id;
  perform private.queue_email('account_approved', professional.email, '{}',
    false, 'professional:' || professional.id || ':approved', null, null);
  perform private.audit('professional_approved', who, '{}',
    pg_catalog.jsonb_build_object('professionalId', professional.id));
  return pg_catalog.jsonb_build_object('professionalId', professional.id, 'status', 'active');
end
$$;
revoke all on function public.approve_professional(text, text) from public, anon, authenticated;
grant execute on function public.approve_professional(text, text) to service_role;

-- =================================================================================
-- Functions: which migrations the database has had
--
-- For GET /api/health and `npm start`: the names (version_name) the migration record
-- holds (the Supabase CLI's table, which scripts/database.ts writes too), so a database
-- the latest migrations have not reached is reported, with what is missing, instead of
-- answering healthy while every form fails. It is here rather than beside `health`
-- because this file is the accounts engineer's to edit; a database without it has had
-- no migration from this file on.
create function public.applied_migrations() returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return coalesce((select pg_catalog.jsonb_agg(m.version || '_' || m.name order by m.version)
                     from supabase_migrations.schema_migrations as m), '[]'::jsonb);
exception when undefined_table then
  return '[]'::jsonb;
end
$$;
revoke all on function public.applied_migrations() from public, anon, authenticated;
grant execute on function public.applied_migrations() to service_role;
