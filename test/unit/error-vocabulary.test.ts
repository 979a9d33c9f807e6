// One error vocabulary: the SQL functions raise the forms' own codes, with the field's
// name. Every code each form's SQL function can raise is collected from the migrations'
// text (test/support/sql-raises.ts), and each that is about one of its questions must
// have words in the form's messages, so the person reads it as if the form had caught
// it. The rest are not the person's to fix (the pipeline answers 503, or "signed out"),
// and every code at all is documented in supabase/API.md for the callers.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { allForms } from '../../src/forms/index.ts';
import { findMessage } from '../../src/forms/messages.ts';
import { functions } from '../../src/server/platform/database.ts';
import { raisesOfFunction, sqlFunctions } from '../support/sql-raises.ts';

/** What no form sends, and the refusals about the whole call: the server answers these itself. */
const notAboutAnAnswer = (code: string, field: string | undefined) => code === 'payload_invalid' || field === undefined;

const definitions = sqlFunctions();

for (const form of allForms) {
  describe(`${form.sql}, the ${form.name} form's SQL function`, () => {
    const raises = raisesOfFunction(form.sql, definitions);

    test('raises codes about the form’s questions (the collection found them)', () => {
      expect(raises.filter((raise) => !notAboutAnAnswer(raise.code, raise.field)).length).toBeGreaterThan(0);
    });

    test('every code about an answer is about one of the form’s questions, and has words there', () => {
      const missing = raises
        .filter((raise) => !notAboutAnAnswer(raise.code, raise.field))
        .filter((raise) => !form.field(raise.field!) || findMessage(form, { field: raise.field!, code: raise.code }) === undefined)
        .map((raise) => `${raise.field}: ${raise.code}`);
      expect(missing).toEqual([]);
    });
  });
}

test('every code any SQL function can raise is in supabase/API.md', () => {
  const api = readFileSync(new URL('../../supabase/API.md', import.meta.url), 'utf8');
  const codes = new Set(Object.keys(functions).flatMap((name) => raisesOfFunction(name, definitions).map((raise) => raise.code)));
  expect([...codes].filter((code) => !api.includes(`\`${code}\``))).toEqual([]);
});

test('the collection sees through helpers: submit_referral’s answers come from text_field, date_field and the rest', () => {
  const raises = raisesOfFunction('submit_referral', definitions).map((raise) => `${raise.field}: ${raise.code}`);
  expect(raises).toEqual(expect.arrayContaining(['givenName: required', 'givenName: too_long', 'dateOfBirth: not_real', 'nhsNumber: check_digit', 'consentReference: consent_not_yours', 'area: required']));
});
