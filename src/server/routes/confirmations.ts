// Pages a function draws from the built page on a GET: a form's confirmation page with
// its reference drawn in (/refer/confirmation/?reference=DSR-7K3M-Q9PA&rating=red…),
// and a form page that copies values from its address (the sign-in link's page, whose
// button must work without JavaScript). References are not personal details, and only
// one of the right shape is ever drawn; the answers from an address go back only into
// hidden fields of the same page.
import type { FormDefinition, FormName } from '../../forms/index.ts';
import { receiptFromAddress } from '../../forms/receipts.ts';
import { readReference } from '../../forms/references.ts';
import { sentState } from '../../forms/steps.ts';
import type { FunctionContext } from '../http/context.ts';
import { renderFormPage } from '../http/render.ts';

export async function showConfirmation(context: FunctionContext, form: FormDefinition): Promise<Response> {
  const query = new URL(context.request.url).searchParams;
  const reference = form.reference ? readReference(form.reference, query.get('reference') ?? '') : undefined;
  // No reference (or a made-up one): the page as built, which says the same without it.
  if (!reference || !form.confirmation.page) return context.next();
  const state = sentState(form, receiptFromAddress(reference, query));
  return renderFormPage(context.env, context.request, { form: form.name as FormName, page: form.confirmation.page, state }, 200);
}

/** The sign-in link's page: opening it spends nothing; its button posts the values. */
export async function showFromAddress(context: FunctionContext, form: FormDefinition): Promise<Response> {
  const query = new URL(context.request.url).searchParams;
  const names = form.fromAddress ?? [];
  if (!names.some((name) => query.get(name))) return context.next();
  const values = Object.fromEntries(names.map((name) => [name, query.get(name) ?? '']));
  return renderFormPage(context.env, context.request, { form: form.name as FormName, page: form.page, state: { values, view: { step: 'form', errors: [] } } }, 200);
}
