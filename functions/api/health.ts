// GET /api/health: {"status":"ok","database":"ok"}, or 503 when the database cannot be reached.
import type { PagesFunction } from '../../src/server/http/context.ts';
import { checkHealth } from '../../src/server/routes/health.ts';

export const onRequestGet: PagesFunction = ({ env, waitUntil }) => checkHealth(env, waitUntil);
