// The part of Cloudflare's Pages Functions context the functions use. Declared here,
// not taken from @cloudflare/workers-types, whose global Request/Response types clash
// with the DOM types the rest of the project (Astro, React, tests) is checked against.
import type { Env } from '../platform/settings.ts';

export interface FunctionContext<Params extends string = never> {
  request: Request;
  env: Env;
  params: Record<Params, string | string[]>;
  /** Keeps the worker alive after the response for work such as sending emails. */
  waitUntil(promise: Promise<unknown>): void;
  /** The next handler: the static asset or the route's function (middleware only). */
  next(input?: Request | string, init?: RequestInit): Promise<Response>;
}

/** A route's handler, e.g. `export const onRequestGet: PagesFunction = ...`. */
export type PagesFunction<Params extends string = never> = (context: FunctionContext<Params>) => Response | Promise<Response>;
