// npm run bench:console — how fast the DSR team's console answers on a full register.
//
// Fills a scratch PostgreSQL database (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
// the local server) with 100 professionals, 5,000 people, 25,000 referrals, 25,000
// rating reviews by the team, the acknowledgements of all but the newest referrals and
// the audit trail those would have left (each referral submitted, acknowledged and
// reviewed, and 20,000 openings of records). The professionals and the team members are
// made by the real functions; the people and their history set-based (one INSERT …
// SELECT each), with the columns the real functions would write: references from
// private.new_reference (so issued too), age group, keyworker eligibility and C(E)TR or
// CTR from private.eligibility at the age on the day of the referral. The emails those
// functions would queue are left out: no console function reads the outbox.
//
// Then times each console function as the functions call it (db.call: one round trip
// over postgres.js, as the site does), one after the other, N times each: team_today,
// team_register (the whole register; AMBER in one area; the ratings due for review; a
// find by NHS number, by DSR reference and by name and date of birth), team_person_record,
// acknowledge_referral, team_review_rating, team_accounts and team_figures (after
// purge_expired has kept the 24 month ends' counts, timed once); and the meetings:
// team_schedule_meeting for an area of 1,000 people, its agenda (team_meeting), a meeting
// record of 40 people with 80 actions, and team_actions (goal p95 under 200 ms). Prints p50, p95 and p99 in
// milliseconds; the goal is p95 under 100 ms each. With --write it also replaces the
// "Console" section of BENCHMARKS.md. Options: --calls N (default 200), --keep (leave the
// scratch database for EXPLAIN; its address is printed).
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import type postgres from 'postgres';
import { connectDatabase, type ApiFunction, type Arguments, type Database } from '../src/server/platform/database.ts';
import { registerWithSignInLink } from '../test/support/sign-in-link.ts';
import { writeBenchmarkSection } from './benchmarks-file.ts';
import { applyMigrations, connect, createScratchDatabase } from './database.ts';

const { values: options } = parseArgs({
  options: {
    calls: { type: 'string', default: '200' },
    write: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const calls = Number(options.calls);
const serverUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const size = { professionals: 100, people: 5_000, referrals: 25_000, reviews: 25_000, openings: 20_000, unacknowledged: 250 };

let nextNhsNumber = 0;
/** A valid NHS number in the 999 test range, a different one each time. */
function nhsNumber(): string {
  for (;;) {
    const first = `999${String(nextNhsNumber++ % 1e6).padStart(6, '0')}`;
    const total = [...first].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0);
    const check = (11 - (total % 11)) % 11;
    if (check !== 10) return `${first}${check}`;
  }
}

async function fill(sql: postgres.Sql) {
  const started = performance.now();
  const professionals: string[] = [];
  for (let n = 0; n < size.professionals; n++) {
    const link = await registerWithSignInLink(sql, `bench.professional.${n}@example.nhs.net`);
    await sql`select public.redeem_sign_in_token(${link.token}, ${link.email})`;
    professionals.push(link.professionalId);
  }
  const team: string[] = [];
  for (let n = 0; n < 5; n++) {
    const email = `bench.team.${n}@example.nhs.net`;
    await sql`select public.add_team_member(${email}, ${`Bench Team ${n}`}, 'npm run bench:console')`;
    const [{ result: link }] = (await sql`select public.create_sign_in_token(${email}) as result`) as unknown as [{ result: { token: string } }];
    const [{ result: session }] = (await sql`select public.redeem_sign_in_token(${link.token}, ${email}) as result`) as unknown as [{ result: { sessionToken: string } }];
    team.push(session.sessionToken);
  }

  // Some NHS numbers (one person in ten has none, as referrals allow).
  const numbers = Array.from({ length: size.people }, (_, n) => (n % 10 === 9 ? null : nhsNumber()));
  const given = ['Alex', 'Bea', 'Cai', 'Dara', 'Eli', 'Fern', 'Gus', 'Hana', 'Ivo', 'Jude'];
  await sql`
    insert into private.people (given_name, family_name, date_of_birth, nhs_number, created_at)
    select (${given}::text[])[1 + n % 10], 'Bench' || n,
           (current_date - interval '5 years' - (n * 37 % 20000) * interval '1 day')::date,
           (${numbers}::text[])[n + 1],
           now() - interval '2 years'
      from generate_series(0, ${size.people - 1}) as n`;
  // Five referrals each, spread over two years, the newest last; a rating as referrals give them.
  await sql`
    with people as (select p.*, row_number() over (order by p.family_name) - 1 as n from private.people as p),
    made as (
      select p.id as person_id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number, p.n, k,
             now() - interval '730 days' + ((k * 146) + (p.n % 140)) * interval '1 day' + (p.n % 600) * interval '1 minute' as created_at,
             case when (p.n + k) % 10 = 0 then 'red' when (p.n + k) % 10 < 4 then 'amber' when (p.n + k) % 10 < 9 then 'green' else 'blue' end as rating,
             (array['Northshire North', 'Northshire South', 'Northshire Coast', 'Riverton City', 'Riverton East'])[1 + p.n % 5] as area,
             (${professionals}::uuid[])[1 + (p.n * 7 + k) % ${size.professionals}] as professional_id
        from people as p cross join generate_series(0, 4) as k)
    insert into private.referrals (reference, person_id, professional_id, given_name, family_name, date_of_birth, nhs_number,
                                   nhs_number_unknown_reason, postcode, gp_practice, condition, area, lives_in, hospital_name,
                                   rating, rating_agreed_on, rating_reason, consent_basis, family_involved, services_involved,
                                   previous_review, has_ehcp, age_at_referral, age_group, keyworker_eligible, review_type, created_at)
    select private.new_reference('referral'), m.person_id, m.professional_id, m.given_name, m.family_name, m.date_of_birth, m.nhs_number,
           case when m.nhs_number is null then 'Not known to the referrer.' end, 'ST4 1AA', 'Riverside Surgery', 'autism', m.area,
           case when m.rating = 'blue' then 'mental_health_hospital' else 'community' end,
           case when m.rating = 'blue' then 'Hilltop Unit' end,
           m.rating, (m.created_at at time zone 'Europe/London')::date - (m.n % 5)::integer, 'Benchmark referral: fictional.',
           'parental_responsibility', 'Fictional family.', array['camhs'], 'none', age.has_ehcp, age.years,
           rules.age_group, rules.keyworker_eligible, rules.review_type, m.created_at
      from made as m
      cross join lateral (select pg_catalog.date_part('year', pg_catalog.age((m.created_at at time zone 'Europe/London')::date, m.date_of_birth))::integer as years,
                                 case when m.n % 3 = 0 then 'yes' else 'no' end as has_ehcp) as age
      cross join lateral private.eligibility(age.years, m.rating, age.has_ehcp = 'yes') as rules
     order by m.created_at`;
  await sql`
    insert into private.audit_events (happened_at, action, actor, refs, detail)
    select r.created_at, 'referral_submitted', r.professional_id::text, array[r.reference],
           jsonb_build_object('rating', r.rating, 'existingPerson', r.created_at > (select min(x.created_at) from private.referrals as x where x.person_id = r.person_id))
      from private.referrals as r`;
  // Every referral acknowledged a day after it came, but the newest few (Today's list).
  const members = await sql`select id from private.team_members order by email`;
  const memberIds = members.map((member) => member['id'] as string);
  await sql`
    with acknowledged as (
      select r.*, row_number() over (order by r.created_at desc) as newest from private.referrals as r)
    insert into private.referral_acknowledgements (referral_id, team_member_id, acknowledged_at)
    select a.id, (${memberIds}::uuid[])[1 + a.newest % 5], a.created_at + interval '1 day'
      from acknowledged as a where a.newest > ${size.unacknowledged}`;
  await sql`
    insert into private.audit_events (happened_at, action, actor, refs, detail)
    select a.acknowledged_at, 'referral_acknowledged', 'team:' || a.team_member_id, array[r.reference], '{}'
      from private.referral_acknowledgements as a join private.referrals as r on r.id = a.referral_id`;
  // Five reviews each, after their first referral, never in the future.
  await sql`
    with people as (select p.id, row_number() over (order by p.family_name) - 1 as n,
                           (select min(r.created_at) from private.referrals as r where r.person_id = p.id) as first_referred
                      from private.people as p)
    insert into private.rating_reviews (person_id, rating, rating_agreed_on, reason, prompted_by, team_member_id, recorded_at)
    select p.id,
           case when (p.n + k) % 7 = 0 then 'red' when (p.n + k) % 7 < 3 then 'amber' when (p.n + k) % 7 < 6 then 'green' else 'blue' end,
           least(private.today(), (p.first_referred at time zone 'Europe/London')::date + (30 + k * 130 + p.n % 40)::integer),
           'Benchmark review: fictional.',
           (array['cetr', 'tracking_meeting', 'new_information', 'other'])[1 + (p.n + k) % 4],
           (${memberIds}::uuid[])[1 + (p.n + k) % 5],
           least(now(), p.first_referred + (30 + k * 130 + p.n % 40) * interval '1 day')
      from people as p cross join generate_series(0, ${size.reviews / size.people - 1}) as k`;
  await sql`
    insert into private.audit_events (happened_at, action, actor, refs, detail)
    select v.recorded_at, 'rating_reviewed', 'team:' || v.team_member_id,
           (select array_agg(r.reference order by r.created_at) from private.referrals as r where r.person_id = v.person_id),
           jsonb_build_object('reviewId', v.id, 'rating', v.rating, 'promptedBy', v.prompted_by)
      from private.rating_reviews as v`;
  await sql`
    insert into private.audit_events (happened_at, action, actor, refs, detail)
    select now() - (n % 700) * interval '1 day', 'person_record_opened', 'team:' || (${memberIds}::uuid[])[1 + n % 5],
           (select array_agg(r.reference order by r.created_at) from private.referrals as r where r.person_id = p.id),
           jsonb_build_object('openedAs', (select r.reference from private.referrals as r where r.person_id = p.id limit 1))
      from generate_series(0, ${size.openings - 1}) as n
      join (select p.id, row_number() over (order by p.family_name) - 1 as i from private.people as p) as p on p.i = n * 13 % ${size.people}`;
  // As autovacuum would have by now: the audit trail's GIN index takes its new entries out of its pending list.
  await sql`vacuum analyze`;
  const [counts] = await sql`
    select (select count(*) from private.people)::int as people, (select count(*) from private.referrals)::int as referrals,
           (select count(*) from private.rating_reviews)::int as reviews, (select count(*) from private.professionals)::int as professionals,
           (select count(*) from private.audit_events)::int as audit_events`;
  console.log(`Filled in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts);
  return { team };
}

interface Timing {
  name: string;
  p50: number;
  p95: number;
  p99: number;
}

async function time<F extends ApiFunction>(db: Database, name: string, fn: F, args: (n: number) => Arguments<F>): Promise<Timing> {
  const latencies: number[] = [];
  // A few calls first, so the connection and the plans are warm, as on a working day.
  for (let n = 0; n < 5; n++) await db.call(fn, args(n));
  for (let n = 0; n < calls; n++) {
    const arg = args(n + 5);
    const begun = performance.now();
    await db.call(fn, arg);
    latencies.push(performance.now() - begun);
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!;
  const timing = { name, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  console.log(`${name.padEnd(58)} p50 ${timing.p50.toFixed(1).padStart(6)}  p95 ${timing.p95.toFixed(1).padStart(6)}  p99 ${timing.p99.toFixed(1).padStart(6)} ms`);
  return timing;
}

const uptime = async () => (await promisify(execFile)('uptime')).stdout.trim();

const loadBefore = await uptime();
const database = await createScratchDatabase(serverUrl, `dsr_bench_console_${process.pid}`);
const timings: Timing[] = [];
let keptMonthEndsMs = 0;
try {
  await applyMigrations(database.url);
  const sql = connect(database.url, 1);
  let sessions: string[];
  const references: string[] = [];
  const unacknowledged: string[] = [];
  const finds: { nhs: string; name: string; dateOfBirth: string }[] = [];
  try {
    ({ team: sessions } = await fill(sql));
    for (const row of await sql`select reference from private.referrals order by md5(reference) limit 1000`) references.push(row['reference'] as string);
    for (const row of await sql`select r.reference from private.referrals as r where not exists (select 1 from private.referral_acknowledgements as a where a.referral_id = r.id) order by r.created_at`) {
      unacknowledged.push(row['reference'] as string);
    }
    for (const row of await sql`select nhs_number, given_name || ' ' || family_name as name, date_of_birth::text as born from private.people where nhs_number is not null order by md5(id::text) limit 500`) {
      finds.push({ nhs: row['nhs_number'] as string, name: row['name'] as string, dateOfBirth: row['born'] as string });
    }
  } finally {
    await sql.end();
  }
  const db = connectDatabase({ databaseUrl: database.url } as Parameters<typeof connectDatabase>[0]);
  try {
    const session = sessions[0]!;
    const pick = <T>(list: T[], n: number) => list[n % list.length]!;
    timings.push(await time(db, 'team_today', 'team_today', () => ({ session_token: session })));
    timings.push(await time(db, 'team_register: everyone, page 1 (RED first)', 'team_register', () => ({ session_token: session, filters: {} })));
    timings.push(await time(db, 'team_register: AMBER in one area, page 2', 'team_register', (n) => ({ session_token: session, filters: { rating: 'amber', area: pick(['Northshire North', 'Riverton City', 'Riverton East'], n), page: '2' } })));
    timings.push(await time(db, 'team_register: ratings due for review (overdue only)', 'team_register', () => ({ session_token: session, filters: { sort: 'due', overdue: 'yes' } })));
    timings.push(await time(db, 'team_register: find by NHS number', 'team_register', (n) => ({ session_token: session, filters: { q: pick(finds, n).nhs } })));
    timings.push(await time(db, 'team_register: find by DSR reference', 'team_register', (n) => ({ session_token: session, filters: { q: pick(references, n) } })));
    timings.push(await time(db, 'team_register: find by name and date of birth', 'team_register', (n) => ({ session_token: session, filters: { name: pick(finds, n).name, dateOfBirth: pick(finds, n).dateOfBirth } })));
    timings.push(await time(db, 'team_person_record', 'team_person_record', (n) => ({ session_token: session, referral_reference: pick(references, n) })));
    timings.push(await time(db, 'acknowledge_referral', 'acknowledge_referral', (n) => ({ session_token: session, referral_reference: unacknowledged[n]! })));
    timings.push(
      await time(db, 'team_review_rating', 'team_review_rating', (n) => ({
        session_token: session,
        payload: { reference: pick(references, n + 300), rating: pick(['red', 'amber', 'green'], n), ratingAgreedOn: new Date().toISOString().slice(0, 10), reason: 'Benchmark review: fictional.', promptedBy: 'tracking_meeting' },
      })),
    );
    timings.push(await time(db, 'team_accounts', 'team_accounts', () => ({ session_token: session })));
    // Meetings: an area's tracking meeting scheduled (its agenda drawn from the area's
    // 1,000 people), its printable agenda, and a meeting record of 40 people, each with
    // what was agreed and two actions (goal p95 < 200 ms).
    const today = new Date().toISOString().slice(0, 10);
    const scheduled: string[] = [];
    timings.push(
      await time(db, 'team_schedule_meeting: Riverton City (1,000 people)', 'team_schedule_meeting', () => ({ session_token: session, payload: { area: 'Riverton City', heldOn: today } })),
    );
    const { meetings } = await db.call<{ meetings: { id: string; area: string; people: number }[] }>('team_meetings', { session_token: session });
    scheduled.push(meetings.find((m) => m.area === 'Riverton City')!.id);
    timings.push(await time(db, 'team_meeting: the agenda with names, Riverton City', 'team_meeting', () => ({ session_token: session, meeting_id: scheduled[0]!, purpose: 'agenda' })));
    const meetingSql = connect(database.url, 1);
    let recordId: string;
    try {
      const [made] = await meetingSql`
        insert into private.meetings (kind, area, held_on, created_by)
        select 'tracking', 'Northshire North', private.today(), id from private.team_members order by email limit 1 returning id`;
      recordId = made!['id'] as string;
      await meetingSql`
        with chosen as (select p.id from private.people as p order by md5(p.id::text) limit 40)
        insert into private.meeting_people (meeting_id, person_id, reasons, outcome, recorded_at, recorded_by)
        select ${recordId}, c.id, array['amber'], 'Benchmark outcome: fictional.', now(), m.id
          from chosen as c, (select id from private.team_members order by email limit 1) as m`;
      await meetingSql`
        insert into private.meeting_actions (meeting_id, person_id, what, owner, due_on, agreed_by)
        select ${recordId}, p.person_id, 'Benchmark action ' || k, 'Benchmark owner', private.today() + k, m.id
          from private.meeting_people as p, generate_series(1, 2) as k, (select id from private.team_members order by email limit 1) as m
         where p.meeting_id = ${recordId}`;
      await meetingSql`vacuum analyze private.meeting_people, private.meeting_actions, private.meetings`;
    } finally {
      await meetingSql.end();
    }
    timings.push(await time(db, 'team_meeting: a meeting record of 40 people, 80 actions', 'team_meeting', () => ({ session_token: session, meeting_id: recordId, purpose: 'meeting' })));
    timings.push(await time(db, 'team_actions: every open action', 'team_actions', () => ({ session_token: session, filters: {} })));
    // The figures: the 24 month ends' counts kept first, once, as the purge job keeps them; then the page (goal p95 under 200 ms).
    // (On its own connection, without the site's call timeout: the first keeping counts 24 month ends at once.)
    const keeper = connect(database.url, 1);
    const keeping = performance.now();
    try {
      await keeper`select public.purge_expired()`;
    } finally {
      keptMonthEndsMs = performance.now() - keeping;
      await keeper.end();
    }
    console.log(`purge_expired, keeping the 24 month ends' counts (once): ${keptMonthEndsMs.toFixed(0)} ms`);
    timings.push(await time(db, 'team_figures (24 month ends kept)', 'team_figures', () => ({ session_token: session })));
  } finally {
    await db.close();
  }
  if (options.keep) console.log(`Kept the scratch database: ${database.url}`);
} finally {
  if (!options.keep) await database.drop();
}
const loadAfter = await uptime();

const goalOf = (timing: Timing) => (timing.name.startsWith('team_figures') ? 200 : 100);
const slow = timings.filter((timing) => timing.p95 >= goalOf(timing));
const table = [
  '| Call | p50 (ms) | p95 (ms) | p99 (ms) |',
  '| --- | ---: | ---: | ---: |',
  ...timings.map((timing) => `| ${timing.name} | ${timing.p50.toFixed(1)} | ${timing.p95.toFixed(1)} | ${timing.p99.toFixed(1)} |`),
].join('\n');
const body = `${size.people.toLocaleString('en-GB')} people, ${size.referrals.toLocaleString('en-GB')} referrals, ${size.reviews.toLocaleString('en-GB')} rating reviews, ${size.professionals} professionals, 5 team members, ${size.openings.toLocaleString('en-GB')} record openings in the audit trail, ${size.unacknowledged} referrals not yet acknowledged; PostgreSQL on this machine, one connection. Each figure is ${calls} calls one after the other through \`db.call\` (one round trip, as the site makes them), after 5 to warm up. Goal: p95 under 100 ms each (the figures page: under 200 ms, over 24 month ends, after \`purge_expired\` kept their counts once, which took ${keptMonthEndsMs.toFixed(0)} ms)${slow.length === 0 ? ': met by every call.' : `: not met by ${slow.map((timing) => timing.name).join(', ')}.`}

${table}

Load (\`uptime\`) before: ${loadBefore}
After: ${loadAfter} (load average 1 min now ${loadavg()[0]!.toFixed(2)}; the machine's 2 cores are shared with other work, so figures are upper bounds).`;
console.log(`\n${body}`);
if (options.write) await writeBenchmarkSection('Console', 'npm run bench:console -- --write', body);
