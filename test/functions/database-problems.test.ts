// Every problem code the SQL functions can raise about an answer (supabase/API.md) is
// shown to the person in words on the right question, like the form's own checks.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { forms, type FormName } from '../../src/forms/index.ts';
import { findMessage } from '../../src/forms/messages.ts';
import { DatabaseProblem } from '../../src/server/db.ts';
import { formErrorFor } from '../../src/server/problems.ts';

const api = await readFile(new URL('../../supabase/API.md', import.meta.url), 'utf8');

/** The codes listed for one SQL function's row of the API table. */
function codesOf(sqlFunction: string): string[] {
  const row = api.split('\n').find((line) => line.startsWith(`| \`${sqlFunction}\``));
  if (!row) throw new Error(`supabase/API.md has no row for ${sqlFunction}`);
  const errors = row.split(' | ').at(-1) ?? '';
  return [...errors.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!).filter((code) => code.includes('_'));
}

const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
/** The payload field a code is about: its words before the kind of problem. */
const fieldOf = (code: string) => camel(code.replace(/_(missing|invalid|too_long|in_future|before_birth|not_found|mismatch|not_agreed|not_understood)$/, ''));

const special: Record<string, string> = {
  requester_contact_missing: 'requesterEmail',
  responsibilities_not_agreed: 'agreedToResponsibilities',
  support_continues_not_understood: 'understandsSupportContinues',
  rating_blue_needs_hospital: 'rating',
  hospital_needs_blue_rating: 'rating',
};

const submissions: [FormName, string][] = [
  ['register', 'register_professional'],
  ['consent', 'record_consent'],
  ['referral', 'submit_referral'],
  ['withdrawal', 'request_withdrawal'],
];

for (const [formName, sqlFunction] of submissions) {
  describe(`${sqlFunction} → the ${formName} form`, () => {
    const form = forms[formName];
    const codes = codesOf(sqlFunction);
    const aboutQuestions = codes.filter((code) => {
      const field = form.field(special[code] ?? fieldOf(code));
      return field && field.type !== 'hidden';
    });

    it('lists codes in supabase/API.md, most of them about the form’s questions', () => {
      expect(aboutQuestions.length).toBeGreaterThan(codes.length / 2);
    });

    it.each(aboutQuestions)('%s has words on its question', (code) => {
      const field = special[code] ?? fieldOf(code);
      const kind = code === 'consent_reference_not_found' || code === 'consent_reference_mismatch' || code === 'nhs_number_mismatch' ? 'refused' : 'bad_input';
      const answers = formName === 'consent' ? { decision: 'best_interests' } : {};
      const error = formErrorFor(form, new DatabaseProblem(kind, code, field), answers);
      expect(error, code).toBeDefined();
      expect(findMessage(formName, error!), `${code} → ${error!.field}.${error!.code}`).toBeTypeOf('string');
    });

    it('treats a code about something that is not a question (a setting) as not the person’s to fix', () => {
      expect(formErrorFor(form, new DatabaseProblem('bad_input', 'site_url_invalid', 'siteUrl'), {})).toBeUndefined();
      expect(formErrorFor(form, new DatabaseProblem('bad_input', 'payload_invalid', undefined), {})).toBeUndefined();
    });
  });
}

it('puts the decision-maker’s name on the question the person answered, for each kind of decision', () => {
  const problem = new DatabaseProblem('bad_input', 'decision_maker_name_missing', 'decisionMakerName');
  expect(formErrorFor(forms.consent, problem, { decision: 'best_interests' })).toEqual({ field: 'bestInterestsDecisionMakerName', code: 'required' });
  expect(formErrorFor(forms.consent, problem, { decision: 'parental_responsibility' })).toEqual({ field: 'decisionMakerName', code: 'required' });
});
