// POST /api/internal/deliver: send the emails waiting in the outbox (needs DELIVER_SECRET).
import type { PagesFunction } from '../../../src/server/http/context.ts';
import { deliver } from '../../../src/server/routes/deliver.ts';

export const onRequestPost: PagesFunction = (context) => deliver(context);
