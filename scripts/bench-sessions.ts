// Signed-in professionals and visitors' addresses for the benchmarks that post referrals
// through the functions (bench:submissions, profile:referral).
import type postgres from 'postgres';
import { registerWithSignInLink } from '../test/support/sign-in-link.ts';

let nextAddress = 0;
/** A different visitor's address for every request (TEST-NET and documentation ranges). */
export function visitorAddress(): string {
  const n = nextAddress++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

export interface Session {
  professionalId: string;
  cookie: string;
}

/** Signs a professional in through the site itself: the emailed link's token, posted to /api/sign-in/confirm. */
export async function signInThroughSite(sql: postgres.Sql, siteUrl: string): Promise<Session> {
  const link = await registerWithSignInLink(sql);
  const response = await fetch(`${siteUrl}/api/sign-in/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: siteUrl, 'cf-connecting-ip': visitorAddress() },
    body: JSON.stringify({ token: link.token, email: link.email, next: '/refer/' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 200 || !cookie) throw new Error(`Signing in through the site failed: ${response.status} ${await response.text()}`);
  return { professionalId: link.professionalId, cookie };
}
