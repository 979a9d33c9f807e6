// The mail transport: an email, drawn by its template (src/server/emails/), goes out
// through the Resend SDK with its Idempotency-Key, so a retry never sends it twice.
// Without RESEND_API_KEY, on someone's own machine, emails are printed to the console
// instead, links and all, so the site can be used without an email account.
import { Resend } from 'resend';
import { isLocalPlainHttp, type Settings } from './settings.ts';

export interface Email {
  to: string;
  subject: string;
  /** The plain-text part. */
  text: string;
  /** The HTML part, from the same template. */
  html?: string;
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

// One Resend client per key and address, made once for the isolate rather than per request
// (it holds no connection: each send is its own fetch, so requests may share it).
const resendClients = new Map<string, Resend>();

function resendClient(apiKey: string, baseUrl: string | undefined): Resend {
  const id = `${baseUrl ?? ''} ${apiKey}`;
  let client = resendClients.get(id);
  if (!client) {
    client = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : {});
    resendClients.set(id, client);
  }
  return client;
}

function resendMailer(settings: Settings, timeoutMs: number): Mailer {
  const resend = resendClient(settings.resendApiKey!, settings.resendBaseUrl || undefined);
  return {
    kind: 'resend',
    async send(email) {
      const { data, error } = await resend.emails.send(
        { from: settings.mailFrom, to: [email.to], subject: email.subject, text: email.text, ...(email.html ? { html: email.html } : {}) },
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
