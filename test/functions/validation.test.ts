// Every rule of every form, through its function: the island's JSON gets a 422 with the
// same words the form gives, and nothing is saved. (The same table as the unit tests,
// test/support/form-rules.ts; rows about "today" are left to those, which pin the date.)
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { useSite } from '../support/site-env.ts';
import { formRules } from '../support/form-rules.ts';
import type { PagesFunction } from '../../src/server/http/context.ts';
import type { FormName } from '../../src/forms/index.ts';
import { onRequestPost as register } from '../../functions/[[path]].ts';
import { onRequestPost as signIn } from '../../functions/[[path]].ts';
import { onRequestPost as consents } from '../../functions/[[path]].ts';
import { onRequestPost as referrals } from '../../functions/[[path]].ts';
import { onRequestPost as withdrawals } from '../../functions/[[path]].ts';
import { onRequestPost as requests } from '../../functions/[[path]].ts';

const functionFor: Record<Exclude<FormName, 'signInConfirm'>, [PagesFunction, string]> = {
  register: [register, '/api/register'],
  signIn: [signIn, '/api/sign-in'],
  consent: [consents, '/api/consents'],
  referral: [referrals, '/api/referrals'],
  withdrawal: [withdrawals, '/api/withdrawals'],
  request: [requests, '/api/requests'],
};

const dependsOnToday = (rule: string) => /tomorrow|today|years ago/.test(rule);

const target = databaseTargets()[0]!;

describe(`every rule through the functions (${target.name})`, () => {
  const { site, db, signedInAs } = useSite(target);
  let cookie = '';

  for (const [formName, table] of Object.entries(formRules) as [keyof typeof functionFor, (typeof formRules)['register']][]) {
    const rows = table.rows.filter(([rule, , errors]) => Object.keys(errors).length > 0 && !dependsOnToday(rule));
    describe(`${functionFor[formName][1]}`, () => {
      it.each(rows)('%s', async (_rule, changes, errors) => {
        if (!cookie) cookie = await signedInAs('rules@nhs.net');
        const [handler, path] = functionFor[formName];
        const response = await site.post(handler, path, { json: { ...table.valid, ...changes }, cookie });
        expect(response.status).toBe(422);
        const body = (await response.json()) as { errors: { field: string; message: string }[] };
        expect(Object.fromEntries(body.errors.map((error) => [error.field, error.message]))).toEqual(errors);
      });
    });
  }

  it('saved nothing', async () => {
    const [counts] = await db.sql`select (select count(*) from private.consents)::int as consents, (select count(*) from private.referrals)::int as referrals, (select count(*) from private.withdrawals)::int as withdrawals`;
    expect(counts).toEqual({ consents: 0, referrals: 0, withdrawals: 0 });
  });
});
