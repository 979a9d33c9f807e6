// Every problem any input can produce has words written for it, and the words are plain.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forms, messages, type FormName } from '../../../src/forms/index.ts';
import { describeWait, findMessage, rateLimitedMessage } from '../../../src/forms/messages.ts';
import * as answers from '../../support/answers.ts';

const validAnswers: Record<FormName, Record<string, unknown>> = {
  register: answers.registration,
  signIn: { email: 'sam@nhs.net' },
  signInConfirm: { token: 'a'.repeat(43), email: 'sam@nhs.net', next: '/refer/' },
  consent: answers.consent,
  referral: answers.referral,
  withdrawal: answers.withdrawal,
  request: answers.request,
};

/** Any JSON value, and the kinds of text people actually type. */
const anyAnswer = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', 'yes', 'no', 'other', 'best_interests', 'mental_health_hospital', 'blue', '29', '2', '2024', '943 476 5919', 'LS1 4AP'),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.record({ day: fc.string({ maxLength: 3 }), month: fc.string({ maxLength: 3 }), year: fc.string({ maxLength: 5 }) }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

for (const [name, form] of Object.entries(forms) as [FormName, (typeof forms)[FormName]][]) {
  describe(`messages of the ${name} form`, () => {
    // Each posted name: the fields, plus the three boxes of each date.
    const postedNames = form.fields.flatMap((field) =>
      field.type === 'date' ? [field.name, `${field.name}-day`, `${field.name}-month`, `${field.name}-year`] : [field.name],
    );

    it('has words for every error that any input can cause, and never throws', () => {
      fc.assert(
        fc.property(
          fc.dictionary(fc.constantFrom(...postedNames), anyAnswer),
          fc.boolean(),
          (changes, startValid) => {
            const posted = startValid ? { ...validAnswers[name], ...changes } : changes;
            const result = form.validate(posted, { today: answers.today });
            if (result.ok) return;
            for (const error of result.errors) {
              expect(findMessage(form, error), `${error.field}: ${error.code}`).toBeTypeOf('string');
            }
          },
        ),
        { numRuns: 400 },
      );
    });

    it('never says "invalid", and every message is a sentence without a full stop (the NHS style)', () => {
      for (const [field, byCode] of Object.entries(messages[name])) {
        for (const [code, message] of Object.entries(byCode)) {
          expect(message, `${field}.${code}`).not.toMatch(/invalid/i);
          expect(message, `${field}.${code}`).toMatch(/^[A-Z]/);
          expect(message, `${field}.${code}`).not.toMatch(/\.$/);
        }
      }
    });
  });
}

describe('how long to wait', () => {
  it.each([
    [1, '1 second'],
    [30, '30 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [3599, '60 minutes'],
  ])('%i seconds reads "%s"', (seconds, words) => {
    expect(describeWait(seconds)).toBe(words);
  });
  it('is part of the too-many-attempts message', () => {
    expect(rateLimitedMessage(600)).toBe('You have sent this form too many times. Wait 10 minutes, then try again');
  });
});
