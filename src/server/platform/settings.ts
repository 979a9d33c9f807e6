// Every setting the functions read, in one place, with its default.
// Cloudflare passes settings to functions as `env`; `npm start` fills it from the
// environment it was started in (see scripts/start.ts).

export interface Env {
  /** postgres:// address of the database. Unset: the Supabase HTTP transport, if configured. */
  DATABASE_URL?: string;
  /** The public address of the site, used in links in emails. */
  SITE_URL?: string;
  /** Where the DSR team's notifications go. */
  DSR_TEAM_EMAIL?: string;
  /** The sender of every email. */
  MAIL_FROM?: string;
  /** Resend's API key. Unset: emails are printed to the console instead of sent. */
  RESEND_API_KEY?: string;
  /** Another address for the Resend API (the tests' loopback stand-in). */
  RESEND_BASE_URL?: string;
  /** The shared secret that POST /api/internal/deliver requires. */
  DELIVER_SECRET?: string;
  /** Comma-separated email domains whose accounts need no approval; `*.` matches subdomains. */
  ALLOWED_EMAIL_DOMAINS?: string;
  /** Supabase project address, for the HTTP transport. */
  SUPABASE_URL?: string;
  /** Supabase service role key, for the HTTP transport. Never sent to a browser. */
  SUPABASE_SERVICE_ROLE_KEY?: string;
  /** The static site, for rendering form pages with errors. Given by Cloudflare Pages. */
  ASSETS?: { fetch(request: Request | string): Promise<Response> };
}

export interface Settings {
  databaseUrl: string | undefined;
  siteUrl: string;
  /** DSR_TEAM_EMAIL, or the example address (defaults.teamEmail) until it is set: see teamEmailFor. */
  teamEmail: string;
  /** Whether DSR_TEAM_EMAIL is set. */
  teamEmailSet: boolean;
  mailFrom: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  deliverSecret: string | undefined;
  allowedEmailDomains: string[];
  supabaseUrl: string | undefined;
  supabaseServiceRoleKey: string | undefined;
}

export const defaults = {
  siteUrl: 'http://127.0.0.1:8788',
  teamEmail: 'dsr.team@example.nhs.net',
  mailFrom: 'Dynamic Support Register <no-reply@example.nhs.net>',
  allowedEmailDomains: 'nhs.net,*.nhs.uk',
} as const;

const blankToUndefined = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

export function readSettings(env: Env): Settings {
  return {
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    siteUrl: (blankToUndefined(env.SITE_URL) ?? defaults.siteUrl).replace(/\/+$/, ''),
    teamEmail: blankToUndefined(env.DSR_TEAM_EMAIL) ?? defaults.teamEmail,
    teamEmailSet: blankToUndefined(env.DSR_TEAM_EMAIL) !== undefined,
    mailFrom: blankToUndefined(env.MAIL_FROM) ?? defaults.mailFrom,
    resendApiKey: blankToUndefined(env.RESEND_API_KEY),
    resendBaseUrl: blankToUndefined(env.RESEND_BASE_URL),
    deliverSecret: blankToUndefined(env.DELIVER_SECRET),
    allowedEmailDomains: (blankToUndefined(env.ALLOWED_EMAIL_DOMAINS) ?? defaults.allowedEmailDomains)
      .split(',')
      .map((domain) => domain.trim().toLowerCase())
      .filter(Boolean),
    supabaseUrl: blankToUndefined(env.SUPABASE_URL),
    supabaseServiceRoleKey: blankToUndefined(env.SUPABASE_SERVICE_ROLE_KEY),
  };
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * True when the site is served over plain http on this machine (someone running it on
 * their own computer): the only place the session cookie may be less strict, and
 * emails may be printed instead of sent.
 */
export function isLocalPlainHttp(address: string): boolean {
  const url = new URL(address);
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
}

/**
 * The settings a live site (any but one served over plain http on this machine) must not
 * run without, by name: its health check answers 503 while any is missing. Without
 * DSR_TEAM_EMAIL the team's emails, a RED referral's among them, would go to the example
 * address, which nobody reads (hazard HAZ-002).
 */
export function missingLiveSettings(settings: Settings): string[] {
  return !isLocalPlainHttp(settings.siteUrl) && !settings.teamEmailSet ? ['DSR_TEAM_EMAIL'] : [];
}

/**
 * Where an email written to `recipient` goes now. The team's emails are written to the
 * address the site had when they were queued: until DSR_TEAM_EMAIL is set, the example
 * address, which stands for the team. So an email to it goes to DSR_TEAM_EMAIL once that is
 * set; before then, on a live site, it goes nowhere (undefined: it waits, with the reason,
 * and the console lists it among the emails that need attention). On this machine it is
 * printed or sent to the example address, as every email is.
 */
export function teamEmailFor(settings: Settings, recipient: string): string | undefined {
  if (recipient.toLowerCase() !== defaults.teamEmail) return recipient;
  if (settings.teamEmailSet) return settings.teamEmail;
  return isLocalPlainHttp(settings.siteUrl) ? recipient : undefined;
}
