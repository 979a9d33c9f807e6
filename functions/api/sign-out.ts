// POST /api/sign-out: end the session on the server and remove its cookie.
import type { PagesFunction } from '../../src/server/http/context.ts';
import { signOut } from '../../src/server/routes/accounts.ts';

export const onRequestPost: PagesFunction = (context) => signOut(context);
