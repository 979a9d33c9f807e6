import type { PagesFunction } from '../../src/server/context';
import { checkHealth } from '../../src/server/health';

export const onRequestGet: PagesFunction = ({ env }) => checkHealth(env);
