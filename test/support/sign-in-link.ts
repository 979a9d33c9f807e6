// An active professional's account and a fresh one-time sign-in token for it, made
// through the register's SQL API (as registering and asking for a link make them).
// No server code is imported here, so scripts run by Node (the benchmarks) can use it.
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';

export interface SignInLink {
  professionalId: string;
  email: string;
  /** The token the emailed link would carry. */
  token: string;
}

async function call<T>(sql: postgres.Sql, text: string, args: (string | postgres.Parameter)[]): Promise<T> {
  const [row] = await sql.unsafe(text, args as never[]);
  return row!['result'] as T;
}

/** A fictional professional's registration as register_professional takes it, active at once; the caller adds teamEmail. */
export const fictionalProfessional = (email: string) => ({
  fullName: 'Robin Fictional',
  email,
  jobTitle: 'Community nurse',
  organisation: 'Northshire Community Learning Disability Team',
  area: 'Northshire North',
  agreedToResponsibilities: true,
  approvalNeeded: false,
});

export async function registerWithSignInLink(sql: postgres.Sql, email = `tester.${randomUUID().slice(0, 8)}@example.nhs.net`): Promise<SignInLink> {
  // Registering gives the first sign-in link, which proves the address when followed.
  const registered = await call<{ professionalId: string; token: string }>(sql, 'select public.register_professional($1::jsonb) as result', [
    sql.json({ ...fictionalProfessional(email), teamEmail: 'dsr.team@example.nhs.net' }) as postgres.Parameter,
  ]);
  return { professionalId: registered.professionalId, email, token: registered.token };
}
