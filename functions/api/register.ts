// POST /api/register: ask for a professional's account.
import type { PagesFunction } from '../../src/server/context';
import { registerRoute } from '../../src/server/accounts';
import { handleFormPost } from '../../src/server/submission';

export const onRequestPost: PagesFunction = (context) => handleFormPost(context, registerRoute);
