// POST /api/withdrawals: ask for someone to be taken off the register (no account needed). Returns a WDR- reference.
import type { PagesFunction } from '../../src/server/context';
import { withdrawalRoute } from '../../src/server/records';
import { handleFormPost } from '../../src/server/submission';

export const onRequestPost: PagesFunction = (context) => handleFormPost(context, withdrawalRoute);
