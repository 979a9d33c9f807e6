// Every form's routes (and the rating support tool's posts), derived from the definitions in src/forms: a post to a form's
// page (a browser without JavaScript) or to its API (the island) goes through the one
// pipeline; a GET of a confirmation page, or of a page that copies values from its
// address, is drawn. functions/[[path]].ts hands these requests here, and the
// _routes.json written at build (functionAddresses in src/forms/index.ts) sends only them to it.
import { formAt, formConfirmedAt, referralForm, type FormDefinition } from '../../forms/index.ts';
import type { FunctionContext } from '../http/context.ts';
import { json } from '../http/responses.ts';
import { handleFormPost, type FormRoute } from '../submission/pipeline.ts';
import { registerRoute, signInConfirmRoute, signInRoute } from './accounts.ts';
import { showConfirmation, showFromAddress } from './confirmations.ts';
import { recordRoute } from './records.ts';
import { postRatingSupport } from './rating-support.ts';
import { showReferAgain } from './refer-again.ts';
import { asksToFill } from '../../forms/refer-again.ts';
import { ratingSupportPage } from '../../forms/rating-support.ts';

/** The forms whose post does more than save a record: the accounts' (see accounts.ts). */
const accountRoutes: Record<string, (request: Request) => FormRoute<any, any>> = {
  register: () => registerRoute,
  signIn: () => signInRoute,
  signInConfirm: signInConfirmRoute,
};

export function routeFor(form: FormDefinition, request: Request): FormRoute<any, any> {
  return accountRoutes[form.name]?.(request) ?? recordRoute(form);
}

const notFound = () => json({ message: 'Not found' }, 404);

export function postForm(context: FunctionContext): Promise<Response> | Response {
  const { pathname } = new URL(context.request.url);
  const form = formAt(pathname);
  if (form) return handleFormPost(context, routeFor(form, context.request));
  // The rating support tool is not a form that saves anything: its steps are drawn from each post.
  if (pathname === ratingSupportPage || `${pathname}/` === ratingSupportPage) return postRatingSupport(context);
  return pathname.startsWith('/api/') ? notFound() : context.next();
}

export function getFormPage(context: FunctionContext): Promise<Response> | Response {
  const { pathname } = new URL(context.request.url);
  const confirmed = formConfirmedAt(pathname);
  if (confirmed) return showConfirmation(context, confirmed);
  const form = formAt(pathname);
  if (form?.fromAddress && form.page === pathname) return showFromAddress(context, form);
  // "Refer again" and "Refer this person": the referral form filled in from the professional's own record.
  if (form === referralForm && form.page === pathname && asksToFill(new URL(context.request.url).searchParams)) return showReferAgain(context, form);
  return context.next();
}
