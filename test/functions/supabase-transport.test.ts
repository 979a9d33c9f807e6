// The Supabase HTTP transport (SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY, no DATABASE_URL):
// a contract test of what supabase-js sends for a call, against a loopback server that
// answers as PostgREST does, and of how its answers and errors are read.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connectDatabase, DatabaseProblem, DatabaseUnavailable } from '../../src/server/platform/database.ts';
import { readSettings } from '../../src/server/platform/settings.ts';

interface Seen {
  method: string | undefined;
  path: string | undefined;
  headers: IncomingMessage['headers'];
  body: unknown;
}

const serviceRoleKey = 'test-service-role-key.abc.def';
let server: Server;
let baseUrl = '';
let seen: Seen[] = [];
let reply: (response: ServerResponse) => void = () => {};
const held: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method, path: request.url, headers: request.headers, body: text ? JSON.parse(text) : undefined });
      reply(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const response of held) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen = [];
});

const answerJson = (status: number, body: unknown) => (response: ServerResponse) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

const database = (timeoutMs?: number) =>
  connectDatabase(readSettings({ SUPABASE_URL: baseUrl, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey }), timeoutMs ? { timeoutMs } : {});

describe('calls through supabase-js .rpc()', () => {
  it('POSTs the named arguments as JSON to /rest/v1/rpc/<function>, with the service role key', async () => {
    reply = answerJson(200, { reference: 'DSR-7K3M-Q9PA', keyworkerEligible: true });
    const payload = { givenName: 'Alex', servicesInvolved: ['camhs'], nhsNumber: null, gpPractice: undefined };
    const result = await database().call('submit_referral', { payload });
    expect(result).toEqual({ reference: 'DSR-7K3M-Q9PA', keyworkerEligible: true });
    expect(seen).toHaveLength(1);
    const [call] = seen;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/rest/v1/rpc/submit_referral');
    expect(call?.headers['apikey']).toBe(serviceRoleKey);
    expect(call?.headers['authorization']).toBe(`Bearer ${serviceRoleKey}`);
    expect(call?.headers['content-type']).toMatch(/^application\/json/);
    // undefined is left out, as JSON leaves it out; null is kept.
    expect(call?.body).toEqual({ payload: { givenName: 'Alex', servicesInvolved: ['camhs'], nhsNumber: null } });
  });

  it('sends plain arguments by their SQL names, and leaves out ones not given (their defaults apply)', async () => {
    reply = answerJson(200, []);
    await database().call('claim_outbox', { batch_size: 5 });
    expect(seen[0]?.path).toBe('/rest/v1/rpc/claim_outbox');
    expect(seen[0]?.body).toEqual({ batch_size: 5 });
  });

  it('reads a bad-input error (22023) as a problem with the field in `details`', async () => {
    reply = answerJson(400, { code: '22023', message: 'nhs_number_invalid', details: 'nhsNumber', hint: null });
    const failure = await database().call('submit_referral', { payload: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseProblem);
    expect(failure).toMatchObject({ kind: 'bad_input', code: 'nhs_number_invalid', field: 'nhsNumber' });
  });

  it('reads a refusal (P0001) as a refusal', async () => {
    reply = answerJson(400, { code: 'P0001', message: 'sign_in_token_used', details: null, hint: null });
    const failure = await database().call('redeem_sign_in_token', { token: 't', email: 'e@nhs.net' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'refused', code: 'sign_in_token_used', field: undefined });
  });

  it.each([
    ['permission denied (42501)', answerJson(401, { code: '42501', message: 'permission denied for function submit_referral', details: null, hint: null })],
    ['a server error', answerJson(500, { message: 'upstream connect error' })],
    ['a gateway error that is not JSON', (response: ServerResponse) => { response.writeHead(502, { 'content-type': 'text/html' }); response.end('<html>Bad gateway</html>'); }],
  ])('treats %s as the database being unavailable', async (_case, answer) => {
    reply = answer;
    const failure = await database().call('request_withdrawal', { payload: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
  });

  it('gives up on a server that never answers, within its time limit', async () => {
    reply = (response) => void held.push(response);
    const started = Date.now();
    const failure = await database(300).call('request_withdrawal', { payload: {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailable);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('treats nothing listening as unavailable', async () => {
    const nowhere = connectDatabase(readSettings({ SUPABASE_URL: 'http://127.0.0.1:1', SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey }));
    await expect(nowhere.call('purge_expired', {})).rejects.toBeInstanceOf(DatabaseUnavailable);
  });

  it('is used only when DATABASE_URL is not set', async () => {
    reply = answerJson(200, {});
    const both = connectDatabase(readSettings({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', SUPABASE_URL: baseUrl, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey }));
    await expect(both.call('purge_expired', {})).rejects.toBeInstanceOf(DatabaseUnavailable);
    await both.close();
    expect(seen).toEqual([]);
  });
});
