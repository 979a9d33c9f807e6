// To the DSR team: an account from outside the allowed domains waits for their approval.
// The account's own work details, so they can check it, and the line to run.
import { defineEmail } from './template.ts';

/**
 * A text as an SQL literal, exactly as PostgreSQL's quote_literal (format %L) writes it:
 * quotes doubled, and a backslash doubled inside an E'' string, so the line means the
 * same whatever the editor's standard_conforming_strings. Never join a value into SQL
 * any other way (issue 11, finding 8).
 */
export function sqlLiteral(text: string): string {
  const quoted = `'${text.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
  return text.includes('\\') ? `E${quoted}` : quoted;
}

export const accountApprovalNeeded = defineEmail<{ accountEmail: string; jobTitle: string; organisation: string; area: string }>({
  kind: 'account_approval_needed',
  facts: ['accountEmail', 'jobTitle', 'organisation', 'area'],
  draw: ({ accountEmail, jobTitle, organisation, area }) => ({
    // An organisation's name may be up to 200 characters; the subject line may not be longer.
    subject: `Account to approve: ${organisation}`.slice(0, 200),
    blocks: [
      {
        paragraph:
          'A professional has asked for an account on the Dynamic Support Register site. Their email address is not from an allowed domain, so the account waits for your approval.',
      },
      {
        facts: [
          ['Email', accountEmail],
          ['Job title', jobTitle],
          ['Organisation', organisation],
          ['Area', area],
        ],
      },
      { paragraph: 'Check they work where they say, then approve the account:' },
      { code: `select public.approve_professional(${sqlLiteral(accountEmail)}, 'your name');` },
    ],
  }),
});
