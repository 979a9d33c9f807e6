// Serves dist/ through `wrangler pages dev` over a fresh in-memory database, as
// `npm start` does, with emails going to the loopback Resend stand-in.
// Tests find the addresses in E2E_BASE_URL and E2E_RESEND_URL.
import { applyMigrations, serveEmbeddedDatabase } from '../../scripts/database.ts';
import { outDir } from '../../scripts/build.ts';
import { serveSite } from '../../scripts/processes.ts';
import { portInRange } from '../support/ports.ts';
import { startResendStandIn } from '../support/resend-stand-in.ts';

export default async function globalSetup() {
  const database = await serveEmbeddedDatabase();
  await applyMigrations(database.url);
  const resend = await startResendStandIn();
  const port = await portInRange('browserTests');
  const site = await serveSite({
    dir: outDir,
    port,
    bindings: {
      DATABASE_URL: database.url,
      SITE_URL: `http://127.0.0.1:${port}`,
      RESEND_API_KEY: 're_e2e_test_key',
      RESEND_BASE_URL: resend.url,
      DELIVER_SECRET: 'e2e-deliver-secret',
    },
    onOutput: (text) => {
      if (process.env.E2E_VERBOSE) process.stdout.write(text);
    },
  });
  process.env.E2E_BASE_URL = site.url;
  process.env.E2E_RESEND_URL = resend.url;
  process.env.E2E_DELIVER_SECRET = 'e2e-deliver-secret';
  // For `npm run team:add` (console.spec.ts): the DSR team's first member is added by the command.
  process.env.E2E_DATABASE_URL = database.url;
  return async () => {
    await site.stop();
    await resend.stop();
    await database.stop();
  };
}
