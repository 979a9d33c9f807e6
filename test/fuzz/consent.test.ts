// POST /api/consents (signed in) under fuzzed bodies (see endpoint.ts for the property).
import { expect } from 'vitest';
import { onRequestPost } from '../../functions/api/consents.ts';
import { consentForm } from '../../src/forms/index.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint, referenceOf } from './endpoint.ts';

fuzzEndpoint({
  form: consentForm,
  path: '/api/consents',
  handler: onRequestPost,
  acceptedStatus: 201,
  valid: ({ today }) => validAnswers('consent', today),
  async stored(accepted, { sql }) {
    const checked = consentForm.validate(accepted.posted);
    if (!checked.ok) throw new Error('accepted answers the form refuses');
    const rows = await sql`select decision, date_of_birth::text as born from private.consents where reference = ${referenceOf(accepted)}`;
    expect(rows).toEqual([{ decision: checked.payload.decision, born: checked.payload.dateOfBirth }]);
    expect(accepted.after.consents).toBe(accepted.before.consents + 1);
  },
});
