// The form islands drawn on the server (src/islands/forms/render.tsx): the markup
// the NHS design system gives, errors where they belong, answers kept, and the
// small rules around them (which step a post asked for, where to come back to,
// who must be assessed for a keyworker).
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { isEligibleForKeyworker } from '../../src/content/keyworkers.ts';
import { ratingIds } from '../../src/content/ratings.ts';
import { referralContent } from '../../src/forms/referral-content.ts';
import { keyworkerAdvice } from '../../src/islands/forms/referral/keyworker.ts';
import { fillFormPage, regionEnd, regionStart, renderFormHtml } from '../../src/islands/forms/render.tsx';
import { blankValues, changeAnswer, checkAnswers, readPostedStep, sentState, withErrors } from '../../src/forms/steps.ts';
import { sameSitePath } from '../../src/islands/forms/session.ts';
import { forms } from '../../src/forms/index.ts';

const fixtures = (component: string) =>
  JSON.parse(readFileSync(`node_modules/nhsuk-frontend/dist/nhsuk/components/${component}/fixtures.json`, 'utf8')) as { fixtures: { name: string; html: string }[] };

/** HTML as a list of tags and words, so layout whitespace and attribute order do not matter. */
function shape(html: string): string[] {
  const tokens: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z0-9]+)([^>]*)>|([^<]+)/gi)) {
    if (match[4] !== undefined) {
      const words = match[4].replace(/\s+/g, ' ').trim();
      if (words) tokens.push(words);
      continue;
    }
    const attributes = [...(match[3] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)]
      // React writes value="" on every controlled box; the fixtures leave empty values out.
      .filter(([, name, value]) => !(name === 'value' && value === ''))
      .map(([, name, value]) => `${name!.toLowerCase()}=${name === 'class' ? (value ?? '').split(/\s+/).sort().join(' ') : (value ?? '')}`)
      .sort();
    tokens.push(`<${match[1]}${match[2]!.toLowerCase()} ${attributes.join(' ')}>`);
  }
  return tokens;
}

/** The part of `html` from the first element with this class to its end (no nesting of the same tag inside). */
function element(html: string, tag: string, className: string): string {
  const start = html.indexOf(`<${tag} class="${className}`);
  if (start < 0) throw new Error(`no <${tag} class="${className}"> in ${html.slice(0, 200)}`);
  let depth = 0;
  for (const match of html.slice(start).matchAll(new RegExp(`<(/?)${tag}[\\s>]`, 'g'))) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, start + match.index! + `</${tag}>`.length);
  }
  throw new Error('unclosed element');
}

describe('markup, as nhsuk-frontend 10 gives it', () => {
  test('the error summary', () => {
    const html = renderFormHtml('signIn', withErrors(forms.signIn, { email: '' }, [{ field: 'email', code: 'required' }]));
    const fixture = fixtures('error-summary').fixtures.find((candidate) => candidate.name === 'default')!.html;
    const expected = shape(fixture.replace('Date of birth must be in the past', 'Enter your work email address').replace('#example-day', '#email'));
    // The island adds tabindex="-1" so it can move focus to the summary, as the design system's script does.
    expect(shape(element(html, 'div', 'nhsuk-error-summary')).map((token) => token.replace(' tabindex=-1', ''))).toEqual(expected);
  });

  test('a date input with an error on the day only', () => {
    const values = { ...blankValues(forms.withdrawal), dateOfBirth: { day: '', month: '3', year: '1980' } };
    const html = renderFormHtml('withdrawal', withErrors(forms.withdrawal, values, [{ field: 'dateOfBirth', code: 'missing_day' }]));
    const fixture = fixtures('date-input').fixtures.find((candidate) => candidate.name === 'with error on day input')!.html;
    const expected = shape(
      fixture
        .replace(/example(?=["-])/g, 'dateOfBirth')
        .replace(/name="(day|month|year)"/g, 'name="dateOfBirth-$1"')
        .replace('nhsuk-fieldset__legend--l', 'nhsuk-fieldset__legend--s')
        .replace(/<h1 class="nhsuk-fieldset__heading">\s*What is your date of birth\?\s*<\/h1>/, 'Their date of birth')
        .replace('For example, 31 3 1980', 'For example, 27 3 2007')
        .replace('Date of birth must include a day', 'Date of birth must include a day'),
    );
    // The person's date of birth is someone else's: the boxes say autocomplete="off".
    const drawn = shape(element(html, 'div', 'nhsuk-form-group nhsuk-form-group--error')).map((token) => token.replace(' autocomplete=off', ''));
    expect(drawn).toEqual(expected);
  });
});

describe('the island drawn by the server', () => {
  const values = { ...blankValues(forms.referral), givenName: 'Ada <script>', rating: 'red', dateOfBirth: { day: '1', month: '2', year: '20' } };

  test('errors are in the summary, linked to the box, and beside the question; answers are kept and escaped', () => {
    const html = renderFormHtml('referral', withErrors(forms.referral, values, [
      { field: 'dateOfBirth', code: 'year_format' },
      { field: 'familyName', code: 'required' },
    ]));
    expect(html).toContain('<a href="#dateOfBirth-year">Year must include 4 numbers</a>');
    expect(html).toContain('<a href="#familyName">Enter the person’s family name</a>');
    expect(html).toContain('id="familyName-error"');
    expect(html).toContain('value="Ada &lt;script&gt;"');
    expect(html).not.toContain('<script>"');
    // Only the year box is outlined.
    expect(html).toMatch(/class="nhsuk-input nhsuk-input--error nhsuk-input--width-4 nhsuk-date-input__input" id="dateOfBirth-year"/);
    expect(html).toMatch(/class="nhsuk-input nhsuk-input--width-2 nhsuk-date-input__input" id="dateOfBirth-day"/);
    // The props the browser hydrates with cannot close their script element.
    const props = html.slice(html.indexOf('id="form-props">'));
    expect(props).not.toContain('<script>');
    expect(props).toContain('\\u003cscript>');
  });

  test('the built page gets the drawn region and an "Error: " title', () => {
    const page = `<html><head><title>Refer someone to the DSR - Dynamic Support Register</title></head><body>${regionStart}<div id="form-root">old</div>${regionEnd}</body></html>`;
    const filled = fillFormPage(page, 'referral', withErrors(forms.referral, values, [{ field: 'familyName', code: 'required' }]));
    expect(filled).toContain('<title>Error: Refer someone to the DSR - Dynamic Support Register</title>');
    expect(filled).not.toContain('>old<');
    expect(filled).toContain('There is a problem');
    expect(() => fillFormPage('<html><title>x</title></html>', 'referral', checkAnswers(values))).toThrow(/no form region/);
  });

  test('the check page carries every answer in hidden fields, with a Change button for each question', () => {
    const html = renderFormHtml('referral', checkAnswers(values));
    expect(html).toContain('<h1 tabindex="-1" id="check-heading">Check your answers before sending the referral</h1>');
    expect(html).toContain('<input type="hidden" name="givenName" value="Ada &lt;script&gt;"/>');
    expect(html).toContain('<input type="hidden" name="dateOfBirth-year" value="20"/>');
    expect(html).toContain('<button class="nhsuk-link" type="submit" value="givenName" name="change">Change<span class="nhsuk-u-visually-hidden"> Given name</span></button>');
    expect(html).toContain('type="submit" value="send" name="step">Send the referral</button>');
  });

  test('changing an answer focuses that question', () => {
    expect(renderFormHtml('referral', changeAnswer(values, 'givenName'))).toMatch(/<input[^>]*id="givenName"[^>]*autofocus=""/);
  });

  test('the referral confirmation says what happens next for its rating and whether the person must be assessed for a keyworker', () => {
    // React separates neighbouring pieces of text with <!-- -->; the words are what matter here.
    const html = renderFormHtml('referral', sentState(forms.referral, { reference: 'DSR-7K3M-Q9PA', rating: 'red', keyworker: true })).replaceAll('<!-- -->', '');
    expect(html).toContain('DSR-7K3M-Q9PA');
    expect(html).toContain('The referral was rated RED');
    expect(html).toContain('A C(E)TR must take place.');
    expect(html).toContain('They must be assessed for a keyworker.');
  });
});

describe('readPostedStep', () => {
  test('reads the buttons of a form post and the island’s JSON alike', () => {
    expect(readPostedStep(new URLSearchParams('step=check'))).toEqual({ step: 'check' });
    expect(readPostedStep(new URLSearchParams('step=send&change=postcode'))).toEqual({ step: 'change', field: 'postcode' });
    expect(readPostedStep(new URLSearchParams('step=send'))).toEqual({ step: 'send' });
    expect(readPostedStep(new URLSearchParams(''))).toEqual({ step: 'send' });
    expect(readPostedStep({ step: 'check', givenName: 'Ada' })).toEqual({ step: 'check' });
    expect(readPostedStep({ givenName: 'Ada' })).toEqual({ step: 'send' });
  });
});

describe('sameSitePath', () => {
  test('keeps paths on this site and drops everything else', () => {
    expect(sameSitePath('/consent/')).toBe('/consent/');
    expect(sameSitePath('/refer/?x=1')).toBe('/refer/?x=1');
    for (const elsewhere of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', '', null, undefined]) {
      expect(sameSitePath(elsewhere)).toBeUndefined();
    }
  });
});

describe('keyworker advice in the browser', () => {
  const content = referralContent();
  const today = '2026-11-25';
  const birthdayFor = (age: number) => ({ day: '1', month: '1', year: String(2026 - age) });

  test('agrees with the content rules at every age and rating', () => {
    for (let age = 0; age <= 40; age++) {
      for (const rating of ratingIds) {
        const advice = keyworkerAdvice({ dateOfBirth: birthdayFor(age), rating }, today, content);
        expect(advice?.age).toBe(age);
        expect(advice?.eligible, `${age}, ${rating}`).toBe(isEligibleForKeyworker(age, rating));
      }
    }
  });

  test('a 15-year-old rated RED can; a 20-year-old rated RED cannot; a 25-year-old rated BLUE can', () => {
    expect(keyworkerAdvice({ dateOfBirth: birthdayFor(15), rating: 'red' }, today, content)?.eligible).toBe(true);
    expect(keyworkerAdvice({ dateOfBirth: birthdayFor(20), rating: 'red' }, today, content)?.eligible).toBe(false);
    expect(keyworkerAdvice({ dateOfBirth: birthdayFor(25), rating: 'blue' }, today, content)?.eligible).toBe(true);
  });

  test('says nothing until a real, past date of birth and a rating are given', () => {
    expect(keyworkerAdvice({ dateOfBirth: { day: '31', month: '2', year: '2010' }, rating: 'red' }, today, content)).toBeUndefined();
    expect(keyworkerAdvice({ dateOfBirth: { day: '1', month: '1', year: '2030' }, rating: 'red' }, today, content)).toBeUndefined();
    expect(keyworkerAdvice({ dateOfBirth: birthdayFor(15), rating: '' }, today, content)).toBeUndefined();
  });
});
