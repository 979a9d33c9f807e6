// The DSR team's console: GET /team/ (Today) and the pages below it (a person's record,
// Accounts, a withdrawal request, a family's request); POST their actions
// (src/server/routes/team.ts).
import type { PagesFunction } from '../../src/server/http/context.ts';
import { getConsolePage, postConsoleAction } from '../../src/server/routes/team.ts';

export const onRequestGet: PagesFunction = (context) => getConsolePage(context);
export const onRequestPost: PagesFunction = (context) => postConsoleAction(context);
