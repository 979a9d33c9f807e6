// What the console's db tests share: a team member signed in by their link, and a
// professional signed in (whose session every console function refuses).
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { call, registerProfessional } from './support.ts';

/** Adds a team member and signs them in by their link, as the console's sign-in does. */
export async function signedInTeamMember(sql: postgres.Sql, name = 'Tess Teamworth') {
  const email = `team.${randomUUID().slice(0, 8)}@example.nhs.net`;
  const { teamMemberId } = await call<{ teamMemberId: string }>(sql, 'add_team_member', email, name, 'test');
  const { token } = await call<{ token: string }>(sql, 'create_sign_in_token', email);
  const redeemed = await call<{ sessionToken: string; role: string }>(sql, 'redeem_sign_in_token', token, email);
  return { teamMemberId, email, sessionToken: redeemed.sessionToken, redeemed };
}

/** A professional signed in: their session token. */
export async function signedInProfessional(sql: postgres.Sql) {
  const { professionalId, email } = await registerProfessional(sql);
  const { token } = await call<{ token: string }>(sql, 'create_sign_in_token', email);
  const { sessionToken } = await call<{ sessionToken: string }>(sql, 'redeem_sign_in_token', token, email);
  return { professionalId, sessionToken };
}
