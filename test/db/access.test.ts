// The Supabase Data API's roles, anon and authenticated, can read, write and execute
// nothing. Each protection is also shown to be what stops them: removed inside a
// transaction that is rolled back, the access it blocked goes through.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type postgres from 'postgres';
import { applyMigrations, listMigrations } from '../../scripts/database.ts';
import { todayInEngland } from '../../src/forms/dates.ts';
import { functions as apiFunctions } from '../../src/server/platform/database.ts';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, consentPayload, inRolledBackTransaction, referralPayload, registerProfessional, requestPayload, submit, withdrawalPayload } from './support.ts';

interface Table {
  schema: string;
  name: string;
  rls: boolean;
  /** Its first column, for an update that changes nothing. */
  column: string;
}
interface DbFunction {
  schema: string;
  name: string;
  signature: string;
  /** A call with a typed null for each argument. */
  callText: string;
}

const roles = [
  { role: 'anon', claims: { role: 'anon', iss: 'supabase' } },
  { role: 'authenticated', claims: { role: 'authenticated', sub: randomUUID(), aud: 'authenticated', iss: 'supabase' } },
] as const;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const tableName = (table: Table) => `${quoted(table.schema)}.${quoted(table.name)}`;

/** Becomes the role the way the Data API does: claims first, then `set local role`. */
async function becomeRole(tx: postgres.TransactionSql, role: (typeof roles)[number]) {
  await tx`select set_config('request.jwt.claims', ${JSON.stringify(role.claims)}, true)`;
  await tx.unsafe(`set local role ${role.role}`);
}

/** Runs one statement in a savepoint and returns its error, or null when it worked. */
async function attempt(tx: postgres.TransactionSql, statement: string): Promise<{ code: string; message: string } | null> {
  try {
    await tx.savepoint((sp) => sp.unsafe(statement));
    return null;
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

for (const target of databaseTargets()) {
  describe(`access for the Data API's roles on ${target.name}`, () => {
    const db = useDatabase(target);
    let tables: Table[] = [];
    let functions: DbFunction[] = [];

    beforeAll(async () => {
      // A row in every table, so "reads nothing" means something.
      const { professionalId, email } = await registerProfessional(db.sql);
      const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
      await call(db.sql, 'redeem_sign_in_token', token, email);
      await call(db.sql, 'create_sign_in_token', email);
      const consent = await submit<{ reference: string }>(db.sql, 'record_consent', consentPayload(professionalId));
      const referral = referralPayload(professionalId, { familyName: 'Quarrington', consentReference: consent.reference });
      await submit(db.sql, 'submit_referral', referral);
      // The same full name and date of birth without an NHS number: a likely match for the team.
      await submit(db.sql, 'submit_referral', { ...referral, consentReference: undefined, nhsNumber: null, nhsNumberUnknownReason: 'Not known.' });
      const [first] = await db.sql`select reference from private.referrals limit 1`;
      const referred = first!['reference'] as string;
      const withdrawal = await submit<{ reference: string }>(db.sql, 'request_withdrawal', withdrawalPayload({ dateOfBirth: referral['dateOfBirth'] }));
      await call(db.sql, 'match_withdrawal', withdrawal.reference, referred, 'Team');
      const request = await submit<{ reference: string }>(db.sql, 'request_consideration', requestPayload());
      // A team member signed in, who has acknowledged a referral and reviewed its rating.
      await call(db.sql, 'add_team_member', 'access.team@example.nhs.net', 'Ava Access', 'test');
      const team = await call<{ token: string }>(db.sql, 'create_sign_in_token', 'access.team@example.nhs.net');
      const { sessionToken } = await call<{ sessionToken: string }>(db.sql, 'redeem_sign_in_token', team.token, 'access.team@example.nhs.net');
      await call(db.sql, 'acknowledge_referral', sessionToken, referred);
      const review = { reference: referred, rating: 'red', ratingAgreedOn: todayInEngland(), reason: 'Reviewed at the C(E)TR.', promptedBy: 'cetr' };
      await db.sql`select public.team_review_rating(${sessionToken}, ${db.sql.json(review)}::jsonb)`;
      // A C(E)TR with a recommendation done (private.cetrs and its recommendations), and a month end's counts kept.
      const cetr = { reference: referred, kind: 'cetr', setting: 'inpatient', heldOn: todayInEngland(), rating: 'amber', reason: 'Agreed at the CETR.',
                     recommendations: [{ recommendation: 'Find a community placement.', owner: 'Social worker' }] };
      await db.sql`select public.team_record_cetr(${sessionToken}, ${db.sql.json(cetr)}::jsonb)`;
      const [recommendation] = await db.sql`select id from private.cetr_recommendations limit 1`;
      await call(db.sql, 'team_set_recommendation_status', sessionToken, recommendation!['id'] as string, 'done');
      await call(db.sql, 'purge_expired');
      // And has decided the family's request (private.request_decisions).
      await call(db.sql, 'team_decide_request', sessionToken, request.reference, 'professional_will_refer', 'Their GP will refer.');
      // And has held the area's tracking meeting, with what was agreed and an action (private.meetings and the rest).
      const [area] = await db.sql`select area from private.referrals where reference = ${referred}`;
      const { meetingId } = (await db.sql`select public.team_schedule_meeting(${sessionToken}, ${db.sql.json({ area: area!['area'] as string, heldOn: todayInEngland() })}::jsonb) as r`)[0]!['r'] as { meetingId: string };
      const agreed = { reference: referred, outcome: 'Agreed at the tracking meeting.', rating: 'red', actions: [{ what: 'Book a C(E)TR', owner: 'ICB', dueOn: todayInEngland() }] };
      await db.sql`select public.team_meeting_record(${sessionToken}, ${meetingId}, ${db.sql.json(agreed)}::jsonb)`;
      await call(db.sql, 'hit_rate_limit', 'access-test', 5, 60);

      tables = await db.sql<Table[]>`
        select n.nspname as schema, c.relname as name, c.relrowsecurity as rls,
               (select a.attname from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                 order by a.attnum limit 1) as column
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_'
         order by 1, 2`;
      const rows = await db.sql<{ schema: string; name: string; signature: string; types: string }[]>`
        select n.nspname as schema, p.proname as name, p.oid::regprocedure::text as signature,
               oidvectortypes(p.proargtypes) as types
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_' and p.prokind = 'f'
         order by 1, 2`;
      functions = rows.map((row) => ({
        ...row,
        callText: `select ${quoted(row.schema)}.${quoted(row.name)}(${row.types ? row.types.split(', ').map((type) => `null::${type}`).join(', ') : ''})`,
      }));
    }, 60_000);

    test('the register is all there: every table has rows, and the API functions exist', async () => {
      const names = tables.map((table) => `${table.schema}.${table.name}`);
      for (const expected of ['private.professionals', 'private.sign_in_tokens', 'private.sessions', 'private.people', 'private.referrals', 'private.consents', 'private.withdrawals', 'private.outbox', 'private.rate_limits', 'private.audit_events', 'private.eligibility_rules', 'private.issued_references', 'private.ratings', 'private.reference_kinds', 'private.areas']) {
        expect(names).toContain(expected);
      }
      for (const table of tables) {
        const [row] = await db.sql.unsafe(`select count(*)::int as n from ${tableName(table)}`);
        expect(row!['n'], `${table.schema}.${table.name} has rows`).toBeGreaterThan(0);
      }
      // The API the functions call (src/server/platform/database.ts; api-contract.test.ts checks each one's arguments).
      expect(functions.filter((f) => f.schema === 'public').map((f) => f.name)).toEqual(Object.keys(apiFunctions).toSorted());
    });

    test('every migration is recorded as applied, and running them again applies none', async () => {
      const recorded = await db.sql`select version from supabase_migrations.schema_migrations order by version`;
      expect(recorded.map((row) => row['version'])).toEqual((await listMigrations()).map((m) => m.version));
      expect(await applyMigrations(db.url)).toEqual([]);
    });

    test('pgcrypto is in the schema `extensions`, as on Supabase', async () => {
      const [row] = await db.sql`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pgcrypto'`;
      expect(row!['schema']).toBe('extensions');
    });

    test('every table in the private schema has row level security and no policy', async () => {
      expect(tables.filter((t) => t.schema === 'private' && !t.rls)).toEqual([]);
      const policies = await db.sql`select schemaname, tablename from pg_policies where schemaname not in ('pg_catalog', 'information_schema')`;
      expect(policies).toEqual([]);
    });

    test('the API functions are security definer with a fixed, empty search_path; only service_role may execute them', async () => {
      const rows = await db.sql`
        select p.proname, p.prosecdef, p.proconfig,
               has_function_privilege('service_role', p.oid, 'execute') as service_role,
               has_function_privilege('anon', p.oid, 'execute') as anon,
               has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
               exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a where a.grantee = 0 and a.privilege_type = 'EXECUTE') as everyone
          from pg_proc p where p.pronamespace = 'public'::regnamespace`;
      expect(rows.length).toBe(Object.keys(apiFunctions).length);
      for (const row of rows) {
        expect(row, row['proname'] as string).toMatchObject({
          prosecdef: true, proconfig: ['search_path=""'], service_role: true, anon: false, authenticated: false, everyone: false,
        });
      }
    });

    for (const role of roles) {
      describe(`as ${role.role}`, () => {
        test('no table in any schema can be read, inserted into, updated or deleted from', async () => {
          await inRolledBackTransaction(db.sql, async (tx) => {
            await becomeRole(tx, role);
            for (const table of tables) {
              const column = quoted(table.column);
              for (const statement of [
                `select * from ${tableName(table)} limit 1`,
                `insert into ${tableName(table)} default values`,
                `update ${tableName(table)} set ${column} = ${column}`,
                `delete from ${tableName(table)}`,
              ]) {
                const error = await attempt(tx, statement);
                expect(error?.code, `${role.role}: ${statement}`).toBe('42501');
                expect(error?.message).toMatch(/^permission denied for (schema|table)/);
              }
            }
          });
        });

        test('shown: granted the table, it could read it — so the missing grant is what stops it', async () => {
          for (const table of tables) {
            const visible = await inRolledBackTransaction(db.sql, async (tx) => {
              await tx.unsafe(`grant usage on schema ${quoted(table.schema)} to ${role.role}`);
              await tx.unsafe(`grant select, insert, update, delete on ${tableName(table)} to ${role.role}`);
              await becomeRole(tx, role);
              const [row] = await tx.unsafe(`select count(*)::int as n from ${tableName(table)}`);
              return row!['n'] as number;
            });
            // The read now works. Row level security still hides every private row.
            if (table.rls) expect(visible, `${table.schema}.${table.name}`).toBe(0);
            else expect(visible, `${table.schema}.${table.name}`).toBeGreaterThan(0);
          }
        });

        test('shown: with the grant, row level security alone hides every row and refuses every write; without it the rows show', async () => {
          for (const table of tables.filter((t) => t.rls)) {
            const withPolicyless = await inRolledBackTransaction(db.sql, async (tx) => {
              await tx.unsafe(`grant usage on schema ${quoted(table.schema)} to ${role.role}`);
              await tx.unsafe(`grant select, insert, update, delete on ${tableName(table)} to ${role.role}`);
              // Domain checks call helpers as the inserting role: let it, so that what
              // stops the write is row level security alone.
              await tx.unsafe(`grant execute on all functions in schema private to ${role.role}`);
              await becomeRole(tx, role);
              return attempt(tx, `insert into ${tableName(table)} default values`);
            });
            expect(withPolicyless?.message, `${table.schema}.${table.name}`).toMatch(/row-level security/);

            const withoutRls = await inRolledBackTransaction(db.sql, async (tx) => {
              await tx.unsafe(`grant usage on schema ${quoted(table.schema)} to ${role.role}`);
              await tx.unsafe(`grant select on ${tableName(table)} to ${role.role}`);
              await tx.unsafe(`alter table ${tableName(table)} disable row level security`);
              await becomeRole(tx, role);
              const [row] = await tx.unsafe(`select count(*)::int as n from ${tableName(table)}`);
              return row!['n'] as number;
            });
            expect(withoutRls, `${table.schema}.${table.name}`).toBeGreaterThan(0);
          }
        });

        test('no function can be executed', async () => {
          await inRolledBackTransaction(db.sql, async (tx) => {
            await becomeRole(tx, role);
            for (const fn of functions) {
              const error = await attempt(tx, fn.callText);
              expect(error?.code, `${role.role}: ${fn.signature}`).toBe('42501');
              expect(error?.message).toMatch(/^permission denied for (function|schema)/);
            }
          });
        });

        test('shown: granted EXECUTE, the call gets through — so the missing grant is what stops it', async () => {
          for (const fn of functions) {
            const error = await inRolledBackTransaction(db.sql, async (tx) => {
              await tx.unsafe(`grant usage on schema ${quoted(fn.schema)} to ${role.role}`);
              await tx.unsafe(`grant execute on function ${fn.signature} to ${role.role}`);
              await becomeRole(tx, role);
              return attempt(tx, fn.callText);
            });
            // It ran: it either worked or failed on its own terms (bad input, or a helper or
            // table it uses in turn), never on permission to call it.
            const message = error?.message ?? '';
            expect(message, `${role.role}: ${fn.signature}`).not.toBe(`permission denied for function ${fn.name}`);
            expect(message, `${role.role}: ${fn.signature}`).not.toBe(`permission denied for schema ${fn.schema}`);
          }
        });
      });
    }
  });
}
