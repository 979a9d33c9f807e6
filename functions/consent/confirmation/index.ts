// GET /consent/confirmation/?reference=…: the confirmation page with its reference drawn in.
import type { PagesFunction } from '../../../src/server/context';
import { showConfirmation } from '../../../src/server/confirmations';

export const onRequestGet: PagesFunction = (context) => showConfirmation(context, 'consent');
