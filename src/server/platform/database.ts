// How functions reach the register's SQL API (supabase/API.md): postgres.js over
// DATABASE_URL, or supabase-js `.rpc()` over HTTPS when only SUPABASE_URL and
// SUPABASE_SERVICE_ROLE_KEY are set (for hosts that cannot open TCP sockets).
// Either way a call either returns the function's jsonb, raises a DatabaseProblem
// (bad input or a refusal, with the form's own error code and field), or raises
// DatabaseUnavailable.
import postgres from 'postgres';
import { createClient } from '@supabase/supabase-js';
import type { Settings } from './settings.ts';

export type Sql = postgres.Sql;

/**
 * A client for one request. Workers may not share sockets between requests, so
 * each request opens its own connection and closes it when the response is done.
 */
export function openDatabase(databaseUrl: string): Sql {
  return postgres(databaseUrl, {
    max: 1,
    // A database that cannot be reached must turn into a 503 within seconds, not a hang.
    connect_timeout: 3,
    idle_timeout: 5,
    // Prepared statements do not survive poolers such as Supabase's transaction pooler.
    prepare: false,
    // The API passes no arrays, so the query for array types each connection would start with is skipped.
    fetch_types: false,
    onnotice: () => {},
  });
}

/**
 * The SQL functions of the register's API, with their arguments' SQL types (for casts),
 * in the order of supabase/API.md. test/db/api-contract.test.ts fails when this, API.md
 * or the database's pg_proc differ.
 */
export const functions = {
  health: {},
  applied_migrations: {},
  register_professional: { payload: 'jsonb' },
  create_sign_in_token: { email: 'text' },
  redeem_sign_in_token: { token: 'text', email: 'text' },
  read_session: { session_token: 'text' },
  end_session: { session_token: 'text' },
  record_consent: { payload: 'jsonb' },
  submit_referral: { payload: 'jsonb' },
  // A professional's own records (/my-referrals/, and the referral form filled in from one of them).
  my_referrals: { session_token: 'text' },
  refer_again_answers: { session_token: 'text', reference: 'text' },
  request_withdrawal: { payload: 'jsonb' },
  request_consideration: { payload: 'jsonb' },
  hit_rate_limit: { key: 'text', max_hits: 'integer', window_seconds: 'integer' },
  claim_outbox: { batch_size: 'integer', visibility_seconds: 'integer' },
  mark_outbox_sent: { id: 'uuid', provider_message_id: 'text' },
  mark_outbox_sent_many: { sent: 'jsonb' },
  mark_outbox_failed: { id: 'uuid', error: 'text', max_attempts: 'integer' },
  purge_expired: {},
  // Erasure to the disk, from the deliver run (src/server/routes/erasure.ts).
  erase_finished_withdrawals: {},
  erasure_held_back: { erase_xid: 'text' },
  record_withdrawals_cleared: { as_of: 'text' },
  // The DSR team's tools, run from the SQL editor.
  approve_professional: { email: 'text', actor: 'text' },
  confirm_same_person: { referral_reference: 'text', other_referral_reference: 'text', actor: 'text' },
  keep_people_apart: { referral_reference: 'text', other_referral_reference: 'text', actor: 'text' },
  match_withdrawal: { withdrawal_reference: 'text', referral_reference: 'text', actor: 'text' },
  complete_withdrawal: { withdrawal_reference: 'text', actor: 'text' },
  close_withdrawal_no_entry: { withdrawal_reference: 'text', actor: 'text' },
  // The DSR team's console (src/server/routes/team.ts): each takes the session token and checks the team role inside.
  add_team_member: { email: 'text', full_name: 'text', added_by: 'text' },
  read_team_session: { session_token: 'text' },
  team_today: { session_token: 'text' },
  team_person_record: { session_token: 'text', referral_reference: 'text' },
  acknowledge_referral: { session_token: 'text', referral_reference: 'text' },
  team_confirm_same_person: { session_token: 'text', referral_reference: 'text', other_referral_reference: 'text' },
  team_keep_people_apart: { session_token: 'text', referral_reference: 'text', other_referral_reference: 'text' },
  team_review_rating: { session_token: 'text', payload: 'jsonb' },
  team_register: { session_token: 'text', filters: 'jsonb' },
  team_accounts: { session_token: 'text' },
  team_approve_professional: { session_token: 'text', professional_id: 'uuid' },
  team_refuse_professional: { session_token: 'text', professional_id: 'uuid', reason: 'text' },
  team_switch_off_professional: { session_token: 'text', professional_id: 'uuid' },
  team_add_member: { session_token: 'text', email: 'text', full_name: 'text' },
  team_remove_member: { session_token: 'text', team_member_id: 'uuid' },
  team_withdrawal: { session_token: 'text', withdrawal_reference: 'text' },
  team_match_withdrawal: { session_token: 'text', withdrawal_reference: 'text', referral_reference: 'text' },
  team_complete_withdrawal: { session_token: 'text', withdrawal_reference: 'text' },
  team_close_withdrawal_no_entry: { session_token: 'text', withdrawal_reference: 'text' },
  team_request: { session_token: 'text', request_reference: 'text' },
  team_decide_request: { session_token: 'text', request_reference: 'text', outcome: 'text', note: 'text' },
  team_send_email_again: { session_token: 'text', outbox_id: 'uuid' },
  // Meetings and actions (supabase/migrations/20261125000880_meetings.sql).
  team_meetings: { session_token: 'text' },
  team_schedule_meeting: { session_token: 'text', payload: 'jsonb' },
  team_convene_exception: { session_token: 'text', payload: 'jsonb' },
  team_meeting: { session_token: 'text', meeting_id: 'uuid', purpose: 'text' },
  team_meeting_add_person: { session_token: 'text', meeting_id: 'uuid', referral_reference: 'text' },
  team_meeting_remove_person: { session_token: 'text', meeting_id: 'uuid', referral_reference: 'text', reason: 'text' },
  team_meeting_record: { session_token: 'text', meeting_id: 'uuid', payload: 'jsonb' },
  team_actions: { session_token: 'text', filters: 'jsonb' },
  team_action_done: { session_token: 'text', action_id: 'uuid', note: 'text' },
  // The weekly digest of overdue actions, from the deliver run.
  queue_actions_digest: { team_email: 'text' },
  team_record_cetr: { session_token: 'text', payload: 'jsonb' },
  team_set_recommendation_status: { session_token: 'text', recommendation_id: 'uuid', status: 'text' },
  team_person_cetrs: { session_token: 'text', referral_reference: 'text' },
  team_figures: { session_token: 'text' },
  team_figures_month_ends: { session_token: 'text' },
  team_register_export: { session_token: 'text' },
} as const;

export type ApiFunction = keyof typeof functions;
export type Arguments<F extends ApiFunction> = { [Name in keyof (typeof functions)[F]]?: string | number | object | null };

export interface Database {
  call<Result = Record<string, unknown>, F extends ApiFunction = ApiFunction>(fn: F, args: Arguments<F>): Promise<Result>;
  /**
   * Rewrites these tables (VACUUM FULL), so rows deleted from them are gone from their
   * files. Only over a PostgreSQL connection (as the tables' owner): the HTTP transport
   * cannot run it, and has no such method.
   */
  rewriteTables?(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The SQL function refused the call: bad input (SQLSTATE 22023) or a refusal (P0001). Nothing was changed. */
export class DatabaseProblem extends Error {
  readonly kind: 'bad_input' | 'refused';
  readonly code: string;
  /** The payload field it is about, when the function said. */
  readonly field: string | undefined;
  constructor(kind: 'bad_input' | 'refused', code: string, field: string | undefined) {
    super(code);
    this.name = 'DatabaseProblem';
    this.kind = kind;
    this.code = code;
    this.field = field;
  }
}

/** The database could not be reached or failed. `reason` is safe to log: a SQLSTATE or a word, never data. */
export class DatabaseUnavailable extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`database unavailable (${reason})`);
    this.name = 'DatabaseUnavailable';
    this.reason = reason;
  }
}

/** How long one call may take before the request gives up with a 503. */
export const callTimeoutMs = 8_000; // under 10 s end to end when the database hangs mid-request (test/resilience)

export function connectDatabase(settings: Settings, options: { timeoutMs?: number } = {}): Database {
  const timeoutMs = options.timeoutMs ?? callTimeoutMs;
  if (settings.databaseUrl) return postgresDatabase(settings.databaseUrl, timeoutMs);
  if (settings.supabaseUrl && settings.supabaseServiceRoleKey) {
    return supabaseDatabase(settings.supabaseUrl, settings.supabaseServiceRoleKey, timeoutMs);
  }
  return {
    call: () => Promise.reject(new DatabaseUnavailable('not_configured')),
    close: async () => {},
  };
}

function problemFrom(sqlstate: string | undefined, message: string | undefined, detail: string | undefined): Error {
  if (sqlstate === '22023' && message) return new DatabaseProblem('bad_input', message, detail || undefined);
  if (sqlstate === 'P0001' && message) return new DatabaseProblem('refused', message, detail || undefined);
  return new DatabaseUnavailable(sqlstate || 'no_answer');
}

/**
 * Asks the server to stop a query that took too long. postgres.js's own `query.cancel()`
 * throws away the promise of the cancel request it sends on a new connection, so when the
 * database cannot be reached that promise rejects with nobody listening (an unhandled
 * rejection in the runtime's log). This sends the same request and listens to its outcome.
 */
function cancelQuery(query: object): void {
  const running = query as { canceller?: ((query: object) => Promise<void>) | null };
  const sending = running.canceller?.(query);
  running.canceller = null;
  sending?.catch(() => {});
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new DatabaseUnavailable('timeout'));
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A value written into the query as a dollar-quoted literal with a tag that does not
 * occur in it, so no character of the value can end the literal, and cast to its type.
 */
function literal(value: unknown, type: string): string {
  if (value === null) return `null::${type}`;
  if (type === 'integer') {
    if (!Number.isSafeInteger(value)) throw new TypeError('An integer argument was not an integer');
    return `${value as number}::integer`;
  }
  const text = type === 'jsonb' ? JSON.stringify(value) : String(value);
  let tag: string;
  do {
    tag = `$v${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}$`;
  } while (text.includes(tag));
  return `${tag}${text}${tag}::${type}`;
}

/**
 * Each call is one statement sent as one simple-protocol message, with its arguments
 * as literals (above). That is one round trip instead of the two a parameterised
 * query without prepared statements takes, and it is atomic on the embedded database,
 * whose socket server serves every connection from one session and could otherwise
 * interleave two connections' Parse and Bind messages on the unnamed statement.
 */
function postgresDatabase(databaseUrl: string, timeoutMs: number): Database {
  const sql = openDatabase(databaseUrl);
  return {
    async call(fn, args) {
      const types = functions[fn] as Record<string, string>;
      const given = args as Record<string, unknown>;
      // Named notation (`email => …`) so optional arguments can be left to their defaults.
      const list = Object.keys(types)
        .filter((name) => given[name] !== undefined)
        .map((name) => `${name} => ${literal(given[name], types[name]!)}`)
        .join(', ');
      // No parameters: postgres.js sends it as a simple query.
      const query = sql.unsafe(`select public.${fn}(${list}) as result`);
      try {
        const [row] = await withTimeout(query, timeoutMs, () => cancelQuery(query));
        return row?.result;
      } catch (error) {
        if (error instanceof DatabaseUnavailable) throw error;
        const failure = error as { code?: string; message?: string; detail?: string };
        // postgres.js gives connection failures Node's codes (ECONNREFUSED, CONNECT_TIMEOUT).
        throw problemFrom(/^[0-9A-Z]{5}$/.test(failure.code ?? '') ? failure.code : undefined, failure.message, failure.detail);
      }
    },
    async rewriteTables(tables) {
      if (tables.length === 0) return;
      // One statement, outside any transaction (VACUUM cannot run in one); the names are
      // the register's own tables, quoted.
      const names = tables.map((table) => table.split('.').map((part) => `"${part.replaceAll('"', '""')}"`).join('.'));
      try {
        await sql.unsafe(`vacuum full ${names.join(', ')}`);
      } catch (error) {
        const failure = error as { code?: string };
        throw new DatabaseUnavailable(/^[0-9A-Z]{5}$/.test(failure.code ?? '') ? failure.code! : 'no_answer');
      }
    },
    close: () => sql.end({ timeout: 1 }).catch(() => {}),
  };
}

function supabaseDatabase(url: string, serviceRoleKey: string, timeoutMs: number): Database {
  const client = createClient(url, serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  return {
    async call(fn, args) {
      const named = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined));
      const { data, error } = await client.rpc(fn, named).abortSignal(AbortSignal.timeout(timeoutMs));
      if (error) throw problemFrom(error.code || undefined, error.message, error.details ?? undefined);
      return data;
    },
    close: async () => {},
  };
}
