// POST /api/sign-in: email a one-time sign-in link (the answer never says whether the address has an account).
import type { PagesFunction } from '../../src/server/context';
import { signInRoute } from '../../src/server/accounts';
import { handleFormPost } from '../../src/server/submission';

export const onRequestPost: PagesFunction = (context) => handleFormPost(context, signInRoute);
