import type { PagesFunction } from '@cloudflare/workers-types';
import { checkHealth } from '../../src/server/health';
import type { Env } from '../../src/server/settings';

export const onRequestGet: PagesFunction<Env> = ({ env }) => checkHealth(env);
