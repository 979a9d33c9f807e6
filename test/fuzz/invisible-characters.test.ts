// Text that reaches people (issue 11, finding 13): bidirectional controls (which can make
// an email subject read backwards) and zero-width characters (which hide words) are
// removed from every answer as it is read, before it is checked, stored or put in an
// email; everything else typed is kept.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { registerForm } from '../../src/forms/index.ts';
import { registration } from '../support/answers.ts';

const invisible = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff', '\u061c', '\u180e'];
const invisiblePattern = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const visible = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((text) => !invisiblePattern.test(text));

test('no answer keeps a bidirectional or zero-width control; the visible text around it is kept', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(visible, fc.constantFrom(...invisible)), { maxLength: 12 }), fc.constantFrom('json', 'form'), (pieces, format) => {
      const typed = pieces.join('');
      const answers = { ...registration, organisation: typed, fullName: typed };
      const values = registerForm.read(format === 'json' ? answers : new URLSearchParams(answers));
      for (const name of ['organisation', 'fullName'] as const) {
        const read = values[name] as string;
        expect(invisiblePattern.test(read), JSON.stringify(read)).toBe(false);
        expect(read).toBe(pieces.filter((piece) => !invisible.includes(piece)).join('').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '').replace(/[\t\r\n]+/g, ' ').replace(/\p{Cs}/gu, '\ufffd'));
      }
    }),
    { numRuns: 500 },
  );
});

test('an organisation written to read backwards in a subject is read as typed, without the override', () => {
  const values = registerForm.read({ ...registration, organisation: 'Trust \u202eyrev\u202c\u200b Ltd' });
  expect(values['organisation']).toBe('Trust yrev Ltd');
});
