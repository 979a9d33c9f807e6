// POST /api/sign-in/confirm: spend the emailed token and start a session. Only this post spends it.
import type { PagesFunction } from '../../../src/server/context';
import { confirmSignIn } from '../../../src/server/accounts';

export const onRequestPost: PagesFunction = (context) => confirmSignIn(context);
