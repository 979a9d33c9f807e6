// GET /sign-in/confirm/?token=…&email=…: the page the emailed sign-in link opens, with
// the link's token copied into its form so that its button works without JavaScript.
// Opening the page spends nothing: only the button's POST to /api/sign-in/confirm does.
// (Added by the forms engineer: the built page alone cannot read its own address.)
import type { PagesFunction } from '../../../src/server/context';
import { drawForm } from '../../../src/server/form-pages';
import { renderFormPage } from '../../../src/server/render';

export const onRequestGet: PagesFunction = (context) => {
  const query = new URL(context.request.url).searchParams;
  const token = query.get('token');
  if (!token) return context.next();
  const values = { token, email: query.get('email') ?? '', next: query.get('next') ?? '' };
  return renderFormPage(context.env, context.request, '/sign-in/confirm/', drawForm('signInConfirm', { values, view: { step: 'form', errors: [] } }), 200);
};
