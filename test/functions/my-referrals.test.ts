// A professional's own page (/my-referrals/) and the referral form filled in from one of
// their records, through their functions on a real database: signed out is sent to sign
// in; the page is never cached or indexed and lists only their own records; the filled
// form is drawn only from their own record, and anyone else's reference draws exactly
// the page an unknown one does.
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { useLoggedLines, useSite } from '../support/site-env.ts';
import * as answers from '../support/answers.ts';
import { bornYearsAgo, dateAnswer } from '../support/answers.ts';
import { todayInEngland } from '../../src/forms/dates.ts';
import { checkWording } from '../../src/content/check/wording.ts';
import { visibleWords } from '../support/built-site.ts';
import { onRequestGet as formGet, onRequestPost as formPost } from '../../functions/[[path]].ts';
import { onRequestGet as myReferralsGet } from '../../functions/my-referrals/[[path]].ts';

const agreedToday = dateAnswer('ratingAgreedOn', todayInEngland());
const referral = (changes: Record<string, string | string[]> = {}) => ({ ...bornYearsAgo(answers.referral, 15), ...agreedToday, ...changes });
const decidedToday = dateAnswer('decisionDate', todayInEngland());
const unique = () => Math.random().toString(36).slice(2, 8);

for (const target of databaseTargets()) {
  describe(`a professional's own page on ${target.name}`, () => {
    const { site, signedInAs } = useSite(target);
    const logged = useLoggedLines();

    async function refer(cookie: string, changes: Record<string, string | string[]> = {}) {
      const response = await site.post(formPost, '/api/referrals', { json: referral(changes), cookie });
      expect(response.status).toBe(201);
      await site.settle();
      return ((await response.json()) as { reference: string }).reference;
    }

    it('signed out: 303 to sign in, coming back to /my-referrals/; never cached or indexed', async () => {
      for (const cookie of [undefined, `dsr_session=${'x'.repeat(43)}`]) {
        const response = await site.get(myReferralsGet, '/my-referrals/', cookie ? { cookie } : {});
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe('/sign-in/?next=%2Fmy-referrals%2F');
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('x-robots-tag')).toContain('noindex');
      }
    });

    it('signed in: the professional’s own referrals and consent records, with "Refer again" links carrying only the reference; never another professional’s', async () => {
      const mine = await signedInAs(`mine.${unique()}@nhs.net`);
      const theirs = await signedInAs(`theirs.${unique()}@nhs.net`);
      const myReference = await refer(mine, { givenName: 'Morgan', familyName: 'Minecase' });
      const theirReference = await refer(theirs, { givenName: 'Toby', familyName: 'Theircase' });
      const consent = await site.post(formPost, '/api/consents', { json: { ...bornYearsAgo(answers.consent, 15), ...decidedToday }, cookie: mine });
      expect(consent.status).toBe(201);
      const { reference: consentReference } = (await consent.json()) as { reference: string };

      const response = await site.get(myReferralsGet, '/my-referrals/', { cookie: mine });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-robots-tag')).toContain('noindex');
      const html = await response.text();
      expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
      expect(html).toContain(myReference);
      expect(html).toContain('Morgan Minecase');
      expect(html).toContain(`href="/refer/?from=${myReference}"`);
      expect(html).toContain(consentReference);
      expect(html).toContain(`href="/refer/?consent=${consentReference}"`);
      expect(html).toContain('Received, not acknowledged yet');
      // The words pass the site's wording rules, as every built page's do.
      expect(checkWording(visibleWords(html))).toEqual([]);
      expect(html).not.toContain(theirReference);
      expect(html).not.toContain('Theircase');
      // What the functions log names nobody.
      expect(logged.lines.join('\n')).not.toMatch(/Minecase|Theircase|Morgan/);
    });

    it('/refer/?from= is filled in from the professional’s own referral, never cached; another’s reference draws exactly the page an unknown one does', async () => {
      const mine = await signedInAs(`again.${unique()}@nhs.net`);
      const other = await signedInAs(`other.${unique()}@nhs.net`);
      const myReference = await refer(mine, { givenName: 'Ramona', familyName: 'Reagain' });
      const theirReference = await refer(other, { givenName: 'Oscar', familyName: 'Otherone' });

      const filled = await site.get(formGet, `/refer/?from=${myReference}`, { cookie: mine });
      expect(filled.status).toBe(200);
      expect(filled.headers.get('cache-control')).toBe('no-store');
      expect(filled.headers.get('x-robots-tag')).toContain('noindex');
      const filledHtml = await filled.text();
      expect(filledHtml).toContain('value="Ramona"');
      expect(filledHtml).toContain('value="Reagain"');
      expect(filledHtml).toContain('value="943 476 5919"');
      expect(filledHtml).toContain(`We have filled in what you told us in ${myReference}.`);
      // Never the rating: the MDT agrees it again.
      expect(filledHtml).not.toMatch(/value="amber"[^>]*checked|checked[^>]*value="amber"/);

      const pages = await Promise.all(
        [`/refer/?from=${theirReference}`, '/refer/?from=DSR-2222-2222', '/refer/?from=nonsense', '/refer/?consent=CON-2222-2222'].map(async (address) => {
          const response = await site.get(formGet, address, { cookie: mine });
          expect(response.status, address).toBe(200);
          expect(response.headers.get('cache-control')).toBe('no-store');
          return response.text();
        }),
      );
      expect(pages[0]).not.toContain('Otherone');
      expect(pages[0]).not.toContain('Oscar');
      for (const page of pages.slice(1)) expect(page).toBe(pages[0]);
      // Signed out, the same page again: nothing is looked up.
      expect(await (await site.get(formGet, `/refer/?from=${myReference}`)).text()).toBe(pages[0]);
    });

    it('/refer/?consent= is filled in from the professional’s own consent record: the name, date of birth, decision and reference', async () => {
      const cookie = await signedInAs(`consent.${unique()}@nhs.net`);
      const saved = await site.post(formPost, '/api/consents', {
        json: { ...bornYearsAgo(answers.consent, 15), ...decidedToday, personName: 'Ada Mae Consentwell', decision: 'consented' },
        cookie,
      });
      expect(saved.status).toBe(201);
      const { reference } = (await saved.json()) as { reference: string };
      const html = await (await site.get(formGet, `/refer/?consent=${reference}`, { cookie })).text();
      expect(html).toContain('value="Ada Mae"');
      expect(html).toContain('value="Consentwell"');
      expect(html).toContain(`value="${reference}"`);
      expect(html).toContain(`We have filled in what you told us in ${reference}.`);
      const other = await signedInAs(`notmine.${unique()}@nhs.net`);
      const theirs = await (await site.get(formGet, `/refer/?consent=${reference}`, { cookie: other })).text();
      expect(theirs).not.toContain('Consentwell');
      expect(theirs).toBe(await (await site.get(formGet, '/refer/?consent=CON-2222-2222', { cookie: other })).text());
    });

    it('a re-referral by the same professional: its answer says the entry was updated, with the rating before and now', async () => {
      const cookie = await signedInAs(`rerefer.${unique()}@nhs.net`);
      const nhsNumber = '401 023 2137';
      await refer(cookie, { familyName: 'Updatecase', nhsNumber, rating: 'amber' });
      const response = await site.post(formPost, '/api/referrals', { json: referral({ familyName: 'Updatecase', nhsNumber, rating: 'red' }), cookie });
      expect(await response.json()).toMatchObject({ updatedEntry: true, ratingBefore: 'amber', ratingNow: 'red' });
      await site.settle();
      // Without JavaScript, the confirmation's address carries the two ratings.
      const again = await site.post(formPost, '/refer/', { form: answers.asFormPost(referral({ familyName: 'Updatecase', nhsNumber, rating: 'green' })), cookie });
      await site.settle();
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toMatch(/^\/refer\/confirmation\/\?reference=DSR-[^&]+&rating=green&.*before=red&now=green$/);
      const confirmation = await site.get(formGet, again.headers.get('location')!);
      const confirmationHtml = await confirmation.text();
      expect(confirmationHtml).toContain('Their rating on the register was RED and is now GREEN.');
      expect(checkWording(visibleWords(confirmationHtml))).toEqual([]);
    });
  });
}
