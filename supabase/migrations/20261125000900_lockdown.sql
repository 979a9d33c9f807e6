-- Lockdown, last: whatever the migrations before it created, no role but the owner
-- reaches a table, a sequence or a helper. (Row level security is enabled beside each
-- table, and EXECUTE on each public function granted to service_role beside it; this
-- takes away anything a default privilege may have given since.) A later migration
-- that adds tables or helpers runs the same statements again at its end.

revoke all on all tables in schema private from public, anon, authenticated, service_role;
revoke all on all sequences in schema private from public, anon, authenticated, service_role;

-- The helpers in `private` are for the public functions only. PostgreSQL grants EXECUTE
-- on every new function to PUBLIC.
do $$
declare
  helper regprocedure;
begin
  for helper in
    select p.oid::regprocedure from pg_catalog.pg_proc as p
      join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
     where n.nspname = 'private'
  loop
    execute pg_catalog.format('revoke all on function %s from public, anon, authenticated, service_role', helper);
  end loop;
end
$$;
