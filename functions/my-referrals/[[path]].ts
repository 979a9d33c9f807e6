// A professional's own page: GET /my-referrals/ (src/server/routes/my-referrals.ts).
import type { PagesFunction } from '../../src/server/http/context.ts';
import { getMyReferrals } from '../../src/server/routes/my-referrals.ts';

export const onRequestGet: PagesFunction = (context) => getMyReferrals(context);
