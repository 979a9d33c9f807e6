// GET /api/session: who is signed in, or 401.
import type { PagesFunction } from '../../src/server/http/context.ts';
import { readSession } from '../../src/server/routes/accounts.ts';

export const onRequestGet: PagesFunction = (context) => readSession(context);
