// Valid answers for each form, generated from the form's own definition: the choices
// of every radio, checkbox and select come from its options, every text's length from
// its maxLength, conditional questions are answered only when they are shown, and the
// rules between answers (a hospital needs BLUE, dates after the date of birth, a way
// to be contacted) are kept. Values vary as people and scripts really send them:
// Unicode, SQL and HTML in free text, dates as three boxes or one ISO string, NHS
// numbers with spaces or dashes, postcodes in any case.
import fc from 'fast-check';
import { yearsBefore } from '../../src/forms/dates.ts';
import { forms, type FormDefinition, type FormName } from '../../src/forms/index.ts';
import { hasValidCheckDigit } from '../../src/forms/nhs-number.ts';
import type { Field } from '../../src/forms/types.ts';

/** What a form posts, before it is encoded as JSON or as a form post. */
export type Answers = Record<string, string | string[] | boolean>;

export const sqlInjections = [
  "'; drop table private.referrals; --",
  "' or '1'='1",
  "Robert'); delete from private.people; --",
  '$$; select pg_sleep(5); $$',
  "\\'; select 1; --",
  '1; update private.professionals set status = $x$active$x$',
  "O'Brien-Smith",
];

export const htmlInjections = [
  '<script>fuzzAlert(1)</script>',
  '"><img src=x onerror=fuzzAlert(1)>',
  "javascript:fuzzAlert('x')",
  '<a href="https://evil.example">click</a>',
  '{{constructor.constructor("fuzzAlert(1)")()}}',
  '&lt;b&gt;&amp;&quot;',
];

const ordinaryText = ['Alex', 'Jo Social', 'Mother, and an advocate', 'Zoë Ní Bhriain', 'Łukasz Żółć', '李小龍', 'محمد', '👩🏽‍⚕️ nurse', 'Ünïcødé ok'];

/** Text somebody might type into a box: never blank, never longer than the box allows. */
export function typedText(maxLength: number): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ordinaryText) },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(maxLength, 60) }) },
      { weight: 1, arbitrary: fc.constantFrom(...sqlInjections, ...htmlInjections) },
      // Right at the limit (the form counts UTF-16 units, the database characters).
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: maxLength, maxLength }) },
    )
    .filter((text) => text.trim() !== '' && text.trim().length <= maxLength);
}

/** A date's answer: three boxes (with or without leading zeros and spaces) or one ISO string, as the island may send. */
function dateAnswer(name: string, iso: string): fc.Arbitrary<Answers> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return fc.oneof(
    fc.record({
      pad: fc.boolean(),
      space: fc.boolean(),
    }).map(({ pad, space }) => {
      const box = (part: string) => (space ? ` ${pad ? part : String(Number(part))} ` : pad ? part : String(Number(part)));
      return { [`${name}-day`]: box(day), [`${name}-month`]: box(month), [`${name}-year`]: year };
    }),
    fc.constant({ [name]: iso }),
  );
}

const dayMs = 86_400_000;
const isoDaysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * dayMs).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** A date of birth and a later date (both not after today), as days before today. */
function birthAndLater(today: string): fc.Arbitrary<{ born: string; later: string }> {
  const oldest = daysBetween(yearsBefore(today, 120), today);
  return fc
    .tuple(fc.integer({ min: 0, max: oldest }), fc.integer({ min: 0, max: oldest }))
    .map(([a, b]) => ({ born: isoDaysBefore(today, Math.max(a, b)), later: isoDaysBefore(today, Math.min(a, b)) }));
}

/** Any date from 1 January 1900 to today. */
function pastDate(today: string): fc.Arbitrary<string> {
  return fc.integer({ min: 0, max: daysBetween('1900-01-01', today) }).map((days) => isoDaysBefore(today, days));
}

function optionsOf(form: FormDefinition<any>, name: string): string[] {
  const field = form.field(name) as Extract<Field, { options: readonly unknown[] }> | undefined;
  if (!field || !('options' in field)) throw new Error(`${form.name}.${name} has no options`);
  return field.options.map((option) => option.value);
}

function maxLengthOf(form: FormDefinition<any>, name: string): number {
  const field = form.field(name) as Extract<Field, { maxLength: number }> | undefined;
  if (!field || !('maxLength' in field)) throw new Error(`${form.name}.${name} has no maxLength`);
  return field.maxLength;
}

const oneOf = (form: FormDefinition<any>, name: string) => fc.constantFrom(...optionsOf(form, name));
const someOf = (form: FormDefinition<any>, name: string) => fc.subarray(optionsOf(form, name), { minLength: 1 });
const text = (form: FormDefinition<any>, name: string) => typedText(maxLengthOf(form, name));
/** An optional box: left empty or answered. */
const maybe = (answer: fc.Arbitrary<string>) => fc.oneof(fc.constant(''), answer);
/** An agreement box, ticked: a form post sends "yes"; the island may send true. */
const ticked = fc.constantFrom<string | boolean>('yes', true, 'on');

/** Email addresses the forms accept: fast-check's RFC addresses, in any case. */
export const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]$/),
    fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/),
    fc.constantFrom('nhs.net', 'example.com', 'northshire-ft.nhs.uk', 'council.gov.uk', 'example.org'),
    fc.boolean(),
  )
  .filter(([local]) => !local.includes('..'))
  .map(([local, label, domain, shout]) => {
    const address = `${local}@${label}.${domain}`;
    return shout ? address.toUpperCase() : address;
  });

/** UK and international phone numbers as people write them. */
const phoneNumber = fc.oneof(
  fc.integer({ min: 0, max: 999 }).map((n) => `01632 960 ${String(n).padStart(3, '0')}`),
  fc.integer({ min: 0, max: 999 }).map((n) => `07700 900${String(n).padStart(3, '0')}`),
  fc.integer({ min: 0, max: 999_999 }).map((n) => `+44 7700 ${String(n).padStart(6, '0')}`),
  fc.integer({ min: 0, max: 9999 }).map((n) => `(020) 7946-${String(n).padStart(4, '0')}`),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `+1 202 ${String(n).padStart(7, '0')}`),
);

/**
 * A valid NHS number, without fast-check's bias towards small values (two runs with the same
 * number and different dates of birth would be refused as a likely typing mistake).
 */
const nhsNumber = fc
  .tuple(fc.noBias(fc.integer({ min: 0, max: 999_999_999 })), fc.constantFrom('', ' ', '-'))
  .map(([n, gap]) => {
    const first = String(n).padStart(9, '0');
    const check = [...'0123456789'].find((digit) => hasValidCheckDigit(first + digit));
    return check === undefined ? undefined : `${first.slice(0, 3)}${gap}${first.slice(3, 6)}${gap}${first.slice(6)}${check}`;
  })
  .filter((typed): typed is string => typed !== undefined);

/** Real postcodes of the kind the register holds, typed in any case with or without the space. */
const postcode = fc
  .tuple(fc.constantFrom('LS1 4AP', 'ST4 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'SW1A 2AA', 'NE1 4ST'), fc.boolean(), fc.boolean())
  .map(([code, lower, squash]) => {
    const typed = squash ? code.replace(' ', '') : code;
    return lower ? typed.toLowerCase() : typed;
  });

const referenceLetters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const referenceOf = (prefix: string) =>
  fc
    .tuple(fc.array(fc.constantFrom(...referenceLetters), { minLength: 8, maxLength: 8 }), fc.boolean())
    .map(([letters, lower]) => {
      const reference = `${prefix}-${letters.slice(0, 4).join('')}-${letters.slice(4).join('')}`;
      return lower ? reference.toLowerCase() : reference;
    });

/** Valid answers for each form. `today` is the date the function will judge them against. */
export function validAnswers(formName: FormName, today: string, context: { signInEmail?: string } = {}): fc.Arbitrary<Answers> {
  switch (formName) {
    case 'register': {
      const form = forms.register;
      return fc.record({
        fullName: text(form, 'fullName'),
        email: emailAddress,
        jobTitle: text(form, 'jobTitle'),
        organisation: text(form, 'organisation'),
        area: oneOf(form, 'area'),
        phone: maybe(phoneNumber),
        agreedToResponsibilities: ticked,
      });
    }
    case 'signIn':
      // Now and then the address of an account, which gets a link (five an hour at most).
      return fc.record({ email: context.signInEmail ? fc.oneof({ weight: 9, arbitrary: emailAddress }, { weight: 1, arbitrary: fc.constant(context.signInEmail) }) : emailAddress });
    case 'signInConfirm':
      // @TOKEN@ is replaced by a real token, made for signInEmail just before posting (test/fuzz/endpoint.ts).
      return fc.record({
        token: fc.constant('@TOKEN@'),
        email: fc.constantFrom(context.signInEmail ?? '', (context.signInEmail ?? '').toUpperCase(), ` ${context.signInEmail ?? ''} `),
        next: fc.oneof(fc.constantFrom('/refer/', '/consent/', '', 'https://evil.example/'), fc.string()),
      });
    case 'consent': {
      const form = forms.consent;
      return fc
        .tuple(
          fc.record({ personName: text(form, 'personName'), decision: oneOf(form, 'decision'), sharingWith: someOf(form, 'sharingWith') }),
          birthAndLater(today),
          fc.record({ maker: text(form, 'decisionMakerName'), bestInterestsMaker: text(form, 'bestInterestsDecisionMakerName'), role: text(form, 'decisionMakerRole'), consulted: someOf(form, 'consulted') }),
        )
        .chain(([main, dates, decision]) =>
          fc.tuple(dateAnswer('dateOfBirth', dates.born), dateAnswer('decisionDate', dates.later)).map(([born, decided]) => {
            const answers: Answers = { personName: main.personName, decision: main.decision, sharingWith: main.sharingWith, ...born, ...decided };
            if (main.decision === 'parental_responsibility') answers.decisionMakerName = decision.maker;
            if (main.decision === 'best_interests') {
              answers.bestInterestsDecisionMakerName = decision.bestInterestsMaker;
              answers.decisionMakerRole = decision.role;
              answers.consulted = decision.consulted;
            }
            return answers;
          }),
        );
    }
    case 'referral': {
      const form = forms.referral;
      const livesInOptions = optionsOf(form, 'livesIn');
      const communityRatings = optionsOf(form, 'rating').filter((rating) => rating !== 'blue');
      return fc
        .record({
          person: fc.record({
            givenName: text(form, 'givenName'),
            familyName: text(form, 'familyName'),
            postcode,
            area: oneOf(form, 'area'),
            gpPractice: maybe(text(form, 'gpPractice')),
            condition: oneOf(form, 'condition'),
          }),
          nhs: fc.oneof(
            nhsNumber.map((typed) => ({ nhsNumberKnown: 'yes', nhsNumber: typed })),
            text(form, 'nhsNumberUnknownReason').map((reason) => ({ nhsNumberKnown: 'no', nhsNumberUnknownReason: reason })),
          ),
          livesIn: fc.constantFrom(...livesInOptions),
          hospitalName: text(form, 'hospitalName'),
          communityRating: fc.constantFrom(...communityRatings),
          dates: fc.tuple(birthAndLater(today), fc.integer({ min: 0, max: 1000 })),
          ratingReason: text(form, 'ratingReason'),
          consentBasis: oneOf(form, 'consentBasis'),
          familyInvolved: text(form, 'familyInvolved'),
          services: someOf(form, 'servicesInvolved'),
          otherServices: text(form, 'otherServices'),
          previousReview: oneOf(form, 'previousReview'),
          communicationNeeds: maybe(text(form, 'communicationNeeds')),
          submissionId: maybe(fc.uuid({ version: 4 })),
          // Answered at every age: at 18 to 25 it is needed, elsewhere it is read and kept.
          hasEhcp: oneOf(form, 'hasEhcp'),
        })
        .chain((r) => {
          const { born, later } = r.dates[0];
          // Admission and the rating's agreement both fall between birth and today.
          const admitted = isoDaysBefore(later, Math.min(r.dates[1], daysBetween(born, later)));
          const inHospital = r.livesIn === 'mental_health_hospital';
          return fc
            .tuple(dateAnswer('dateOfBirth', born), dateAnswer('ratingAgreedOn', later), dateAnswer('admissionDate', admitted))
            .map(([bornAnswer, agreedAnswer, admittedAnswer]) => {
              const answers: Answers = {
                ...r.person,
                ...r.nhs,
                ...bornAnswer,
                hasEhcp: r.hasEhcp,
                livesIn: r.livesIn,
                rating: inHospital ? 'blue' : r.communityRating,
                ...agreedAnswer,
                ratingReason: r.ratingReason,
                consentBasis: r.consentBasis,
                consentReference: '',
                familyInvolved: r.familyInvolved,
                servicesInvolved: r.services,
                previousReview: r.previousReview,
                communicationNeeds: r.communicationNeeds,
                submissionId: r.submissionId,
              };
              if (inHospital) Object.assign(answers, { hospitalName: r.hospitalName }, admittedAnswer);
              if (r.services.includes('other')) answers.otherServices = r.otherServices;
              return answers;
            });
        });
    }
    case 'withdrawal': {
      const form = forms.withdrawal;
      return fc
        .record({
          personName: text(form, 'personName'),
          born: pastDate(today).filter((iso) => iso >= yearsBefore(today, 120)),
          dsrReference: maybe(referenceOf('DSR')),
          requesterRelationship: oneOf(form, 'requesterRelationship'),
          requesterName: text(form, 'requesterName'),
          contact: fc.oneof(
            fc.record({ requesterEmail: emailAddress, requesterPhone: fc.constant('') }),
            fc.record({ requesterEmail: fc.constant(''), requesterPhone: phoneNumber }),
            fc.record({ requesterEmail: emailAddress, requesterPhone: phoneNumber }),
          ),
          understandsSupportContinues: ticked,
        })
        .chain(({ born, contact, ...rest }) => dateAnswer('dateOfBirth', born).map((bornAnswer) => ({ ...rest, ...contact, ...bornAnswer })));
    }
    case 'request': {
      const form = forms.request;
      return fc
        .record({
          askerRelationship: oneOf(form, 'askerRelationship'),
          askerConnection: text(form, 'askerConnection'),
          personName: text(form, 'personName'),
          born: pastDate(today).filter((iso) => iso >= yearsBefore(today, 120)),
          area: oneOf(form, 'area'),
          worries: text(form, 'worries'),
          personKnows: oneOf(form, 'personKnows'),
          askerName: text(form, 'askerName'),
          contact: fc.oneof(
            fc.record({ askerEmail: emailAddress, askerPhone: fc.constant('') }),
            fc.record({ askerEmail: fc.constant(''), askerPhone: phoneNumber }),
            fc.record({ askerEmail: emailAddress, askerPhone: phoneNumber }),
          ),
        })
        .chain(({ born, contact, askerConnection, ...rest }) =>
          dateAnswer('dateOfBirth', born).map((bornAnswer) => ({
            ...rest,
            ...(rest.askerRelationship === 'someone_else' ? { askerConnection } : {}),
            ...contact,
            ...bornAnswer,
          })),
        );
    }
  }
}
