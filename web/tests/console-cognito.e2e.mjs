// The console's sign-in against a Cognito user pool (a moto server's), in a real browser: the answers
// come in Cognito's own shapes (NEW_PASSWORD_REQUIRED with USERNAME, MFA_SETUP with MFAS_CAN_SETUP as
// a list, AssociateSoftwareToken with its session), the tokens are the pool's, and the console API
// verifies them against the pool's JWKS. Run by ConsoleOnCognitoE2ETest, which makes the user
// (LEADLINE_CONSOLE_COGNITO_E2E: {username, temporaryPassword}).
import { BASE, launch, strictPage, test, done, assert, assertEqual } from './harness.mjs';
import { totpAt } from './console-helpers.mjs';

const ctx = JSON.parse(process.env.LEADLINE_CONSOLE_COGNITO_E2E || 'null');
if (!ctx) {
  console.error('LEADLINE_CONSOLE_COGNITO_E2E ({username, temporaryPassword}) is not set');
  process.exit(2);
}
const CONSOLE = BASE + '/console/';
const NEW_PASSWORD = 'Pool-Passw0rd!2026';
const browser = await launch();
const shared = {};

/** moto checks a code against the current 30-second step only: do not start one in a step's last seconds. */
async function currentCode(secret) {
  while (Date.now() % 30_000 > 27_000) {
    await new Promise((r) => setTimeout(r, 250));
  }
  return totpAt(secret, Math.floor(Date.now() / 30_000));
}

/** The browser logs refused requests (a wrong code is a 400 from Cognito) as console errors: expected ones pass. */
function clean(page, expectedStatuses = []) {
  const refused = new RegExp('^console error: Failed to load resource: the server responded with a status of ('
    + (expectedStatuses.join('|') || 'none') + ') ');
  const problems = page.problems.filter((p) => !refused.test(p));
  page.problems.length = 0;
  assertEqual(problems.length, 0, problems.join('; '));
}

await test('first sign-in against the pool: new password, then the authenticator app from the QR code', async () => {
  const page = await strictPage(browser);
  await page.goto(CONSOLE);
  await page.locator('#signin-username').fill(ctx.username);
  await page.locator('#signin-password').fill(ctx.temporaryPassword);
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('#signin-new-password').waitFor();
  await page.locator('#signin-new-password').fill(NEW_PASSWORD);
  await page.locator('#signin-confirm-password').fill(NEW_PASSWORD);
  await page.locator('.signin-form button[type=submit]').click();

  await page.locator('#signin-setup-code').waitFor();
  const secret = await page.locator('#totp-secret').getAttribute('data-secret');
  assert(secret && secret.length >= 8, 'the pool handed out a secret');
  assertEqual(await page.locator('.qr svg').count(), 1, 'shown as a QR code');
  await page.locator('#signin-setup-code').fill(await currentCode(secret));
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  assertEqual((await page.locator('.who-name').textContent()).trim(), ctx.username, 'signed in with the pool\'s token');
  await page.locator('h1', { hasText: 'Leads' }).waitFor();
  assertEqual(await page.locator('.message-error').count(), 0, 'the console API accepted the token');
  shared.secret = secret;
  shared.page = page;
  clean(page);
});

await test('every later sign-in asks for the code; a wrong one is refused', async () => {
  const page = shared.page;
  await page.locator('.sign-out').click();
  await page.locator('#signin-username').waitFor();
  await page.locator('#signin-username').fill(ctx.username);
  await page.locator('#signin-password').fill(NEW_PASSWORD);
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('#signin-code').waitFor();
  await page.locator('#signin-code').fill('000000');
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('.signin-status .message-error').waitFor();
  // After a refused code Cognito wants the whole sign-in again (its session is spent).
  if (await page.locator('#signin-code').count() === 0) {
    await page.locator('#signin-username').fill(ctx.username);
    await page.locator('#signin-password').fill(NEW_PASSWORD);
    await page.locator('.signin-form button[type=submit]').click();
    await page.locator('#signin-code').waitFor();
  }
  await page.locator('#signin-code').fill(await currentCode(shared.secret));
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  await page.locator('h1', { hasText: 'Leads' }).waitFor();
  const nav = await page.locator('nav.nav a').allTextContents();
  assertEqual(nav.join('|'), 'Leads|Overdue|Team|Audit log|Funnel|Users|Privacy requests', 'an administrator\'s views');
  clean(page, [400]);
});

await browser.close();
done();
