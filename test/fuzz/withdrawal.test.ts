// POST /api/withdrawals under fuzzed bodies (see endpoint.ts for the property).
import { expect } from 'vitest';
import { onRequestPost } from '../../functions/api/withdrawals.ts';
import { withdrawalForm } from '../../src/forms/index.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint, referenceOf } from './endpoint.ts';

fuzzEndpoint({
  form: withdrawalForm,
  path: '/api/withdrawals',
  handler: onRequestPost,
  acceptedStatus: 201,
  valid: ({ today }) => validAnswers('withdrawal', today),
  async stored(accepted, { sql }) {
    const rows = await sql`select status from private.withdrawals where reference = ${referenceOf(accepted)}`;
    expect(rows).toEqual([{ status: 'requested' }]);
    expect(accepted.after.withdrawals).toBe(accepted.before.withdrawals + 1);
  },
});
