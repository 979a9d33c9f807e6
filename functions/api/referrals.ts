// POST /api/referrals: refer someone to the register (signed in). Returns a DSR- reference.
import type { PagesFunction } from '../../src/server/context';
import { referralRoute } from '../../src/server/records';
import { handleFormPost } from '../../src/server/submission';

export const onRequestPost: PagesFunction = (context) => handleFormPost(context, referralRoute);
