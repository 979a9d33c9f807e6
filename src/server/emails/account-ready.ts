// To the person who registered from an allowed domain: the account works now.
import { accountWorksNow } from './account-approved.ts';

export const accountReady = accountWorksNow('account_ready', 'Your account is ready to use.');
