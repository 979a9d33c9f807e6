// POST /api/consents: record consent or a Best Interests Decision (signed in). Returns a CON- reference.
import type { PagesFunction } from '../../src/server/context';
import { consentRoute } from '../../src/server/records';
import { handleFormPost } from '../../src/server/submission';

export const onRequestPost: PagesFunction = (context) => handleFormPost(context, consentRoute);
