// To the DSR team: an account from outside the allowed domains waits for their approval.
// The account's own work details, so they can check it, and where to approve or refuse
// it: the console's Accounts page (no email carries SQL any more, issue 12).
import { accountsPath } from '../../forms/console.ts';
import { defineEmail } from './template.ts';

export const accountApprovalNeeded = defineEmail<{ accountEmail: string; jobTitle: string; organisation: string; area: string }>({
  kind: 'account_approval_needed',
  facts: ['accountEmail', 'jobTitle', 'organisation', 'area'],
  draw: ({ accountEmail, jobTitle, organisation, area }, { siteUrl }) => ({
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
      { paragraph: 'Check they work where they say, then approve or refuse the account in the DSR team console:', link: `${siteUrl}${accountsPath}` },
    ],
  }),
});
