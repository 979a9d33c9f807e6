// The session cookie. Its value is the session token from redeem_sign_in_token; the
// database holds only its hash. In production the cookie is `__Host-dsr_session`:
// Secure, HttpOnly, SameSite=Lax, Path=/, no Domain. Over plain http on loopback
// (someone running the site on their own machine) browsers refuse `__Host-` and
// Secure cookies, so there, and only there, the prefix and Secure are dropped.
import { DatabaseProblem, type Database } from '../platform/database.ts';
import { isLocalPlainHttp } from '../platform/settings.ts';

export { isLocalPlainHttp };

const secureName = '__Host-dsr_session';
const localName = 'dsr_session';

export function sessionCookieName(requestUrl: string): string {
  return isLocalPlainHttp(requestUrl) ? localName : secureName;
}

function attributes(requestUrl: string): string {
  return `Path=/; HttpOnly; SameSite=Lax${isLocalPlainHttp(requestUrl) ? '' : '; Secure'}`;
}

/** Set-Cookie for a new session, living as long as the session may (its absolute limit). */
export function sessionCookie(requestUrl: string, token: string, expiresAt: Date, now = new Date()): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${sessionCookieName(requestUrl)}=${token}; ${attributes(requestUrl)}; Max-Age=${maxAge}`;
}

/** Set-Cookie that removes the session cookie. */
export function endedSessionCookie(requestUrl: string): string {
  return `${sessionCookieName(requestUrl)}=; ${attributes(requestUrl)}; Max-Age=0`;
}

/** The session token the browser sent, if any (only under this site's cookie name). */
export function readSessionToken(request: Request): string | undefined {
  const name = sessionCookieName(request.url);
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    const value = rest.join('=');
    if (key === name && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return undefined;
}

/** The signed-in professional, as read_session gives them. */
export interface Professional {
  professionalId: string;
  email: string;
  fullName: string;
  jobTitle: string;
  organisation: string;
  area: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

/** Ways a session can be over; any of them means "sign in again". */
const signedOutCodes = new Set(['session_invalid', 'session_expired', 'professional_not_active']);

/**
 * The professional signed in on this request, or undefined. Reading it slides the
 * session's 30-minute idle clock. A database failure is thrown, not taken as signed out.
 */
export async function currentProfessional(db: Database, request: Request): Promise<Professional | undefined> {
  const token = readSessionToken(request);
  if (!token) return undefined;
  try {
    return await db.call<Professional>('read_session', { session_token: token });
  } catch (error) {
    if (error instanceof DatabaseProblem && signedOutCodes.has(error.code)) return undefined;
    throw error;
  }
}
