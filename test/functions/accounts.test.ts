// Registering, signing in by emailed link, the session, signing out.
import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/database.ts';
import { useSite, teamEmail } from '../support/site-env.ts';
import { cookieFrom } from '../support/functions.ts';
import * as answers from '../support/answers.ts';
import { onRequestPost as register } from '../../functions/[[path]].ts';
import { onRequestPost as signIn } from '../../functions/[[path]].ts';
import { onRequestPost as confirm } from '../../functions/[[path]].ts';
import { onRequestPost as signOut } from '../../functions/api/sign-out.ts';
import { onRequestGet as session } from '../../functions/api/session.ts';

const linkIn = (text: string) => new URL(/http\S+\/sign-in\/confirm\/\S+/.exec(text)![0]);

for (const target of databaseTargets()) {
  describe(`accounts on ${target.name}`, () => {
    const around = useSite(target);
    const { site, db, signedInAs } = around;
    /** Follows the first sign-in link the address was sent, if any (registering sends one). */
    const proveAddress = async (address: string) => {
      const sent = around.resend.emails.find((email) => email.to.includes(address) && /sign-in\/confirm/.test(email.text));
      if (!sent) return undefined;
      const link = linkIn(sent.text);
      return site.post(confirm, '/api/sign-in/confirm', { json: { token: link.searchParams.get('token'), email: link.searchParams.get('email') } });
    };

    describe('POST /api/register', () => {
      it('makes an NHS address active at once, and emails the link that signs the person in', async () => {
        const response = await site.post(register, '/api/register', { json: { ...answers.registration, email: 'ready.one@nhs.net' } });
        expect(response.status).toBe(202);
        expect(await response.json()).toMatchObject({ approvalNeeded: false });
        await site.settle();
        const [row] = await db.sql`select status from private.professionals where email = 'ready.one@nhs.net'`;
        expect(row?.status).toBe('active');
        const email = await around.resend.waitForEmail((sent) => sent.to.includes('ready.one@nhs.net'));
        expect(email.subject).toBe('Confirm your email address to sign in to the Dynamic Support Register');
        expect(email.text).toMatch(/\/sign-in\/confirm\/\?token=/);
      });

      it('matches *.nhs.uk subdomains and the configured council domains', async () => {
        for (const email of ['a.trust@northshire-ft.nhs.uk', 'council.worker@northshire.gov.uk']) {
          const response = await site.post(register, '/api/register', { json: { ...answers.registration, email } });
          expect(await response.json()).toMatchObject({ approvalNeeded: false });
        }
      });

      it('keeps any other address waiting for approval, and emails the DSR team once the address is proven', async () => {
        const response = await site.post(register, '/api/register', { json: { ...answers.registration, email: 'carer.agency@example.com' } });
        expect(response.status).toBe(202);
        expect(await response.json()).toMatchObject({ approvalNeeded: true });
        await site.settle();
        await proveAddress('carer.agency@example.com');
        await site.settle();
        const [row] = await db.sql`select status from private.professionals where email = 'carer.agency@example.com'`;
        expect(row?.status).toBe('pending_approval');
        const toTeam = await around.resend.waitForEmail((sent) => sent.to.includes(teamEmail));
        expect(toTeam.subject).toContain('Account to approve');
        // Where to approve it: the console's Accounts page, never a line of SQL (issue 12).
        expect(toTeam.text).toContain('/team/accounts/');
        expect(toTeam.text).not.toMatch(/select|approve_professional/i);
      });

      it("an address written to break out of SQL (x'||current_user||'@example.org) reaches the team as a link to Accounts: no email carries SQL (issue 11, finding 8)", async () => {
        const hostile = "x'||current_user||'@example.org";
        expect((await site.post(register, '/api/register', { json: { ...answers.registration, email: hostile } })).status).toBe(202);
        await site.settle();
        await proveAddress(hostile);
        await site.settle();
        const toTeam = await around.resend.waitForEmail((sent) => sent.to.includes(teamEmail) && sent.subject.includes('Account to approve') && sent.text.includes('current_user'));
        expect(toTeam.text).toContain('/team/accounts/');
        for (const sent of around.resend.emails.filter((email) => email.to.includes(teamEmail))) {
          expect(`${sent.subject}\n${sent.text}`).not.toMatch(/\bselect\b|approve_professional|\bupdate\b.*\bset\b/i);
        }
      });

      it('answers an address that already has an account exactly as a new one, and emails that address instead', async () => {
        const first = await site.post(register, '/api/register', { json: { ...answers.registration, email: 'twice@nhs.net' } });
        await site.settle();
        await proveAddress('twice@nhs.net');
        around.resend.clear();
        const second = await site.post(register, '/api/register', { json: { ...answers.registration, email: 'twice@nhs.net', fullName: 'Someone Else' } });
        expect(second.status).toBe(first.status);
        expect(await second.json()).toEqual({
          approvalNeeded: false,
          message: 'Thank you. We have sent you an email with a link to confirm your email address and sign in. The link works once, for 10 minutes.',
        });
        await site.settle();
        const email = await around.resend.waitForEmail((sent) => sent.to.includes('twice@nhs.net'));
        expect(email.subject).toBe('You already have a Dynamic Support Register account');
        const [count] = await db.sql`select count(*)::int as n from private.professionals where email = 'twice@nhs.net'`;
        expect(count?.n).toBe(1);
      });

      it('without JavaScript: 303 to the confirmation page, saying when approval is needed', async () => {
        const response = await site.post(register, '/api/register', { form: answers.asFormPost({ ...answers.registration, email: 'nojs@example.org' }) });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe('/register/confirmation/?approval=needed');
      });
    });

    // Issue 11, finding 7 (and issue 14: the email after registering is the first sign-in link).
    describe('an address is proven by its first sign-in', () => {
      it('the email after registering is the first sign-in link: following it signs the person in', async () => {
        const address = 'first.link@nhs.net';
        const response = await site.post(register, '/api/register', { json: { ...answers.registration, email: address } });
        expect(response.status).toBe(202);
        await site.settle();
        const sent = around.resend.emails.filter((email) => email.to.includes(address));
        expect(sent.map((email) => email.subject)).toEqual(['Confirm your email address to sign in to the Dynamic Support Register']);
        const signedIn = await proveAddress(address);
        expect(signedIn?.status).toBe(200);
        expect(cookieFrom(signedIn!)).toMatch(/^dsr_session=/);
      });

      it("a squatter's unproven registration is replaced by the owner's later one, and the session shows the owner", async () => {
        const address = 'victim@nhs.net';
        await site.post(register, '/api/register', { json: { ...answers.registration, email: address, fullName: 'Mallory Squatter', organisation: 'Squatters Ltd' } });
        await site.settle();
        around.resend.clear();
        const owner = await site.post(register, '/api/register', { json: { ...answers.registration, email: address, fullName: 'Olive Owner', organisation: 'Northshire Trust' } });
        expect(owner.status).toBe(202);
        await site.settle();
        const signedIn = await proveAddress(address);
        expect(signedIn?.status).toBe(200);
        const who = await site.get(session, '/api/session', { cookie: cookieFrom(signedIn!)! });
        expect(await who.json()).toMatchObject({ signedIn: true, professional: { fullName: 'Olive Owner', organisation: 'Northshire Trust' } });
        const [account] = await db.sql`select full_name, organisation from private.professionals where email = ${address}`;
        expect(account).toEqual({ full_name: 'Olive Owner', organisation: 'Northshire Trust' });
      });

      it('nothing unproven reaches a team email: the team is asked to approve only once the address is proven', async () => {
        const address = 'unproven.agency@example.com';
        await site.post(register, '/api/register', { json: { ...answers.registration, email: address, organisation: 'Unproven Agency' } });
        await site.settle();
        expect(around.resend.emails.filter((email) => email.to.includes(teamEmail))).toEqual([]);
        const proven = await proveAddress(address);
        expect(proven?.status).toBe(200);
        expect(await proven!.json()).toMatchObject({ signedIn: false, approvalNeeded: true });
        expect(cookieFrom(proven!)).toBeUndefined();
        await site.settle();
        const toTeam = await around.resend.waitForEmail((email) => email.to.includes(teamEmail));
        expect(toTeam.subject).toBe('Account to approve: Unproven Agency');
      });
    });

    describe('POST /api/sign-in and /api/sign-in/confirm', () => {
      it('emails a one-time link; only the confirm post spends it, and it sets the session cookie', async () => {
        await site.post(register, '/api/register', { json: { ...answers.registration, email: 'link.user@nhs.net' } });
        const asked = await site.post(signIn, '/api/sign-in', { json: { email: 'Link.User@NHS.net' } });
        expect(asked.status).toBe(202);
        await site.settle();
        const email = await around.resend.waitForEmail((sent) => sent.subject.includes('sign in') && sent.to.includes('link.user@nhs.net'));
        const link = linkIn(email.text);
        expect(link.pathname).toBe('/sign-in/confirm/');
        expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);

        const confirmed = await site.post(confirm, '/api/sign-in/confirm', {
          form: new URLSearchParams({ token: link.searchParams.get('token')!, email: link.searchParams.get('email')!, next: '/consent/' }),
        });
        expect(confirmed.status).toBe(303);
        expect(confirmed.headers.get('location')).toBe('/consent/');
        const setCookie = confirmed.headers.get('set-cookie')!;
        // Plain http on loopback: no __Host- prefix and no Secure, and that is the only difference.
        expect(setCookie).toMatch(/^dsr_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(28[0-9]{3})$/);

        const again = await site.post(confirm, '/api/sign-in/confirm', {
          json: { token: link.searchParams.get('token'), email: link.searchParams.get('email') },
        });
        expect(again.status).toBe(422);
        expect(await again.json()).toMatchObject({ errors: [{ field: 'token', message: 'This sign-in link has already been used. Ask for a new one' }] });
      });

      it('over https sets a __Host- cookie that is Secure', async () => {
        await site.post(register, '/api/register', { json: { ...answers.registration, email: 'secure.user@nhs.net' } });
        await site.post(signIn, '/api/sign-in', { json: { email: 'secure.user@nhs.net' } });
        await site.settle();
        const link = linkIn((await around.resend.waitForEmail((sent) => sent.to.includes('secure.user@nhs.net') && sent.subject.includes('sign in'))).text);
        const confirmed = await site.post(confirm, '', {
          url: 'https://dsr.example.nhs.uk/api/sign-in/confirm',
          json: { token: link.searchParams.get('token'), email: link.searchParams.get('email') },
        });
        expect(confirmed.status).toBe(200);
        expect(confirmed.headers.get('set-cookie')).toMatch(/^__Host-dsr_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=\d+$/);
      });

      it('answers an address without an account exactly the same, and sends nothing', async () => {
        const known = await site.post(signIn, '/api/sign-in', { json: { email: 'link.user@nhs.net' } });
        const unknown = await site.post(signIn, '/api/sign-in', { json: { email: 'nobody.here@nhs.net' } });
        expect(unknown.status).toBe(known.status);
        expect(await unknown.json()).toEqual(await known.json());
        await site.settle();
        expect(around.resend.emails.filter((sent) => sent.to.includes('nobody.here@nhs.net'))).toEqual([]);
      });

      it('sends at most 5 sign-in emails an hour to one address, then says how long to wait', async () => {
        const email = 'often@nhs.net';
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await site.post(signIn, '/api/sign-in', { json: { email } })).status);
        expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
        const limited = await site.post(signIn, '/api/sign-in', { json: { email } });
        expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await limited.json()).message).toMatch(/^You have sent this form too many times\. Wait (60|59) minutes, then try again$/);
      });

      it('without JavaScript, a spent or wrong link shows the confirm page again with the problem (422)', async () => {
        const response = await site.post(confirm, '/api/sign-in/confirm', {
          form: new URLSearchParams({ token: 'x'.repeat(43), email: 'link.user@nhs.net' }),
        });
        expect(response.status).toBe(422);
        const html = await response.text();
        expect(html).toContain('This sign-in link does not work. Ask for a new one');
        expect(html).toMatch(/<title>Error: /);
      });
    });

    describe('GET /api/session and POST /api/sign-out', () => {
      it('says who is signed in; after signing out the session is over on the server too', async () => {
        const cookie = await signedInAs('session.user@nhs.net');
        const before = await site.get(session, '/api/session', { cookie });
        expect(before.status).toBe(200);
        expect(await before.json()).toMatchObject({ signedIn: true, professional: { email: 'session.user@nhs.net', fullName: answers.registration.fullName } });

        const out = await site.post(signOut, '/api/sign-out', { form: new URLSearchParams(), cookie });
        expect(out.status).toBe(303);
        expect(out.headers.get('set-cookie')).toMatch(/^dsr_session=; .*Max-Age=0$/);
        // The old cookie, replayed, is worth nothing.
        const after = await site.get(session, '/api/session', { cookie });
        expect(after.status).toBe(200);
        expect(await after.json()).toEqual({ signedIn: false });
      });

      // Not being signed in is an answer, not a fault: a 401 here would be logged in the
      // console of every signed-out visitor to a form page.
      it('answers 200 {"signedIn": false} without a cookie, or with a made-up one', async () => {
        for (const cookie of [undefined, `dsr_session=${'a'.repeat(43)}`]) {
          const response = await site.get(session, '/api/session', cookie ? { cookie } : {});
          expect(response.status).toBe(200);
          expect(await response.json()).toEqual({ signedIn: false });
        }
      });
    });
  });
}
