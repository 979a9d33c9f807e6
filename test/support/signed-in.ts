// A signed-in professional for tests and benchmarks that post the professionals' forms:
// an active account, a sign-in token spent at once, and the session cookie a browser
// would send. Made through the register's SQL API, as the sign-in flow makes it.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { sessionCookieName } from '../../src/server/sessions.ts';

export interface SignedIn {
  professionalId: string;
  email: string;
  sessionToken: string;
  /** The Cookie header for requests to `siteUrl`. */
  cookie: string;
}

async function call<T>(sql: postgres.Sql, text: string, args: (string | number | postgres.Parameter)[]): Promise<T> {
  const [row] = await sql.unsafe(text, args as never[]);
  return row!['result'] as T;
}

export async function signInProfessional(sql: postgres.Sql, siteUrl: string, email = `tester.${randomUUID().slice(0, 8)}@example.nhs.net`): Promise<SignedIn> {
  const settings = { siteUrl, teamEmail: 'dsr.team@example.nhs.net' };
  const registered = await call<{ professionalId: string }>(sql, 'select public.register_professional($1::jsonb) as result', [
    sql.json({
      fullName: 'Robin Fictional',
      email,
      jobTitle: 'Community nurse',
      organisation: 'Northshire Community Learning Disability Team',
      area: 'Northshire',
      agreedToResponsibilities: true,
      approvalNeeded: false,
      ...settings,
    }) as postgres.Parameter,
  ]);
  const issued = await call<{ token: string }>(sql, 'select public.create_sign_in_token($1) as result', [email]);
  const session = await call<{ sessionToken: string }>(sql, 'select public.redeem_sign_in_token($1, $2) as result', [issued.token, email]);
  return {
    professionalId: registered.professionalId,
    email,
    sessionToken: session.sessionToken,
    cookie: `${sessionCookieName(siteUrl)}=${session.sessionToken}`,
  };
}
