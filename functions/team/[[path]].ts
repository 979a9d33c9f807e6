// The DSR team's console: GET /team/ (Today) and /team/people/<DSR reference>/ (a
// person's record); POST …/acknowledge/ and …/identity/ (src/server/routes/team.ts).
import type { PagesFunction } from '../../src/server/http/context.ts';
import { getConsolePage, postConsoleAction } from '../../src/server/routes/team.ts';

export const onRequestGet: PagesFunction = (context) => getConsolePage(context);
export const onRequestPost: PagesFunction = (context) => postConsoleAction(context);
