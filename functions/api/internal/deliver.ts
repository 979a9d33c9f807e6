// POST /api/internal/deliver: send the emails waiting in the outbox (needs DELIVER_SECRET).
import type { PagesFunction } from '../../../src/server/context';
import { deliver } from '../../../src/server/deliver';

export const onRequestPost: PagesFunction = (context) => deliver(context);
