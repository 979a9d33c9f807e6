// Every kind of email, by the outbox row's `kind`: one template each, in the files
// beside this one.
import { actionsDigest } from './actions-digest.ts';
import { accountApprovalNeeded } from './account-approval-needed.ts';
import { accountApproved } from './account-approved.ts';
import { accountNotApproved } from './account-not-approved.ts';
import { accountExists } from './account-exists.ts';
import { accountPending } from './account-pending.ts';
import { consentRecordedReceipt } from './consent-recorded-receipt.ts';
import { consentRecordedTeam } from './consent-recorded-team.ts';
import { drawEmail, type DrawnEmail, type EmailSite } from './layout.tsx';
import { ratingReviewed } from './rating-reviewed.ts';
import { referralReceipt } from './referral-receipt.ts';
import { referralTeam } from './referral-team.ts';
import { requestAcknowledgement } from './request-acknowledgement.ts';
import { requestOutcome } from './request-outcome.ts';
import { requestTeam } from './request-team.ts';
import { firstSignInLink, signInLink } from './sign-in-link.ts';
import type { EmailTemplate, FactValue } from './template.ts';
import { withdrawalAcknowledgement } from './withdrawal-acknowledgement.ts';
import { withdrawalCompleted } from './withdrawal-completed.ts';
import { withdrawalNoEntry } from './withdrawal-no-entry.ts';
import { withdrawalTeam } from './withdrawal-team.ts';

/** The templates of the emails the SQL functions write to the outbox. */
export const outboxTemplates: readonly EmailTemplate<any>[] = [
  accountExists,
  accountApprovalNeeded,
  accountPending,
  accountApproved,
  accountNotApproved,
  consentRecordedTeam,
  consentRecordedReceipt,
  referralTeam,
  referralReceipt,
  withdrawalTeam,
  withdrawalAcknowledgement,
  withdrawalCompleted,
  withdrawalNoEntry,
  requestTeam,
  requestAcknowledgement,
  requestOutcome,
  ratingReviewed,
  actionsDigest,
];

/** Every template, the sign-in link's included. */
export const templates: readonly EmailTemplate<any>[] = [...outboxTemplates, signInLink, firstSignInLink];

export class UnknownEmailKind extends Error {
  constructor(kind: string) {
    super(`no template for the email kind "${kind}"`);
    this.name = 'UnknownEmailKind';
  }
}

/** An outbox email drawn from its facts: its subject, its text and its HTML. Throws for a kind without a template. */
export function drawOutboxEmail(kind: string, facts: Record<string, FactValue>, site: EmailSite): DrawnEmail {
  const template = outboxTemplates.find((candidate) => candidate.kind === kind);
  if (!template) throw new UnknownEmailKind(kind);
  return drawEmail(template.draw(facts, site), site);
}

export { drawEmail, firstSignInLink, signInLink, type DrawnEmail, type EmailSite };
