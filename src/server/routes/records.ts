// The records people send (consent, referrals, withdrawal requests, and any form that
// gives a reference): the form's SQL function, with the signed-in professional and the
// team's address added to the answers, and its reference (with any facts the person is
// told, such as a referral's rating) back in the answer and the confirmation's address.
// Nothing here is written per form: a new record form needs only its definition.
import type { FormDefinition } from '../../forms/index.ts';
import { confirmationAddress, receiptFromAnswer } from '../../forms/receipts.ts';
import type { ApiFunction } from '../platform/database.ts';
import { log } from '../platform/log.ts';
import type { FormRoute } from '../submission/pipeline.ts';

/** What the SQL functions that save a record give back: its reference, and for a referral what the rules say. */
interface Saved {
  reference: string;
  [fact: string]: unknown;
}

/** The answer the person is told: the reference, and what the form's `receipt` names. */
function told(form: FormDefinition<string, unknown>, saved: Saved, payload: Record<string, unknown>): Record<string, unknown> {
  const pick = (from: Record<string, unknown>, names: readonly string[] = []) =>
    Object.fromEntries(names.filter((name) => from[name] !== undefined).map((name) => [name, from[name]]));
  return { reference: saved.reference, ...pick(payload, form.receipt?.answers), ...pick(saved, form.receipt?.saved) };
}

export function recordRoute<Payload>(form: FormDefinition<string, Payload>): FormRoute<Payload, Saved> {
  return {
    form,
    submit: (db, payload, { settings, professional }) =>
      db.call<Saved>(form.sql as ApiFunction, {
        payload: { ...payload, ...(form.needsAccount ? { professionalId: professional!.professionalId } : {}), teamEmail: settings.teamEmail },
      }),
    accepted: (saved, payload) => {
      const body = told(form, saved, payload as Record<string, unknown>);
      log({ event: `${form.name}_saved`, reference: saved.reference, ...(body.rating ? { rating: body.rating } : {}) });
      return { status: 201, body, location: confirmationAddress(form.confirmation.page ?? form.page, receiptFromAnswer(body)) };
    },
  };
}
