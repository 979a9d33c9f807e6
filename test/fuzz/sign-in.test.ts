// POST /api/sign-in under fuzzed bodies (see endpoint.ts for the property). Sign-in links
// to one address are limited (5 an hour): valid posts past that are rightly refused with 429.
import { expect } from 'vitest';
import { onRequestPost } from '../../functions/api/sign-in.ts';
import { signInForm } from '../../src/forms/index.ts';
import { limits } from '../../src/server/rate-limits.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint } from './endpoint.ts';

const validPostsTo = new Map<string, number>();
const addressOf = (posted: Parameters<typeof signInForm.validate>[0]) => {
  const checked = signInForm.validate(posted);
  if (!checked.ok) throw new Error('not valid answers');
  return checked.payload.email;
};

fuzzEndpoint({
  form: signInForm,
  path: '/api/sign-in',
  handler: onRequestPost,
  acceptedStatus: 202,
  valid: ({ today, professional }) => validAnswers('signIn', today, { signInEmail: professional.email }),
  beforeValidPost(posted) {
    const address = addressOf(posted);
    validPostsTo.set(address, (validPostsTo.get(address) ?? 0) + 1);
  },
  expectedRefusal: (status, posted) => status === 429 && (validPostsTo.get(addressOf(posted)) ?? 0) > limits.signInEmailsPerAddress.maxHits,
  async stored(accepted, { professional }) {
    // A link (a token) only for an address with an account; the answer is the same either way.
    const tokens = accepted.after.sign_in_tokens - accepted.before.sign_in_tokens;
    expect(tokens).toBe(addressOf(accepted.posted) === professional.email ? 1 : 0);
  },
});
