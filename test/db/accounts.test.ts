// Professional accounts, one-time sign-in tokens and sessions.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { databaseTargets, useDatabase } from '../support/database.ts';
import { call, drawn, expectInvalid, expectRefused, registerProfessional, settings, submit } from './support.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

for (const target of databaseTargets()) {
  describe(`accounts on ${target.name}`, () => {
    const db = useDatabase(target);

    describe('register_professional', () => {
      test('an address from an allowed domain gets its first sign-in link, and is active once that proves the address', async () => {
        const { professionalId, email, status, token } = await registerProfessional(db.sql, { email: 'Ready.Worker@Example.NHS.net' }, { prove: false });
        expect(status).toBe('active');
        expect(email).toBe('ready.worker@example.nhs.net');
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        // The link is the caller's to email: nothing waits in the outbox.
        expect(await db.sql`select kind from private.outbox where recipient = ${email}`).toEqual([]);
        const [before] = await db.sql`select proven_at from private.professionals where id = ${professionalId}`;
        expect(before!['proven_at']).toBeNull();
        expect(await call(db.sql, 'redeem_sign_in_token', token!, email)).toMatchObject({ professionalId, approvalNeeded: false, sessionToken: expect.any(String) });
        const [account] = await db.sql`select status, approved_by, proven_at is not null as proven from private.professionals where id = ${professionalId}`;
        expect(account).toEqual({ status: 'active', approved_by: 'allowed email domain', proven: true });
      });

      test('an unproven registration is replaced whole by a later one; its link no longer works, and the team never hears of it', async () => {
        const address = 'taken.first@example.org';
        const squatter = await registerProfessional(db.sql, { email: address, fullName: 'Mallory Squatter', organisation: 'Squatters Ltd', approvalNeeded: true }, { prove: false });
        expect(await db.sql`select kind from private.outbox where recipient = ${settings.teamEmail} and facts->>'accountEmail' = ${address}`).toEqual([]);
        // Nobody has proven it, so the team cannot approve it either.
        await expectRefused(call(db.sql, 'approve_professional', address, 'Team'), 'professional_not_pending');
        const owner = await registerProfessional(db.sql, { email: address, fullName: 'Olive Owner', organisation: 'Owner Trust', approvalNeeded: true }, { prove: false });
        expect(owner.professionalId).toBe(squatter.professionalId);
        await expectRefused(call(db.sql, 'redeem_sign_in_token', squatter.token!, address), 'invalid');
        expect(await call(db.sql, 'redeem_sign_in_token', owner.token!, address)).toEqual({ sessionToken: null, professionalId: null, approvalNeeded: true });
        const [account] = await db.sql`select full_name, organisation, status from private.professionals where email = ${address}`;
        expect(account).toEqual({ full_name: 'Olive Owner', organisation: 'Owner Trust', status: 'pending_approval' });
        const emails = drawn(await db.sql`select kind, recipient, facts from private.outbox where facts->>'accountEmail' = ${address}`);
        expect(emails.map((e) => [e['kind'], e['recipient'], e['facts']])).toEqual([
          ['account_approval_needed', settings.teamEmail, expect.objectContaining({ organisation: 'Owner Trust' })],
        ]);
        // Proven, the details stay: a later registration changes nothing.
        const later = await registerProfessional(db.sql, { email: address, fullName: 'Mallory Again', approvalNeeded: true }, { prove: false });
        expect(later).toMatchObject({ professionalId: null, token: null });
        const [kept] = await db.sql`select full_name from private.professionals where email = ${address}`;
        expect(kept!['full_name']).toBe('Olive Owner');
      });

      test('any other address waits for approval, and the team is asked to approve it', async () => {
        const { professionalId, status, email } = await registerProfessional(db.sql, {
          email: 'carer.worker@example.org',
          approvalNeeded: true,
        });
        expect(status).toBe('pending_approval');
        const emails = drawn(await db.sql`
          select kind, recipient, facts from private.outbox
           where idempotency_key like ${`professional:${professionalId}:%`} order by kind`);
        expect(emails.map((e) => [e['kind'], e['recipient']])).toEqual([
          ['account_approval_needed', settings.teamEmail],
          ['account_pending', email],
        ]);
        // The team sees who to approve, but not the person's name.
        expect(emails[0]!['body_text']).toContain(email);
        expect(emails[0]!['body_text']).not.toContain('Robin Fictional');
        // A pending account cannot sign in.
        expect(await call(db.sql, 'create_sign_in_token', email)).toEqual({ token: null, expiresAt: null });
      });

      test('an organisation name of the longest allowed length still registers an account waiting for approval', async () => {
        // The team's subject line adds words before the name; it must stay within its 200 characters.
        const result = await registerProfessional(db.sql, {
          email: `long.${Date.now()}@care.example.com`,
          jobTitle: 'Support worker',
          organisation: 'O'.repeat(200),
          area: 'Northshire South',
          approvalNeeded: true,
        });
        expect(result).toMatchObject({ status: 'pending_approval' });
        const [email] = drawn(await db.sql`select kind, facts from private.outbox where kind = 'account_approval_needed' and facts->>'organisation' = ${'O'.repeat(200)}`);
        expect((email!['subject'] as string).length).toBe(200);
      });

      test('a second registration for the same address creates nothing and tells only the address owner', async () => {
        const { email, professionalId } = await registerProfessional(db.sql);
        const again = await submit(db.sql, 'register_professional', {
          fullName: 'Someone Else',
          email: email.toUpperCase(),
          jobTitle: 'Social worker',
          organisation: 'Another Council',
          area: 'Northshire South',
          agreedToResponsibilities: true,
          approvalNeeded: false,
          ...settings,
        });
        expect(again).toEqual({ professionalId: null, status: 'active', created: false, token: null, expiresAt: null });
        const [account] = await db.sql`select full_name, organisation from private.professionals where id = ${professionalId}`;
        expect(account).toEqual({ full_name: 'Robin Fictional', organisation: 'Northshire Community Learning Disability Team' });
        const kinds = await db.sql`select kind from private.outbox where recipient = ${email} order by created_at`;
        expect(kinds.map((k) => k['kind'])).toEqual(['account_exists']);
      });

      test('refuses a registration without agreement to the responsibilities, and other bad input', async () => {
        const base = {
          fullName: 'Robin Fictional',
          email: 'bad.input@example.nhs.net',
          jobTitle: 'Nurse',
          organisation: 'Trust',
          area: 'Northshire North',
          agreedToResponsibilities: true,
          approvalNeeded: false,
          ...settings,
        };
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, agreedToResponsibilities: false }), 'required', 'agreedToResponsibilities');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, agreedToResponsibilities: 'true' }), 'required', 'agreedToResponsibilities');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, email: 'not-an-address' }), 'format', 'email');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, email: 'a@b.com\nBcc: x@y.com' }), 'payload_invalid', 'email');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, fullName: '   ' }), 'required', 'fullName');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, jobTitle: 'x'.repeat(201) }), 'too_long', 'jobTitle');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, phone: 'call me' }), 'format', 'phone');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, area: 'Atlantis' }), 'required', 'area');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, approvalNeeded: 'no' }), 'payload_invalid', 'approvalNeeded');
        await expectInvalid(submit(db.sql, 'register_professional', { ...base, teamEmail: undefined }), 'payload_invalid', 'teamEmail');
        await expectInvalid(submit(db.sql, 'register_professional', [base]), 'payload_invalid', '');
        const [row] = await db.sql`select count(*)::int as n from private.professionals where email = 'bad.input@example.nhs.net'`;
        expect(row!['n']).toBe(0);
      });
    });

    describe('approve_professional', () => {
      test('activates a pending account, emails the professional and writes an audit event', async () => {
        const { email, professionalId } = await registerProfessional(db.sql, { email: 'approve.me@example.org', approvalNeeded: true });
        const approved = await call(db.sql, 'approve_professional', email, 'Team Member A');
        expect(approved).toEqual({ professionalId, status: 'active' });
        const [account] = await db.sql`select status, approved_by from private.professionals where id = ${professionalId}`;
        expect(account).toEqual({ status: 'active', approved_by: 'Team Member A' });
        const [mail] = await db.sql`select kind from private.outbox where idempotency_key = ${`professional:${professionalId}:approved`}`;
        expect(mail!['kind']).toBe('account_approved');
        const [audit] = await db.sql`
          select actor, detail from private.audit_events where action = 'professional_approved' and detail->>'professionalId' = ${professionalId}`;
        expect(audit!['actor']).toBe('Team Member A');
        expect((await call(db.sql, 'create_sign_in_token', email))['token']).toEqual(expect.any(String));
      });

      test('refuses an unknown address, an account already active, and a missing actor', async () => {
        await expectRefused(call(db.sql, 'approve_professional', 'nobody@example.org', 'Team'), 'professional_not_found');
        const { email } = await registerProfessional(db.sql);
        await expectRefused(call(db.sql, 'approve_professional', email, 'Team'), 'professional_not_pending');
        const pending = await registerProfessional(db.sql, { email: 'pending.actor@example.org', approvalNeeded: true });
        await expectInvalid(call(db.sql, 'approve_professional', pending.email, ' '), 'actor_missing', 'actor');
        const [row] = await db.sql`select status from private.professionals where email = ${pending.email}`;
        expect(row!['status']).toBe('pending_approval');
      });
    });

    describe('sign-in tokens', () => {
      test('a token is 256 random bits, returned once and stored only as its SHA-256', async () => {
        const { email, professionalId } = await registerProfessional(db.sql);
        const { token, expiresAt } = await call<{ token: string; expiresAt: string }>(db.sql, 'create_sign_in_token', ` ${email.toUpperCase()} `);
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(token, 'base64url')).toHaveLength(32);
        const [stored] = await db.sql`
          select token_hash, email, expires_at - created_at as lifetime from private.sign_in_tokens
           where professional_id = ${professionalId} and used_at is null`;
        expect(Buffer.compare(stored!['token_hash'] as Buffer, sha256(token))).toBe(0);
        expect(stored!['email']).toBe(email);
        expect(stored!['lifetime']).toBe('00:10:00');
        expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
        // Nowhere is the raw token kept.
        const [found] = await db.sql`
          select count(*)::int as n from private.sign_in_tokens t where encode(t.token_hash, 'escape') like ${`%${token}%`}`;
        expect(found!['n']).toBe(0);
      });

      test('an address with no account gets no token, though one tied to nobody is stored (the same work either way)', async () => {
        expect(await call(db.sql, 'create_sign_in_token', 'stranger@example.nhs.net')).toEqual({ token: null, expiresAt: null });
        const [stored] = await db.sql`select count(*)::int as n from private.sign_in_tokens where email = 'stranger@example.nhs.net' and professional_id is null`;
        expect(stored!['n']).toBe(1);
        await expectInvalid(call(db.sql, 'create_sign_in_token', 'not an address'), 'format', 'email');
      });

      test('redeeming gives a session; a second use is refused', async () => {
        const { email, professionalId } = await registerProfessional(db.sql);
        const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
        const session = await call<Record<string, string>>(db.sql, 'redeem_sign_in_token', token, email);
        expect(session['professionalId']).toBe(professionalId);
        expect(session['sessionToken']).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(new Date(session['absoluteExpiresAt']!).getTime() - new Date(session['idleExpiresAt']!).getTime()).toBe(7.5 * 3600_000);
        await expectRefused(call(db.sql, 'redeem_sign_in_token', token, email), 'used');
        const [stored] = await db.sql`select count(*)::int as n from private.sessions where session_hash = ${sha256(session['sessionToken']!)}`;
        expect(stored!['n']).toBe(1);
      });

      test('a token only works with the email it was made for, and is not spent by trying another', async () => {
        const { email } = await registerProfessional(db.sql);
        const other = await registerProfessional(db.sql);
        const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
        await expectRefused(call(db.sql, 'redeem_sign_in_token', token, other.email), 'invalid');
        expect((await call(db.sql, 'redeem_sign_in_token', token, email))['sessionToken']).toEqual(expect.any(String));
      });

      test('an expired token is refused', async () => {
        const { email } = await registerProfessional(db.sql);
        const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
        await db.sql`
          update private.sign_in_tokens set created_at = now() - interval '10 minutes 1 second',
                                            expires_at = now() - interval '1 second'
           where token_hash = ${sha256(token)}`;
        await expectRefused(call(db.sql, 'redeem_sign_in_token', token, email), 'expired');
      });

      test('a made-up token, or one whose account is no longer active, is refused', async () => {
        await expectRefused(call(db.sql, 'redeem_sign_in_token', 'x'.repeat(43), 'a@example.nhs.net'), 'invalid');
        const { email, professionalId } = await registerProfessional(db.sql);
        const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
        await db.sql`update private.professionals set status = 'pending_approval', approved_at = null, approved_by = null where id = ${professionalId}`;
        await expectRefused(call(db.sql, 'redeem_sign_in_token', token, email), 'invalid');
      });

      test('the database will not hold a token that lives longer than 10 minutes', async () => {
        const { professionalId, email } = await registerProfessional(db.sql);
        await expect(db.sql`
          insert into private.sign_in_tokens (token_hash, professional_id, email, expires_at)
          values (${sha256('long-lived')}, ${professionalId}, ${email}, now() + interval '11 minutes')`).rejects.toMatchObject({ code: '23514' });
      });
    });

    describe('sessions', () => {
      async function signIn() {
        const { email, professionalId } = await registerProfessional(db.sql);
        const { token } = await call<{ token: string }>(db.sql, 'create_sign_in_token', email);
        const { sessionToken } = await call<{ sessionToken: string }>(db.sql, 'redeem_sign_in_token', token, email);
        return { sessionToken, professionalId, email, hash: sha256(sessionToken) };
      }

      test('reading a live session returns the professional', async () => {
        const { sessionToken, professionalId, email } = await signIn();
        expect(await call(db.sql, 'read_session', sessionToken)).toMatchObject({
          professionalId,
          email,
          fullName: 'Robin Fictional',
          organisation: 'Northshire Community Learning Disability Team',
          area: 'Northshire North',
        });
      });

      test('reading slides the idle clock', async () => {
        const { sessionToken, hash } = await signIn();
        await db.sql`update private.sessions set created_at = now() - interval '25 minutes', last_seen_at = now() - interval '25 minutes',
                 absolute_expires_at = now() - interval '25 minutes' + interval '8 hours' where session_hash = ${hash}`;
        const session = await call<{ idleExpiresAt: string }>(db.sql, 'read_session', sessionToken);
        expect(new Date(session.idleExpiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
        const [row] = await db.sql`select now() - last_seen_at < interval '1 minute' as slid from private.sessions where session_hash = ${hash}`;
        expect(row!['slid']).toBe(true);
      });

      test('a session idle for 30 minutes has expired', async () => {
        const { sessionToken, hash } = await signIn();
        await db.sql`update private.sessions set created_at = now() - interval '31 minutes', last_seen_at = now() - interval '30 minutes 1 second',
                 absolute_expires_at = now() - interval '31 minutes' + interval '8 hours' where session_hash = ${hash}`;
        await expectRefused(call(db.sql, 'read_session', sessionToken), 'session_expired');
      });

      test('a session 8 hours old has expired even if it was used a minute ago, and the idle clock never passes 8 hours', async () => {
        const { sessionToken, hash } = await signIn();
        await db.sql`
          update private.sessions set created_at = now() - interval '7 hours 50 minutes',
                 absolute_expires_at = now() + interval '10 minutes', last_seen_at = now() - interval '1 minute'
           where session_hash = ${hash}`;
        const near = await call<{ idleExpiresAt: string; absoluteExpiresAt: string }>(db.sql, 'read_session', sessionToken);
        expect(near.idleExpiresAt).toBe(near.absoluteExpiresAt);
        await db.sql`
          update private.sessions set created_at = now() - interval '8 hours 1 minute',
                 absolute_expires_at = now() - interval '1 minute', last_seen_at = now() - interval '1 minute'
           where session_hash = ${hash}`;
        await expectRefused(call(db.sql, 'read_session', sessionToken), 'session_expired');
      });

      test('ending a session ends it; an unknown session is refused', async () => {
        const { sessionToken } = await signIn();
        expect(await call(db.sql, 'end_session', sessionToken)).toEqual({ ended: true });
        expect(await call(db.sql, 'end_session', sessionToken)).toEqual({ ended: false });
        await expectRefused(call(db.sql, 'read_session', sessionToken), 'session_invalid');
        await expectRefused(call(db.sql, 'read_session', 'made-up'), 'session_invalid');
      });
    });
  });
}
