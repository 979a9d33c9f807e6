// A signed-in professional for tests that post the professionals' forms: an active
// account, its sign-in token spent at once, and the session cookie a browser would send.
import type postgres from 'postgres';
import { sessionCookieName } from '../../src/server/http/sessions.ts';
import { registerWithSignInLink } from './sign-in-link.ts';

export interface SignedIn {
  professionalId: string;
  email: string;
  sessionToken: string;
  /** The Cookie header for requests to `siteUrl`. */
  cookie: string;
}

export async function signInProfessional(sql: postgres.Sql, siteUrl: string, email?: string): Promise<SignedIn> {
  const link = await registerWithSignInLink(sql, email);
  const [row] = await sql`select public.redeem_sign_in_token(${link.token}, ${link.email}) as result`;
  const sessionToken = (row!['result'] as { sessionToken: string }).sessionToken;
  return { professionalId: link.professionalId, email: link.email, sessionToken, cookie: `${sessionCookieName(siteUrl)}=${sessionToken}` };
}
