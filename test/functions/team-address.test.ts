// HAZ-002: a live site (any but one served over plain http on this machine) without
// DSR_TEAM_EMAIL sends the team's emails nowhere, rather than to the example address that
// nobody reads; its health check names the missing setting; the email waits with the
// reason, and goes to the team's address once it is set. Nothing the family sent is lost.
import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/server/platform/settings.ts';
import { defaults } from '../../src/server/platform/settings.ts';
import { teamEmailNotSet } from '../../src/server/emails/delivery.ts';
import { checkHealth } from '../../src/server/routes/health.ts';
import { databaseTargets } from '../support/database.ts';
import { deliverSecret, useSite } from '../support/site-env.ts';
import * as answers from '../support/answers.ts';
import { bornYearsAgo } from '../support/answers.ts';
import { onRequestPost as post } from '../../functions/[[path]].ts';
import { onRequestPost as deliver } from '../../functions/api/internal/deliver.ts';

const live = 'https://dsr.northshire.example';
const teamInbox = 'dsr.team@northshire.nhs.net';
const target = databaseTargets()[0]!;

describe(`a live site without DSR_TEAM_EMAIL, on ${target.name}`, () => {
  // Read on every call, so the test can set the address part of the way through.
  const settingsNow: Partial<Env> = { SITE_URL: live, DSR_TEAM_EMAIL: '' };
  const around = useSite(target, settingsNow);
  const { site, db } = around;

  it('says so in its health check, sends the team nothing at the example address, and sends it to the team once the address is set', async () => {
    const health = await checkHealth(around.env());
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'misconfigured', database: 'ok', missingSettings: ['DSR_TEAM_EMAIL'] });

    // A family asks for someone to be considered: accepted, and their acknowledgement sent.
    const response = await site.post(post, '/api/requests', { json: bornYearsAgo(answers.request, 15), url: `${live}/api/requests` });
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as { reference: string };
    await site.settle();
    await around.resend.waitForEmail((email) => email.to.includes('chris@example.com'));
    // The team's email went nowhere: not to the example address, and it waits with the reason.
    expect(around.resend.emails.filter((email) => email.to.includes(defaults.teamEmail))).toEqual([]);
    const [waiting] = await db.sql`select status, last_error from private.outbox where about_reference = ${reference} and kind = 'request_team'`;
    expect(waiting).toEqual({ status: 'pending', last_error: teamEmailNotSet });
    expect((await db.sql`select 1 from private.requests where reference = ${reference}`).length).toBe(1);

    // The address is set: the next run sends the waiting email to it, and the site is healthy.
    settingsNow.DSR_TEAM_EMAIL = teamInbox;
    await db.sql`update private.outbox set available_at = now() where about_reference = ${reference}`;
    const delivered = await site.post(deliver, '/api/internal/deliver', { json: {}, url: `${live}/api/internal/deliver`, headers: { authorization: `Bearer ${deliverSecret}` } });
    expect(delivered.status).toBe(200);
    const toTeam = await around.resend.waitForEmail((email) => email.to.includes(teamInbox) && email.text.includes(reference));
    expect(toTeam.to).toEqual([teamInbox]);
    expect((await db.sql`select status from private.outbox where about_reference = ${reference} and kind = 'request_team'`)[0]).toEqual({ status: 'sent' });
    expect((await checkHealth(around.env())).status).toBe(200);
  });
});
