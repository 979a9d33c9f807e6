// POST /api/sign-in/confirm under fuzzed bodies (see endpoint.ts for the property). Valid
// answers carry a real token, made for the test's professional just before each post.
import { expect } from 'vitest';
import { onRequestPost } from '../../functions/api/sign-in/confirm.ts';
import { signInConfirmForm } from '../../src/forms/index.ts';
import { validAnswers } from './answers.ts';
import { fuzzEndpoint } from './endpoint.ts';

fuzzEndpoint({
  form: signInConfirmForm,
  path: '/api/sign-in/confirm',
  handler: onRequestPost,
  acceptedStatus: 200,
  valid: ({ today, professional }) => validAnswers('signInConfirm', today, { signInEmail: professional.email }),
  async placeholders({ sql, professional }) {
    const [row] = await sql`select public.create_sign_in_token(${professional.email}) as result`;
    return { TOKEN: (row!['result'] as { token: string }).token };
  },
  // A link works only with the address it was sent to: any other address is told the link does not work.
  expectedRefusal(status, posted, { professional }) {
    const checked = signInConfirmForm.validate(posted);
    return status === 422 && checked.ok && checked.payload.email !== professional.email;
  },
  async stored(accepted) {
    // The token is spent and a session begins.
    expect(accepted.after.sessions).toBe(accepted.before.sessions + 1);
  },
});
