// POST /api/sign-out: end the session on the server and remove its cookie.
import type { PagesFunction } from '../../src/server/context';
import { signOut } from '../../src/server/accounts';

export const onRequestPost: PagesFunction = (context) => signOut(context);
