// Sending email. Every email but one is written to the outbox by the SQL function that
// made the record it is about, as a kind and its facts; deliverOutbox() draws each
// with its template and sends it, with the outbox row's Idempotency-Key so a retry
// never sends twice (one mark_outbox_sent_many call for a batch's sent emails): just after a submission (in waitUntil, so the person does not wait
// for email), and every minute from POST /api/internal/deliver. The one exception is
// the sign-in link: it is a live credential, which the database never stores, so it is
// sent straight away (sendSignInLink).
import { DatabaseUnavailable, type Database } from '../platform/database.ts';
import { sha256 } from '../platform/hash.ts';
import { log } from '../platform/log.ts';
import { createMailer, type Mailer, type SendResult } from '../platform/mail.ts';
import { teamEmailFor, type Settings } from '../platform/settings.ts';
import { drawEmail, drawOutboxEmail, firstSignInLink, signInLink } from './index.ts';
import type { FactValue } from './template.ts';

/** An email as claim_outbox gives it. */
export interface OutboxEmail {
  id: string;
  to: string;
  kind: string;
  facts: Record<string, FactValue>;
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

/** The reason an email to the team waits on a live site without DSR_TEAM_EMAIL (the console shows it). */
export const teamEmailNotSet = 'DSR_TEAM_EMAIL is not set: not sent to the example address';

/**
 * Draws the email and sends it; a template that cannot draw it counts as a failed send (it
 * is retried, then given up), as does an email for the team on a live site that has no
 * team address yet (teamEmailFor).
 */
async function send(mailer: Mailer, settings: Settings, email: OutboxEmail): Promise<SendResult> {
  const to = teamEmailFor(settings, email.to);
  if (to === undefined) return { ok: false, error: teamEmailNotSet, slowDown: false };
  let drawn;
  try {
    drawn = drawOutboxEmail(email.kind, email.facts, settings);
  } catch (error) {
    return { ok: false, error: `template: ${(error as Error).name}`, slowDown: false };
  }
  return mailer.send({ to, ...drawn, idempotencyKey: email.idempotencyKey });
}

/**
 * Sends the emails waiting in the outbox, urgent first. Each is claimed (hidden from
 * other senders for a while), drawn and sent with its idempotency key, then marked sent
 * or failed (failed ones come back after a growing wait). Stops at `timeBudgetMs`.
 */
export async function deliverOutbox(
  db: Database,
  mailer: Mailer,
  settings: Settings,
  options: { batchSize?: number; timeBudgetMs?: number; maxBatches?: number } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, deferred: 0 };
  const deadline = Date.now() + (options.timeBudgetMs ?? 20_000);
  const maxBatches = options.maxBatches ?? 10;
  for (let batch = 0; batch < maxBatches && Date.now() < deadline; batch++) {
    const emails = await db.call<OutboxEmail[]>('claim_outbox', { batch_size: options.batchSize ?? 10, visibility_seconds: 120 });
    if (emails.length === 0) break;
    let slowDown = false;
    const sent: { email: OutboxEmail; providerMessageId: string | undefined }[] = [];
    for (const email of emails) {
      // Left claimed, an email reappears by itself when its claim runs out.
      if (slowDown || Date.now() >= deadline) {
        report.deferred++;
        continue;
      }
      const result = await send(mailer, settings, email);
      if (result.ok) {
        sent.push({ email, providerMessageId: result.providerMessageId });
      } else {
        await db.call('mark_outbox_failed', { id: email.id, error: result.error });
        report.failed++;
        slowDown = result.slowDown;
        log({ event: 'email_failed', kind: email.kind, outboxId: email.id, attempt: email.attempts, error: result.error });
      }
    }
    // The batch's sent emails marked in one call. Should it not arrive, they come back when
    // their claim runs out and go again with the same Idempotency-Key, which Resend answers
    // without sending a second email.
    if (sent.length > 0) {
      await db.call('mark_outbox_sent_many', { sent: sent.map(({ email, providerMessageId }) => ({ id: email.id, providerMessageId: providerMessageId ?? null })) });
      for (const { email } of sent) {
        report.sent++;
        log({ event: 'email_sent', kind: email.kind, outboxId: email.id, attempt: email.attempts });
      }
    }
    if (slowDown || emails.length < (options.batchSize ?? 10)) break;
  }
  return report;
}

/**
 * After a response: one batch, within the time Cloudflare allows work after a response.
 * It uses the request's own connection (the caller closes it): a second connection
 * would cost a new database backend for every submission.
 */
export async function deliverSoon(db: Database, settings: Settings): Promise<DeliveryReport | undefined> {
  try {
    return await deliverOutbox(db, createMailer(settings), settings, { maxBatches: 1, timeBudgetMs: 20_000 });
  } catch (error) {
    // Whatever went wrong, the emails are still in the outbox: the deliver job sends them.
    log({ event: 'delivery_deferred', reason: error instanceof DatabaseUnavailable ? error.reason : (error as Error).name });
    return undefined;
  }
}

/**
 * The one-time sign-in link, sent at once (not through the outbox: see the top of this
 * file). `first`: the link sent on registering, which proves the address.
 */
export async function sendSignInLink(
  mailer: Mailer,
  settings: Settings,
  email: string,
  token: string,
  first?: { approvalNeeded: boolean },
): Promise<SendResult> {
  const link = `${settings.siteUrl}/sign-in/confirm/?token=${encodeURIComponent(token)}&email=${encodeURIComponent(email)}`;
  const content = first ? firstSignInLink.draw({ link, approvalNeeded: first.approvalNeeded }, settings) : signInLink.draw({ link }, settings);
  const result = await mailer.send({
    to: email,
    ...drawEmail(content, settings),
    // One email per token. The key holds a hash: Resend never sees the token outside the email itself.
    idempotencyKey: `sign-in:${(await sha256(token)).slice(0, 32)}`,
  });
  log(result.ok ? { event: 'sign_in_link_sent' } : { event: 'sign_in_link_failed', error: result.error });
  return result;
}
