// Whole journeys as a new user makes them, once with JavaScript on and once with it
// off: a professional registers, signs in from the emailed link, records a Best
// Interests Decision, refers a 15-year-old rated RED with it and signs out; a family
// member asks for a withdrawal. Every page on the way is checked with axe.
import { expect, type Page } from '@playwright/test';
import { baseUrl } from './site.ts';
import {
  birthDateForAge,
  choose,
  daysAgo,
  expectAccessible,
  expectErrorSummary,
  expectFieldError,
  fillDate,
  linkIn,
  newAddress,
  newWorkEmail,
  question,
  sentEmails,
  signInThroughApi,
  tabTo,
  test,
  waitForEmail,
} from './form-helpers.ts';

const teamEmail = 'dsr.team@example.nhs.net';

/** Register, then sign in from the email that follows: the journey every professional starts with. */
export async function registerAndSignIn(page: Page, email: string, fullName: string, javaScript: boolean) {
  await page.goto(baseUrl() + '/register/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register for an account');
  await expectAccessible(page);
  await page.getByLabel('Full name', { exact: true }).fill(fullName);
  await page.getByLabel('Work email address', { exact: true }).fill(email);
  await page.getByLabel('Job title', { exact: true }).fill('Community nurse');
  await page.getByLabel('Organisation', { exact: true }).fill('Riverton Community Learning Disability Team');
  await choose(page, 'Which area do you mainly work in?', 'Riverton City');
  await question(page, 'Looking after the information').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  if (!javaScript) await expect(page).toHaveURL(/\/register\/confirmation\//);
  await expectAccessible(page);

  // The email after registering is the first sign-in link: it proves the address and signs the person in.
  const signInEmail = await waitForEmail((sent) => sent.to.includes(email) && sent.text.includes('/sign-in/confirm/'));
  await page.goto(linkIn(signInEmail, '/sign-in/confirm/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm you want to sign in');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signed in, the person lands on the referral form.
  await expect(page).toHaveURL(/\/refer\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Refer someone to the DSR');
  if (javaScript) await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(`Signed in as ${fullName}`);
}

for (const javaScript of [true, false]) {
  test.describe(`with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test('a professional registers, signs in, records a Best Interests Decision, refers a 15-year-old rated RED and signs out', async ({ page }) => {
      test.setTimeout(400_000);
      const email = newWorkEmail(javaScript ? 'journey-js' : 'journey-nojs');
      await registerAndSignIn(page, email, 'Jo Referrer', javaScript);

      // The person, with a name, a date of birth and an NHS number that must never reach an email.
      const person = { given: javaScript ? 'Kestrel' : 'Marigold', family: javaScript ? 'Quillfeather' : 'Thistlewood', born: birthDateForAge(15) };
      const nhsNumber = javaScript ? '9434765919' : '4010232137';

      // Consent: a Best Interests Decision.
      await page.goto(baseUrl() + '/consent/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Record consent or a Best Interests Decision');
      await expectAccessible(page);
      await page.getByLabel('Full name', { exact: true }).fill(`${person.given} ${person.family}`);
      await fillDate(page, 'Date of birth', person.born);
      await choose(page, 'How was the decision made?', 'A Best Interests Decision was made');
      await page.getByLabel('Name of the decision-maker', { exact: true }).fill('Dr Rowan Example');
      await page.getByLabel('Role of the decision-maker', { exact: true }).fill('Consultant psychiatrist');
      await choose(page, 'Who was consulted about the decision?', 'Family');
      await fillDate(page, 'Date of the decision', daysAgo(3));
      await choose(page, 'Who may the information be shared with?', 'NHS health services');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the consent record');
      await expect(page).toHaveTitle(/^Check your answers before sending the consent record/);
      await expect(page.getByRole('main')).toContainText('A Best Interests Decision was made');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Save the consent record' }).click();
      await expect(page.locator('.nhsuk-panel h1')).toHaveText('Consent record saved');
      const consentReference = (await page.locator('.dsr-reference').textContent())?.trim() ?? '';
      expect(consentReference).toMatch(/^CON-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      await expect(page).toHaveURL(new RegExp(`/consent/confirmation/\\?reference=${consentReference}`));
      await expectAccessible(page);

      // The referral.
      await page.goto(baseUrl() + '/refer/');
      await expectAccessible(page);
      await page.getByLabel('Given name', { exact: true }).fill(person.given);
      await page.getByLabel('Family name', { exact: true }).fill(person.family);
      await fillDate(page, 'Date of birth', person.born);
      await choose(page, 'Do you know their NHS number?', 'Yes');
      await page.getByLabel('NHS number', { exact: true }).fill(nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'));
      await page.getByLabel('Postcode', { exact: true }).fill('ls1 4ap');
      await choose(page, 'Which area do they live in?', 'Riverton City');
      await choose(page, 'Do they have a learning disability, autism or both?', 'Autism');
      await choose(page, 'Where do they live now?', 'In the community');
      const keyworker = page.locator('#keyworker [role="status"]');
      if (javaScript) await expect(keyworker).toHaveText('');
      await choose(page, 'What rating did the multidisciplinary team (MDT) agree?', 'RED');
      // Each rating's definition sits beside it, from the ratings data.
      await expect(question(page, 'What rating did the multidisciplinary team (MDT) agree?')).toContainText('At immediate risk of admission');
      if (javaScript) await expect(keyworker).toHaveText(/^They must be assessed for a keyworker: they are 15 years old and rated RED\./);
      await fillDate(page, 'Date the rating was agreed', daysAgo(2));
      const reason = 'Placement at risk of breaking down; two crisis calls this month.';
      await page.getByLabel('Why was this rating agreed?', { exact: true }).fill(reason);
      // The character count: the limit without JavaScript, a count as the person types with it.
      const countFor = page.locator('.nhsuk-character-count').filter({ has: page.getByLabel('Why was this rating agreed?', { exact: true }) });
      await expect(countFor.locator('#ratingReason-info')).toHaveText('You can enter up to 2,000 characters');
      if (javaScript) await expect(countFor.locator('.nhsuk-character-count__status')).toHaveText(`You have ${(2000 - reason.length).toLocaleString('en-GB')} characters remaining`);
      await choose(page, 'How was consent given to be on the register?', 'A Best Interests Decision was made');
      await page.getByLabel('Consent record reference (optional)', { exact: true }).fill(consentReference.toLowerCase());
      await page.getByLabel('Which family members, advocates or carers are involved?', { exact: true }).fill('Mother and an advocate');
      await choose(page, 'Which services are involved?', 'GP');
      await choose(page, 'Which services are involved?', 'Children and young people’s mental health services (CAMHS)');
      await choose(page, 'Have they had a CETR, CTR or LEAP meeting before?', 'None');
      await page.getByRole('button', { name: 'Continue' }).click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
      await expect(page.locator('.dsr-keyworker-advice')).toHaveText(/^They must be assessed for a keyworker: they are 15 years old and rated RED\./);
      await expect(page.getByRole('main')).toContainText(nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'));
      await expectAccessible(page);

      // "Change" goes back to the question, and the next "Continue" comes back to the check page.
      await page.getByRole('button', { name: 'Change Postcode' }).click();
      await expect(page.getByLabel('Postcode', { exact: true })).toBeFocused();
      await expect(page.getByLabel('Given name', { exact: true })).toHaveValue(person.given);
      await page.getByLabel('Postcode', { exact: true }).fill('LS2 7HY');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
      await expect(page.getByRole('main')).toContainText('LS2 7HY');

      await page.getByRole('button', { name: 'Send the referral' }).click();
      await expect(page.locator('.nhsuk-panel h1')).toHaveText('Referral sent');
      const referralReference = (await page.locator('.dsr-reference').textContent())?.trim() ?? '';
      expect(referralReference).toMatch(/^DSR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      await expect(page).toHaveURL(new RegExp(`/refer/confirmation/\\?reference=${referralReference}`));
      await expect(page.locator('.dsr-keyworker-result')).toContainText('They must be assessed for a keyworker');
      await expect(page.getByRole('main')).toContainText('The referral was rated RED');
      await expect(page.getByRole('main')).toContainText('A C(E)TR must take place.');
      await expectAccessible(page);

      // The DSR team's email: urgent for RED, and nothing that says who the person is.
      const teamMessage = await waitForEmail((sent) => sent.to.includes(teamEmail) && sent.text.includes(referralReference));
      expect.soft(teamMessage.subject.startsWith('[RED – urgent]'), `team email subject: ${teamMessage.subject}`).toBe(true);
      const dateWords = new Date(`${person.born.iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      const personalDetails = [person.given, person.family, person.born.iso, dateWords, `${person.born.day}/${person.born.month}/${person.born.year}`, nhsNumber, nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3')];
      for (const sent of (await sentEmails()).filter((message) => message.text.includes(referralReference) || message.text.includes(consentReference))) {
        for (const detail of personalDetails) {
          expect(`${sent.subject}\n${sent.text}`, `an email about ${referralReference} must not contain "${detail}"`).not.toContain(detail);
        }
      }

      // Sign out: the session ends on the server.
      // Without JavaScript the header cannot know who is signed in, so signing out is on the sign-in page.
      if (javaScript) {
        await page.getByRole('navigation', { name: 'Account' }).getByRole('button', { name: 'Sign out' }).click();
      } else {
        await page.goto(baseUrl() + '/sign-in/');
        await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      }
      await expect(page).toHaveURL(baseUrl() + '/');
      expect(await (await page.request.get(baseUrl() + '/api/session')).json()).toEqual({ signedIn: false });
    });

    test('a family member asks for someone to be taken off the register and gets a WDR- reference and an acknowledgement', async ({ page }) => {
      test.setTimeout(120_000);
      const requesterEmail = `family.${Date.now().toString(36)}${javaScript ? 'js' : 'nojs'}@example.com`;
      await page.goto(baseUrl() + '/withdraw/');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ask for someone to be taken off the register');
      await expectAccessible(page);
      await page.getByLabel('Their full name', { exact: true }).fill('Robin Example');
      await fillDate(page, 'Their date of birth', birthDateForAge(19));
      await choose(page, 'Who are you?', 'I am their parent or carer');
      await page.getByLabel('Your full name', { exact: true }).fill('Pat Example');
      await page.getByLabel('Your email address', { exact: true }).fill(requesterEmail);
      await question(page, 'Support will carry on').getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Send the request' }).click();
      await expect(page.locator('.nhsuk-panel h1')).toHaveText('Request sent');
      const reference = (await page.locator('.dsr-reference').textContent())?.trim() ?? '';
      expect(reference).toMatch(/^WDR-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      await expectAccessible(page);
      const acknowledgement = await waitForEmail((sent) => sent.to.includes(requesterEmail));
      expect(acknowledgement.text).toContain(reference);
      expect(`${acknowledgement.subject}\n${acknowledgement.text}`).not.toContain('Robin Example');
    });
  });
}

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a form posts to its own page: after a post with errors and after one that is sent, the address bar never shows /api/', async ({ page }) => {
    const addresses: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) addresses.push(new URL(frame.url()).pathname);
    });
    await page.goto(baseUrl() + '/withdraw/');
    await expect(page.locator('main form[method="post"]')).toHaveAttribute('action', '/withdraw/');
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expectErrorSummary(page);
    await expect(page).toHaveURL(baseUrl() + '/withdraw/');
    await page.getByLabel('Their full name', { exact: true }).fill('Robin Example');
    await fillDate(page, 'Their date of birth', birthDateForAge(19));
    await choose(page, 'Who are you?', 'I am their parent or carer');
    await page.getByLabel('Your full name', { exact: true }).fill('Pat Example');
    await page.getByLabel('Your phone number', { exact: true }).fill('07700 900 982');
    await question(page, 'Support will carry on').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Send the request' }).click();
    await expect(page.locator('.nhsuk-panel h1')).toHaveText('Request sent');
    await expect(page).toHaveURL(/\/withdraw\/confirmation\/\?reference=WDR-/);
    expect(addresses).toEqual(['/withdraw/', '/withdraw/', '/withdraw/confirmation/']);
  });
});

test('the referral journey can be completed with the keyboard alone', async ({ browser }) => {
  test.setTimeout(240_000);
  const email = newWorkEmail('keyboard');
  const { api, storageState } = await signInThroughApi(email);
  await api.dispose();
  const context = await browser.newContext({ storageState, extraHTTPHeaders: { 'cf-connecting-ip': newAddress() } });
  const page = await context.newPage();
  const { keyboard } = page;
  const typeInto = async (selector: string, text: string) => {
    await tabTo(page, selector);
    await keyboard.type(text);
  };
  /** A radio group is one stop for Tab; the arrow keys move through its options and choose one. */
  const chooseWithArrows = async (firstRadio: string, downPresses: number) => {
    await tabTo(page, firstRadio);
    if (downPresses === 0) await keyboard.press('Space');
    for (let press = 0; press < downPresses; press++) await keyboard.press('ArrowDown');
  };
  const born = birthDateForAge(16);
  const agreed = daysAgo(4);
  try {
    await page.goto(baseUrl() + '/refer/');
    await expect(page.locator('form[action="/refer/"]')).toHaveCount(1);
    await typeInto('#givenName', 'Tamsin');
    await typeInto('#familyName', 'Keyboard');
    await typeInto('#dateOfBirth-day', born.day);
    await typeInto('#dateOfBirth-month', born.month);
    await typeInto('#dateOfBirth-year', born.year);
    await chooseWithArrows('#nhsNumberKnown', 1); // No
    await typeInto('#nhsNumberUnknownReason', 'Not known to the team yet.');
    await typeInto('#postcode', 'LS1 4AP');
    await chooseWithArrows('#area', 2); // Northshire Coast
    await chooseWithArrows('#condition', 2); // Both
    await chooseWithArrows('#livesIn', 0); // In the community
    await chooseWithArrows('#rating', 1); // AMBER
    await expect(page.locator('#keyworker [role="status"]')).toHaveText(/^They must be assessed for a keyworker: they are 16 years old and rated AMBER\./);
    await typeInto('#ratingAgreedOn-day', agreed.day);
    await typeInto('#ratingAgreedOn-month', agreed.month);
    await typeInto('#ratingAgreedOn-year', agreed.year);
    await typeInto('#ratingReason', 'Escalating distress at school.');
    await chooseWithArrows('#consentBasis', 1); // Parental responsibility
    await typeInto('#familyInvolved', 'Father');
    await tabTo(page, '#servicesInvolved-3'); // CAMHS
    await keyboard.press('Space');
    await chooseWithArrows('#previousReview', 3); // None
    await tabTo(page, 'button[value="check"]');
    await keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your answers before sending the referral');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await tabTo(page, 'button[value="send"]');
    await keyboard.press('Enter');
    await expect(page.locator('.nhsuk-panel h1')).toHaveText('Referral sent');
    await expect(page.locator('.nhsuk-panel h1')).toBeFocused();
    await expect(page.locator('.dsr-reference')).toHaveText(/^DSR-/);
    await expect(page.getByRole('main')).toContainText('The referral was rated AMBER');
  } finally {
    await context.close();
  }
});

/** Holds back the page's scripts until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/.*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('answers typed before the form script has loaded are kept once it takes over', async ({ page }) => {
  // Hold the page's scripts back, as a slow connection would, while the person starts typing.
  const release = await holdScripts(page);
  // Module scripts hold back DOMContentLoaded too: go on as soon as the page arrives.
  await page.goto(baseUrl() + '/withdraw/', { waitUntil: 'commit' });
  await page.locator('#personName').fill('Early Typist');
  await fillDate(page, 'Their date of birth', { day: '3', month: '4', year: '2010' });
  await choose(page, 'Who are you?', 'I am their parent or carer');
  release();
  // React marks the element it has taken over; after that, a new answer redraws the form.
  await page.waitForFunction(() => Object.keys(document.getElementById('form-root') ?? {}).some((key) => key.startsWith('__reactContainer')));
  await page.locator('#requesterName').fill('Later Typist');
  await expect(page.locator('#personName')).toHaveValue('Early Typist');
  await expect(page.locator('#dateOfBirth-year')).toHaveValue('2010');
  await expect(page.locator('#requesterRelationship-2')).toBeChecked();
});

test('a form sent before its script has loaded is answered by its own page, and the island then takes over that answer', async ({ page }) => {
  // Hold the page's scripts back, as a slow connection would, while the person answers and sends.
  const release = await holdScripts(page);
  await page.goto(baseUrl() + '/withdraw/', { waitUntil: 'commit' });
  await page.getByLabel('Their full name', { exact: true }).fill('Early Sender');
  await page.getByRole('button', { name: 'Send the request' }).click();
  // The post went to the form's own page (no script took it): the errors, with the answer kept.
  await expectErrorSummary(page);
  await expect(page).toHaveURL(baseUrl() + '/withdraw/');
  await expect(page.locator('#personName')).toHaveValue('Early Sender');
  await expectFieldError(page, 'requesterName', 'Enter your full name');
  release();
  // A page drawn after a post starts its island at once, with the answer still there.
  await page.waitForFunction(() => Object.keys(document.getElementById('form-root') ?? {}).some((key) => key.startsWith('__reactContainer')));
  await page.getByLabel('Your full name', { exact: true }).fill('Later Sender');
  await expect(page.locator('#personName')).toHaveValue('Early Sender');
});
