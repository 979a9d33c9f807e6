// POST /api/register under fuzzed bodies (see endpoint.ts for the property).
import { expect } from 'vitest';
import { onRequestPost } from '../../functions/api/register.ts';
import { registerForm } from '../../src/forms/index.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint } from './endpoint.ts';

fuzzEndpoint({
  form: registerForm,
  path: '/api/register',
  handler: onRequestPost,
  acceptedStatus: 202,
  valid: ({ today }) => validAnswers('register', today),
  async stored({ posted }, { sql }) {
    const checked = registerForm.validate(posted);
    if (!checked.ok) throw new Error('accepted answers the form refuses');
    // A new address gets an account; one already registered keeps its single account.
    const rows = await sql`select status from private.professionals where email = ${checked.payload.email}`;
    expect(rows).toHaveLength(1);
  },
});
