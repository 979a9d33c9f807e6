// A loopback HTTP server that plays the part of the Resend API (POST /emails; GET /emails
// lists what arrived, for tests in other processes), so
// tests send email through the real Resend SDK without the internet:
//   const resend = await startResendStandIn();   // resend.url → RESEND_BASE_URL
//   resend.emails                                 // what was accepted, once per Idempotency-Key
//   resend.failNext(2) / resend.rateLimitNext(1) / resend.hangNext(1) / resend.slowNext(1, 3000)
// Like Resend, it keeps the first answer for an Idempotency-Key and gives it again to a
// repeat with the same body (sending nothing more), and refuses a repeat with another body.
// Run it on its own to watch emails: node test/support/resend-stand-in.ts [port]
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

export interface RecordedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  idempotencyKey: string | undefined;
  receivedAt: Date;
}

type Behaviour = { kind: 'fail' } | { kind: 'rate_limit' } | { kind: 'hang' } | { kind: 'slow'; delayMs: number };

export interface ResendStandIn {
  /** The address to give the SDK (RESEND_BASE_URL). */
  url: string;
  /** Emails accepted, in order: one per idempotency key. */
  emails: RecordedEmail[];
  /** Every POST /emails that arrived, repeats and failures included. */
  requests: { idempotencyKey: string | undefined; answeredWith: number | 'no answer' }[];
  /** The next `times` sends get a 500. */
  failNext(times?: number): void;
  /** The next `times` sends get a 429 (too many requests). */
  rateLimitNext(times?: number): void;
  /** The next `times` sends never get an answer (until stop). */
  hangNext(times?: number): void;
  /** The next `times` sends are accepted (and recorded) but answered only after `delayMs`. */
  slowNext(times: number, delayMs: number): void;
  /** Waits until an email matching `match` has arrived. */
  waitForEmail(match: (email: RecordedEmail) => boolean, timeoutMs?: number): Promise<RecordedEmail>;
  clear(): void;
  stop(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startResendStandIn(options: { port?: number; onEmail?: (email: RecordedEmail) => void } = {}): Promise<ResendStandIn> {
  const emails: RecordedEmail[] = [];
  const requests: ResendStandIn['requests'] = [];
  const queue: Behaviour[] = [];
  const byKey = new Map<string, { body: string; id: string }>();
  const hanging = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer(async (request, response) => {
    // Not part of Resend's API: lets browser tests, which run in other processes, read what arrived.
    if (request.method === 'GET' && request.url === '/emails') return answer(response, 200, emails);
    if (request.method !== 'POST' || request.url !== '/emails') {
      return answer(response, 404, { statusCode: 404, name: 'not_found', message: 'The requested endpoint does not exist.' });
    }
    const body = await readBody(request);
    const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
    const record = (answeredWith: number | 'no answer') => requests.push({ idempotencyKey, answeredWith });
    if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
      record(401);
      return answer(response, 401, { statusCode: 401, name: 'missing_api_key', message: 'Missing API key in the authorization header.' });
    }
    const behaviour = queue.shift();
    if (behaviour?.kind === 'fail') {
      record(500);
      return answer(response, 500, { statusCode: 500, name: 'internal_server_error', message: 'An unexpected error occurred.' });
    }
    if (behaviour?.kind === 'rate_limit') {
      record(429);
      return answer(response, 429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests.' }, { 'retry-after': '1' });
    }
    if (behaviour?.kind === 'hang') {
      record('no answer');
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    let parsed: { from?: string; to?: string | string[]; subject?: string; text?: string };
    try {
      parsed = JSON.parse(body);
    } catch {
      record(400);
      return answer(response, 400, { statusCode: 400, name: 'validation_error', message: 'Invalid JSON.' });
    }
    if (!parsed.from || !parsed.to || !parsed.subject || !parsed.text) {
      record(422);
      return answer(response, 422, { statusCode: 422, name: 'validation_error', message: 'Missing `from`, `to`, `subject` or `text`.' });
    }
    let id: string;
    const earlier = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
    if (earlier) {
      if (earlier.body !== body) {
        record(409);
        return answer(response, 409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' });
      }
      id = earlier.id; // the same answer again; nothing more is sent
    } else {
      id = randomUUID();
      if (idempotencyKey) byKey.set(idempotencyKey, { body, id });
      const email: RecordedEmail = {
        id,
        from: parsed.from,
        to: Array.isArray(parsed.to) ? parsed.to : [parsed.to],
        subject: parsed.subject,
        text: parsed.text,
        idempotencyKey,
        receivedAt: new Date(),
      };
      emails.push(email);
      options.onEmail?.(email);
    }
    if (behaviour?.kind === 'slow') {
      record(200);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.writableEnded && !response.destroyed) answer(response, 200, { id });
      }, behaviour.delayMs);
      timers.add(timer);
      return;
    }
    record(200);
    answer(response, 200, { id });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const repeat = (behaviour: Behaviour, times: number) => {
    for (let i = 0; i < times; i++) queue.push(behaviour);
  };

  return {
    url: `http://127.0.0.1:${port}`,
    emails,
    requests,
    failNext: (times = 1) => repeat({ kind: 'fail' }, times),
    rateLimitNext: (times = 1) => repeat({ kind: 'rate_limit' }, times),
    hangNext: (times = 1) => repeat({ kind: 'hang' }, times),
    slowNext: (times, delayMs) => repeat({ kind: 'slow', delayMs }, times),
    async waitForEmail(match, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = emails.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No matching email within ${timeoutMs} ms (${emails.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    clear() {
      emails.length = 0;
      requests.length = 0;
      queue.length = 0;
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.main) {
  const standIn = await startResendStandIn({
    port: Number(process.argv[2] ?? 0),
    onEmail: (email) => console.log(`\nTo: ${email.to.join(', ')}\nSubject: ${email.subject}\n\n${email.text}\n`),
  });
  console.log(`Resend stand-in on ${standIn.url} (RESEND_BASE_URL). Ctrl-C to stop.`);
  process.on('SIGINT', () => void standIn.stop().then(() => process.exit(0)));
}
