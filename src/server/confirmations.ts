// The confirmation pages a form post without JavaScript is sent to, with its reference
// (e.g. /refer/confirmation/?reference=DSR-7K3M-Q9PA&rating=red&keyworker=yes): the
// built page, with the reference drawn in by the form's island. References are not
// personal details, and only one of the right shape is ever drawn.
import type { FormName } from '../forms/define-form.ts';
import { forms } from '../forms/index.ts';
import { ratingOptions } from '../forms/referral.ts';
import { readReference, type ReferenceKind } from '../forms/references.ts';
import { sent } from '../islands/forms/render-form.tsx';
import type { Receipt } from '../islands/forms/state.ts';
import type { FunctionContext } from './context';
import { drawForm } from './form-pages';
import { renderFormPage } from './render';

const kinds = { referral: 'referral', consent: 'consent', withdrawal: 'withdrawal' } satisfies Partial<Record<FormName, ReferenceKind>>;

export async function showConfirmation(context: FunctionContext, formName: keyof typeof kinds): Promise<Response> {
  const query = new URL(context.request.url).searchParams;
  const reference = readReference(kinds[formName], query.get('reference') ?? '');
  // No reference (or a made-up one): the page as built, which says the same without it.
  if (!reference) return context.next();
  const receipt: Receipt = { reference };
  if (formName === 'referral') {
    const rating = query.get('rating');
    if (ratingOptions.some((option) => option.value === rating)) receipt.rating = rating!;
    const keyworker = query.get('keyworker');
    if (keyworker === 'yes' || keyworker === 'no') receipt.keyworker = keyworker === 'yes';
  }
  const form = forms[formName];
  return renderFormPage(context.env, context.request, form.confirmationPage, drawForm(formName, sent(formName, receipt)), 200);
}
