// The SQL functions check every answer again (they are the last line: see
// supabase/API.md). When they refuse one, their problem code is turned here into
// the form's own error code for that question, so messages.ts words it the same way
// as if the form had caught it. A problem that is not about a question of the form
// (a setting, a bug) is not the person's to fix: it becomes a 503.
import type { FormDefinition } from '../forms/define-form.ts';
import type { FieldError } from '../forms/types.ts';
import type { DatabaseProblem } from './db';

/** Problem codes (without their field prefix) whose form code differs from the general rules below. */
const specialCodes: Record<string, string> = {
  nhs_number_invalid: 'check_digit',
  nhs_number_mismatch: 'mismatch',
  consent_reference_not_found: 'not_found',
  consent_reference_mismatch: 'mismatch',
  rating_blue_needs_hospital: 'blue_needs_hospital',
  hospital_needs_blue_rating: 'hospital_needs_blue',
  requester_contact_missing: 'contact_missing',
  responsibilities_not_agreed: 'required',
  support_continues_not_understood: 'required',
};

/** Fields the database names differently from the form (the payload joins some form questions). */
const formFieldFor: Partial<Record<string, (answers: Record<string, unknown>) => string>> = {
  // The consent form asks the decision-maker's name in two places, one per kind of decision.
  decisionMakerName: (answers) => (answers.decision === 'best_interests' ? 'bestInterestsDecisionMakerName' : 'decisionMakerName'),
  // "Which other service?" is sent as one of the services.
  servicesInvolved: () => 'servicesInvolved',
};

/** The form's error for a database problem, or undefined when it is not about a question on this form. */
export function formErrorFor(form: FormDefinition<any>, problem: DatabaseProblem, answers: Record<string, unknown>): FieldError | undefined {
  if (!problem.field) return undefined;
  const fieldName = formFieldFor[problem.field]?.(answers) ?? problem.field;
  const field = form.field(fieldName);
  // A hidden value is the page's, not the person's: nothing they could change would help.
  if (!field || field.type === 'hidden') return undefined;
  const special = specialCodes[problem.code];
  if (special) return { field: fieldName, code: special };
  const general = /_(missing|too_long|in_future|before_birth|invalid)$/.exec(problem.code)?.[1];
  switch (general) {
    case 'missing':
      return { field: fieldName, code: 'required' };
    case 'too_long':
      return { field: fieldName, code: 'too_long' };
    case 'in_future':
    case 'before_birth':
      return { field: fieldName, code: general };
    case 'invalid':
      // "Not one of the choices" is answered like no choice; a bad date is not a real date.
      if (field.type === 'date') return { field: fieldName, code: 'not_real' };
      if (field.type === 'radios' || field.type === 'checkboxes' || field.type === 'select' || field.type === 'agreement') {
        return { field: fieldName, code: 'required' };
      }
      return { field: fieldName, code: 'format' };
    default:
      return undefined;
  }
}
