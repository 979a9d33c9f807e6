// GET /api/session: who is signed in, or 401.
import type { PagesFunction } from '../../src/server/context';
import { readSession } from '../../src/server/accounts';

export const onRequestGet: PagesFunction = (context) => readSession(context);
