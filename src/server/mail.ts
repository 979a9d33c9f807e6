// Sending email. Every email but one is written to the outbox by the SQL function
// that made the record it is about; deliverOutbox() sends what is waiting, through
// the Resend SDK, with the outbox row's Idempotency-Key so a retry never sends twice.
// The one exception is the sign-in link: it is a live credential, which the database
// never stores, so it is sent straight away (sendSignInLink).
//
// Without RESEND_API_KEY, on someone's own machine, emails are printed to the
// console instead, links and all, so the site can be used without an email account.
import { Resend } from 'resend';
import type { Database } from './db';
import { sha256 } from './security';
import { isLocalPlainHttp } from './sessions';
import type { Settings } from './settings';

export interface Email {
  to: string;
  subject: string;
  text: string;
  idempotencyKey: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string | undefined }
  /** `error` is stored on the outbox row and logged: a status and a name, never a recipient. */
  | { ok: false; error: string; slowDown: boolean };

export interface Mailer {
  readonly kind: 'resend' | 'console' | 'none';
  send(email: Email): Promise<SendResult>;
}

/** How long one send may take before it counts as failed (it is retried later, with the same key). */
export const sendTimeoutMs = 10_000;

export function createMailer(
  settings: Settings,
  // console.info: `wrangler pages dev --log-level info` (npm start) shows it; console.log it would hide.
  print: (text: string) => void = console.info,
  options: { timeoutMs?: number } = {},
): Mailer {
  if (settings.resendApiKey) return resendMailer(settings, options.timeoutMs ?? sendTimeoutMs);
  if (isLocalPlainHttp(settings.siteUrl)) return consoleMailer(settings, print);
  // A live site without a key: keep every email in the outbox until the key is set,
  // rather than print sign-in links into the production logs.
  return { kind: 'none', send: async () => ({ ok: false, error: 'RESEND_API_KEY is not set', slowDown: true }) };
}

function resendMailer(settings: Settings, timeoutMs: number): Mailer {
  const resend = new Resend(settings.resendApiKey, settings.resendBaseUrl ? { baseUrl: settings.resendBaseUrl.replace(/\/+$/, '') } : {});
  return {
    kind: 'resend',
    async send(email) {
      const { data, error } = await resend.emails.send(
        { from: settings.mailFrom, to: [email.to], subject: email.subject, text: email.text },
        { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) } as Parameters<typeof resend.emails.send>[1],
      );
      if (error) {
        const status = 'statusCode' in error && error.statusCode ? ` ${error.statusCode}` : '';
        return { ok: false, error: `resend${status}: ${error.name}`, slowDown: (error as { statusCode?: number }).statusCode === 429 };
      }
      return { ok: true, providerMessageId: data?.id };
    },
  };
}

function consoleMailer(settings: Settings, print: (text: string) => void): Mailer {
  return {
    kind: 'console',
    async send(email) {
      const rule = '─'.repeat(72);
      print(`\n${rule}\nEmail (not sent: RESEND_API_KEY is not set)\nFrom: ${settings.mailFrom}\nTo: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n${rule}\n`);
      return { ok: true, providerMessageId: undefined };
    },
  };
}

/** An email as claim_outbox gives it. */
export interface OutboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  urgent: boolean;
  idempotencyKey: string;
  attempts: number;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Claimed but left for later (Resend asked us to slow down, or time ran out). */
  deferred: number;
}

/**
 * Sends the emails waiting in the outbox, urgent first. Each is claimed (hidden from
 * other senders for a while), sent with its idempotency key, then marked sent or
 * failed (failed ones come back after a growing wait). Stops at `timeBudgetMs`.
 */
export async function deliverOutbox(
  db: Database,
  mailer: Mailer,
  options: { batchSize?: number; timeBudgetMs?: number; maxBatches?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, deferred: 0 };
  const deadline = Date.now() + (options.timeBudgetMs ?? 20_000);
  const maxBatches = options.maxBatches ?? 10;
  for (let batch = 0; batch < maxBatches && Date.now() < deadline; batch++) {
    const emails = await db.call<OutboxEmail[]>('claim_outbox', { batch_size: options.batchSize ?? 10, visibility_seconds: 120 });
    if (emails.length === 0) break;
    let slowDown = false;
    for (const email of emails) {
      // Left claimed, an email reappears by itself when its claim runs out.
      if (slowDown || Date.now() >= deadline) {
        report.deferred++;
        continue;
      }
      const result = await mailer.send(email);
      if (result.ok) {
        await db.call('mark_outbox_sent', { id: email.id, provider_message_id: result.providerMessageId ?? null });
        report.sent++;
        log({ event: 'email_sent', kind: email.kind, outboxId: email.id, attempt: email.attempts });
      } else {
        await db.call('mark_outbox_failed', { id: email.id, error: result.error });
        report.failed++;
        slowDown = result.slowDown;
        log({ event: 'email_failed', kind: email.kind, outboxId: email.id, attempt: email.attempts, error: result.error });
      }
    }
    if (slowDown || emails.length < (options.batchSize ?? 10)) break;
  }
  return report;
}

/** The one-time sign-in link, sent at once (not through the outbox: see the top of this file). */
export async function sendSignInLink(mailer: Mailer, settings: Settings, email: string, token: string): Promise<SendResult> {
  const link = `${settings.siteUrl}/sign-in/confirm/?token=${encodeURIComponent(token)}&email=${encodeURIComponent(email)}`;
  const result = await mailer.send({
    to: email,
    subject: 'Your link to sign in to the Dynamic Support Register',
    text:
      'Use this link to sign in. It works once, within 10 minutes:\n\n' +
      `${link}\n\n` +
      'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.\n\n' +
      `--\nDynamic Support Register\n${settings.siteUrl}/`,
    // One email per token. The key holds a hash: Resend never sees the token outside the email itself.
    idempotencyKey: `sign-in:${(await sha256(token)).slice(0, 32)}`,
  });
  log(result.ok ? { event: 'sign_in_link_sent' } : { event: 'sign_in_link_failed', error: result.error });
  return result;
}

/** One line of JSON per event: kinds, ids and references only. */
export function log(event: Record<string, unknown>): void {
  console.log(JSON.stringify(event));
}
