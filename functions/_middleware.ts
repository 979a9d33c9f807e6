// Every answer the functions give gets the site's security headers; a fault becomes a
// plain message, never a stack trace.
import { formMessages } from '../src/forms/messages.ts';
import type { PagesFunction } from '../src/server/http/context.ts';
import { withSecurityHeaders } from '../src/server/http/headers.ts';
import { problem } from '../src/server/http/responses.ts';
import { log } from '../src/server/platform/log.ts';

export const onRequest: PagesFunction = async (context) => {
  let response: Response;
  try {
    response = await context.next();
  } catch (error) {
    log({ event: 'error', path: new URL(context.request.url).pathname, error: (error as Error).name });
    response = problem(context.request, 500, formMessages.error);
  }
  return withSecurityHeaders(response, context.request.url);
};
