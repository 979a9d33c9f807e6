-- Foundations: the private schema, the shapes of values, reading a submission, errors
-- and the audit trail. Every domain's migration after this one builds on them.
--
-- The register's tables live in the schema `private`, which the Supabase Data API does
-- not expose. Nobody but the table owner reaches them: row level security is on for
-- every table (beside each table) with no policies, and no role is granted anything
-- there. The functions in `public` are the only way in; each is `security definer`
-- with `search_path = ''` (every name inside is schema-qualified, so nobody can shadow
-- one), runs as one transaction, and may be executed by `service_role` only (granted
-- beside each function). Contract: supabase/API.md, checked against pg_proc by
-- test/db/api-contract.test.ts.
--
-- The database enforces what it can even though the functions check first: a bug in a
-- function, or a hand-written fix by the team, still cannot store a rating that does
-- not exist or an NHS number with a wrong check digit.

-- pgcrypto gives gen_random_bytes. Supabase keeps extensions in the schema `extensions`
-- (where pgcrypto already is, so this is a no-op there); locally we make it so.
create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;

create schema if not exists private;
revoke all on schema private from public;
revoke all on schema private from anon, authenticated, service_role;

-- =================================================================================
-- Functions: helpers for constraints and functions
--
-- Every name in them is schema-qualified, and only the table owner can call them
-- (lockdown revokes EXECUTE from everyone else), so they run under the empty
-- search_path of the public API functions. They carry no `set search_path` of their own
-- on purpose: that clause costs a settings save and restore on every call and stops
-- PostgreSQL inlining a SQL function.
--
-- Those used in CHECK constraints are PL/pgSQL: PostgreSQL prepares a table's check
-- constraints afresh for every INSERT or UPDATE statement, and inlining a SQL function
-- there means parsing its body each time. Together these choices made submit_referral
-- several times faster (see BENCHMARKS.md).

-- Today's date in England: "in the future" means after this.
create function private.today() returns date
language plpgsql stable as $$
begin
  return (pg_catalog.statement_timestamp() at time zone 'Europe/London')::date;
end
$$;

-- A name folded for matching: case, spaces, hyphens, apostrophes and full stops ignored.
-- (SQL, so it inlines into the queries that use it and matches the index on it.)
create function private.name_key(name text) returns text
language sql immutable as $$
  select pg_catalog.lower(pg_catalog.regexp_replace(name, '[[:space:]''’.-]+', '', 'g'))
$$;

-- An NHS number: 10 digits, the last being the Modulus 11 check digit of the first nine
-- (a check value of 10 means the number cannot exist; 11 means 0).
create function private.nhs_number_is_valid(nhs_number text) returns boolean
language plpgsql immutable strict as $$
declare
  total integer := 0;
begin
  if nhs_number !~ '^[0-9]{10}$' then return false; end if;
  for position in 1..9 loop
    total := total + pg_catalog.substr(nhs_number, position, 1)::integer * (11 - position);
  end loop;
  return (11 - total % 11) % 11 = pg_catalog.substr(nhs_number, 10, 1)::integer;
end
$$;

-- A list of short free-text items (what a form's checkboxes send), one line each.
create function private.short_items_are_valid(items text[], max_items integer, max_length integer) returns boolean
language plpgsql immutable strict as $$
declare
  item text;
begin
  if pg_catalog.cardinality(items) > max_items then return false; end if;
  foreach item in array items loop
    if item is null or pg_catalog.length(pg_catalog.btrim(item)) = 0 or pg_catalog.length(item) > max_length
       or item ~ '[[:cntrl:]]' then
      return false;
    end if;
  end loop;
  return true;
end
$$;

-- An email address we are willing to write into an outbox row: one @, a dot in the
-- domain, and nothing that could break out of a mail header.
create function private.email_is_valid(email text) returns boolean
language plpgsql immutable strict as $$
begin
  return pg_catalog.length(email) <= 254
     and email ~ '^[^@[:space:][:cntrl:]<>,;"()]+@[^@[:space:][:cntrl:]<>,;"()]+\.[^@[:space:][:cntrl:]<>,;"().]+$';
end
$$;

-- =================================================================================
-- Tables: the shapes of values, as domains
--
-- Each rule is written once and holds in every column of that shape. (They are also
-- cheaper than column CHECKs: PostgreSQL keeps a domain's checks ready between
-- statements, but re-reads a table's CHECKs for every INSERT, and submit_referral
-- inserts into four tables.)

-- Text that is not blank, up to a length. "line" is one line: no control characters.
create domain private.line_100 as text
  check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 100 and value !~ '[[:cntrl:]]');
create domain private.line_200 as text
  check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 200 and value !~ '[[:cntrl:]]');
create domain private.text_500 as text check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 500);
create domain private.text_2000 as text check (value ~ '[^[:space:]]' and pg_catalog.length(value) <= 2000);

-- A date not in the future (in England), nor before 1900.
create domain private.past_date as date
  check (value >= date '1900-01-01' and value <= (pg_catalog.statement_timestamp() at time zone 'Europe/London')::date);

create domain private.email_address as text check (value = pg_catalog.lower(value) and private.email_is_valid(value));
create domain private.phone_number as text check (value ~ '^\+?[0-9 ().-]{7,30}$');
create domain private.nhs_number as text check (private.nhs_number_is_valid(value));
-- A UK postcode as stored: upper case, one space before the last three characters.
create domain private.postcode as text check (value ~ '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$');

create domain private.consent_basis as text check (value in ('consented', 'parental_responsibility', 'best_interests'));

-- =================================================================================
-- Functions: errors
--
-- One vocabulary with the forms: a problem with an answer raises SQLSTATE 22023 with
-- message = the form's own error code (`required`, `too_long`, `format`, `not_real`,
-- `in_future`, `before_birth`, `check_digit` …) and detail = the form's field name
-- (`nhsNumber`), so src/forms/messages.ts words it as if the form had caught it.
-- What no form sends (a wrong JSON type, a control character, a missing setting) is
-- `payload_invalid`: the caller's fault, answered with a 503. A refusal about the state
-- of the register (an expired sign-in link, a consent record not found) raises P0001,
-- with the field's name when it is about one answer. Either way nothing changes.
-- test/unit/error-vocabulary.test.ts collects every code raised here and checks that
-- each answer's code has words in the form's messages.

create function private.invalid(problem text, field text) returns void
language plpgsql as $$
begin
  raise exception using errcode = '22023', message = problem, detail = field;
end
$$;

create function private.refuse(problem text, field text default null) returns void
language plpgsql as $$
begin
  if field is null then
    raise exception using errcode = 'P0001', message = problem;
  end if;
  raise exception using errcode = 'P0001', message = problem, detail = field;
end
$$;

-- =================================================================================
-- Functions: reading a submission
--
-- Submissions take one `payload jsonb` with the form's camelCase fields. Each reader
-- takes the field's name, trims it, and raises the form's own code for that field.

create function private.payload_object(payload jsonb) returns jsonb
language plpgsql immutable as $$
begin
  if payload is null or pg_catalog.jsonb_typeof(payload) <> 'object' then
    perform private.invalid('payload_invalid', '');
  end if;
  return payload;
end
$$;

-- An answer as text, trimmed; absent, JSON null and blank all read as null.
create function private.answer_text(payload jsonb, field text) returns text
language plpgsql immutable as $$
declare
  value jsonb := payload -> field;
begin
  if value is not null and pg_catalog.jsonb_typeof(value) not in ('string', 'null') then
    perform private.invalid('payload_invalid', field);
  end if;
  return nullif(pg_catalog.btrim(value #>> '{}', E' \t\r\n'), '');
end
$$;

-- A text field, up to a length. Single-line fields refuse control characters (they may
-- end up in an email subject); multi-line ones allow line breaks and tabs only. The
-- forms remove both before they send.
create function private.text_field(payload jsonb, field text, max_length integer,
                                   required boolean, multiline boolean default false) returns text
language plpgsql immutable as $$
declare
  result text := private.answer_text(payload, field);
begin
  if result is null then
    if required then perform private.invalid('required', field); end if;
    return null;
  end if;
  if pg_catalog.length(result) > max_length then
    perform private.invalid('too_long', field);
  end if;
  if (multiline and result ~ E'[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]')
     or (not multiline and result ~ '[[:cntrl:]]') then
    perform private.invalid('payload_invalid', field);
  end if;
  return result;
end
$$;

-- One of a fixed set of values (the form's radios): anything else reads as no answer.
create function private.choice_field(payload jsonb, field text, choices text[], required boolean) returns text
language plpgsql immutable as $$
declare
  result text := private.answer_text(payload, field);
begin
  if (result is null and required) or not (result = any (choices)) then
    perform private.invalid('required', field);
  end if;
  return result;
end
$$;

-- YYYY-MM-DD and a real calendar date, checked without casting so a bad date is our
-- error code rather than a cast failure.
create function private.parse_date(value text) returns date
language sql stable as $$
  select case
    when value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then null
    when pg_catalog.substr(value, 1, 4)::int < 1 or pg_catalog.substr(value, 6, 2)::int not between 1 and 12 then null
    when pg_catalog.substr(value, 9, 2)::int not between 1 and pg_catalog.date_part('day',
           pg_catalog.make_date(pg_catalog.substr(value, 1, 4)::int, pg_catalog.substr(value, 6, 2)::int, 1)
           + interval '1 month' - interval '1 day')::int then null
    else value::date end
$$;

-- A date, not in the future, nor before `earliest`.
create function private.date_field(payload jsonb, field text, required boolean, earliest date default date '1900-01-01') returns date
language plpgsql stable as $$
declare
  value text := private.answer_text(payload, field);
  result date;
begin
  if value is null then
    if required then perform private.invalid('required', field); end if;
    return null;
  end if;
  result := private.parse_date(value);
  if result is null then perform private.invalid('not_real', field); end if;
  if result > private.today() then perform private.invalid('in_future', field); end if;
  if result < earliest then perform private.invalid('too_early', field); end if;
  return result;
end
$$;

-- A date of birth: at most 120 years ago, as the forms ask.
create function private.birth_date_field(payload jsonb, field text) returns date
language plpgsql stable as $$
begin
  return private.date_field(payload, field, true, (private.today() - interval '120 years')::date);
end
$$;

-- A box that must be ticked (JSON true); anything else reads as not ticked.
create function private.agreement_field(payload jsonb, field text) returns boolean
language plpgsql immutable as $$
begin
  if (payload -> field) is distinct from 'true'::jsonb then
    perform private.invalid('required', field);
  end if;
  return true;
end
$$;

-- A true/false value the caller works out (not a question on a form).
create function private.flag_field(payload jsonb, field text) returns boolean
language plpgsql immutable as $$
begin
  if pg_catalog.jsonb_typeof(payload -> field) is distinct from 'boolean' then
    perform private.invalid('payload_invalid', field);
  end if;
  return (payload ->> field)::boolean;
end
$$;

-- An id the caller or the page sets (not typed by a person).
create function private.uuid_field(payload jsonb, field text, required boolean) returns uuid
language plpgsql immutable as $$
declare
  value text := private.answer_text(payload, field);
begin
  if (value is null and required)
     or value !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    perform private.invalid('payload_invalid', field);
  end if;
  return value::uuid;
end
$$;

-- Ticked checkboxes (and "another service" typed in), each trimmed: at least
-- `min_items`; any that is not one of the choices reads as no answer.
create function private.list_field(payload jsonb, field text, min_items integer,
                                   max_items integer, max_length integer) returns text[]
language plpgsql immutable as $$
declare
  value jsonb := payload -> field;
  result text[];
  all_text boolean;
begin
  if value is null or pg_catalog.jsonb_typeof(value) = 'null' then
    value := '[]';
  elsif pg_catalog.jsonb_typeof(value) <> 'array' then
    perform private.invalid('payload_invalid', field);
  end if;
  select coalesce(pg_catalog.array_agg(pg_catalog.btrim(item #>> '{}', E' \t\r\n') order by position), '{}'),
         coalesce(pg_catalog.bool_and(pg_catalog.jsonb_typeof(item) = 'string'), true)
    into result, all_text
    from pg_catalog.jsonb_array_elements(value) with ordinality as items (item, position);
  if not all_text then
    perform private.invalid('payload_invalid', field);
  end if;
  if pg_catalog.cardinality(result) < min_items or not private.short_items_are_valid(result, max_items, max_length) then
    perform private.invalid('required', field);
  end if;
  return result;
end
$$;

create function private.email_field(payload jsonb, field text, required boolean) returns text
language plpgsql immutable as $$
declare
  result text := pg_catalog.lower(private.text_field(payload, field, 254, required));
begin
  if result is not null and not private.email_is_valid(result) then
    perform private.invalid('format', field);
  end if;
  return result;
end
$$;

-- A phone number: 7 to 15 digits once spaces, brackets, dots and hyphens are set aside
-- (the form checks the UK shapes more closely).
create function private.phone_field(payload jsonb, field text) returns text
language plpgsql immutable as $$
declare
  result text := private.answer_text(payload, field);
begin
  if pg_catalog.length(result) > 30 then
    perform private.invalid('too_long', field);
  end if;
  if result is not null and (result !~ '^\+?[0-9 ().-]{7,30}$'
       or pg_catalog.length(pg_catalog.regexp_replace(result, '[^0-9]', '', 'g')) not between 7 and 15) then
    perform private.invalid('format', field);
  end if;
  return result;
end
$$;

-- The DSR team's address, which the caller reads from DSR_TEAM_EMAIL.
create function private.team_email(payload jsonb) returns text
language plpgsql immutable as $$
declare
  result text := pg_catalog.lower(pg_catalog.btrim(payload ->> 'teamEmail'));
begin
  if result is null or not private.email_is_valid(result) then
    perform private.invalid('payload_invalid', 'teamEmail');
  end if;
  return result;
end
$$;

-- =================================================================================
-- Tables: the audit trail
--
-- What happened, by whom, about which references. Never personal details.
create table private.audit_events (
  id bigint generated always as identity primary key,
  happened_at timestamptz not null default now(),
  action text not null check (action ~ '^[a-z_]{1,60}$'),
  actor private.line_200,
  refs text[] not null default '{}',
  detail jsonb not null default '{}' check (jsonb_typeof(detail) = 'object')
);
create index audit_events_when on private.audit_events (happened_at);
alter table private.audit_events enable row level security;

create function private.audit(action text, actor text, refs text[], detail jsonb default '{}') returns void
language plpgsql as $$
begin
  insert into private.audit_events (action, actor, refs, detail) values (action, actor, refs, detail);
end
$$;

-- =================================================================================
-- Functions: the API

-- GET /api/health: the database answers, through the same API as everything else (so
-- it works over either transport), and reads nothing.
create function public.health() returns jsonb
language sql security definer set search_path = '' as $$
  select pg_catalog.jsonb_build_object('database', 'ok')
$$;
revoke all on function public.health() from public, anon, authenticated;
grant execute on function public.health() to service_role;
