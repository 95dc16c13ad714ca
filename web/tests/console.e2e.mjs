// The sales console in a real browser, against the local product: a rep signs in for the first time
// (new password, authenticator set-up from the QR code), finds the lead a visitor just left through
// the widget, reveals it, claims it, moves it on, adds a complaint and cannot delete it; a rep cannot
// open another rep's lead (UI and API); a lead named <img src=x onerror=alert(1)> shows as text and
// runs nothing; a manager assigns a lead, checks the audit chain and hands over all open leads of a
// rep; an administrator creates and disables a user, exports and erases a data subject. Run by
// ConsoleBrowserE2ETest, which sets up the users and seeded leads (LEADLINE_CONSOLE_E2E) and then
// checks what was stored.
import { BASE, W, launch, strictPage, test, done, assert, assertEqual, openWidget, answer } from './harness.mjs';
import { freshCode, markUsed, currentStep, totpAt } from './console-helpers.mjs';
import { qrMatrix } from '../console/qr.js';

const ctx = JSON.parse(process.env.LEADLINE_CONSOLE_E2E || 'null');
if (!ctx) {
  console.error('LEADLINE_CONSOLE_E2E (users and seeded leads, as JSON) is not set');
  process.exit(2);
}
const CONSOLE = BASE + '/console/';
const HOSTILE = '<img src=x onerror=alert(1)>';
const VISITOR = { name: 'Zed Widgetson', masked: 'Z*** W***', email: 'zed.widgetson@example.org', phone: '+84 90 555 1234' };
const NEW_PASSWORD = 'Rep-Passw0rd!2026';

const browser = await launch();
const shared = {}; // what later tests need from earlier ones

/** The signed-in user's ID token, as the console holds it. */
async function token(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('leadline.console.tokens')).idToken);
}

/** A request from the page with the user's token (what anyone could do from the browser's console). */
async function apiFetch(page, method, path, body) {
  return page.evaluate(async ([m, p, b, tok]) => {
    const r = await fetch(p, { method: m, headers: { Authorization: 'Bearer ' + tok, 'Content-Type': 'application/json' },
      body: b === null ? undefined : JSON.stringify(b) });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch (e) { json = null; }
    return { status: r.status, body: json };
  }, [method, path, body === undefined ? null : body, await token(page)]);
}

/** Screenshots for a person to look at, when LEADLINE_CONSOLE_SHOTS names a folder. */
async function shot(page, name) {
  if (process.env.LEADLINE_CONSOLE_SHOTS) {
    await page.screenshot({ path: `${process.env.LEADLINE_CONSOLE_SHOTS}/${name}.png`, fullPage: true });
  }
}

async function flash(page, text) {
  await page.locator('.flash .message', { hasText: text }).waitFor();
}

/**
 * No script error, no unexpected dialog, no console error — except the browser's own log line for
 * a request this test expected to be refused (a wrong password is a 400 from the sign-in service, a
 * refused API call a 401/403/404), listed per test.
 */
function clean(page, expectedStatuses = []) {
  const refused = new RegExp('^console error: Failed to load resource: the server responded with a status of ('
    + (expectedStatuses.join('|') || 'none') + ') ');
  const problems = page.problems.filter((p) => !refused.test(p));
  page.problems.length = 0; // the next test on this page accounts for its own
  assertEqual(problems.length, 0, problems.join('; '));
}

await test('a visitor leaves a lead through the widget', async () => {
  const page = await strictPage(browser);
  await openWidget(page, BASE + '/demo/en.html');
  await page.locator(`${W} .choice`, { hasText: 'A product demo' }).click();
  await page.locator(`${W} .consent-yes`).click();
  await page.locator(`${W} .answer-input`).waitFor();
  await answer(page, VISITOR.name);
  await answer(page, VISITOR.email);
  await answer(page, VISITOR.phone);
  await page.locator(`${W} .restart`).waitFor();
  clean(page);
  await page.context().close();
});

await test('a rep signs in for the first time: new password, then TOTP set up from the QR code', async () => {
  const page = await strictPage(browser);
  await page.goto(CONSOLE);
  assertEqual(await page.locator('nav.nav').count(), 0, 'no navigation before sign-in');
  await page.locator('#signin-username').fill(ctx.newRep.username);
  await page.locator('#signin-password').fill('not-the-password');
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('.signin-status .message-error', { hasText: 'Incorrect username or password.' }).waitFor();
  await page.locator('#signin-password').fill(ctx.newRep.temporaryPassword);
  await page.locator('.signin-form button[type=submit]').click();

  await page.locator('#signin-new-password').waitFor();
  assert((await page.locator('.signin').textContent()).includes('At least 12 characters, with an upper-case letter'),
    'the password rule is shown');
  await page.locator('#signin-new-password').fill('tooshort');
  await page.locator('#signin-confirm-password').fill('tooshort');
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('.signin-status .message-error', { hasText: 'does not follow the rule' }).waitFor();
  await page.locator('#signin-new-password').fill(NEW_PASSWORD);
  await page.locator('#signin-confirm-password').fill(NEW_PASSWORD);
  await page.locator('.signin-form button[type=submit]').click();

  // MFA set-up: the key as a QR code of the otpauth URI, and as text to type in.
  await page.locator('#signin-setup-code').waitFor();
  await shot(page, 'mfa-setup');
  const secret = await page.locator('#totp-secret').getAttribute('data-secret');
  assert(/^[A-Z2-7]{16,}$/.test(secret), 'a base32 secret: ' + secret);
  assertEqual((await page.locator('#totp-secret').textContent()).replace(/\s/g, ''), secret, 'the key is shown as text');
  const uri = `otpauth://totp/Leadline:${ctx.newRep.username}?secret=${secret}&issuer=Leadline`;
  const drawn = await page.locator('.qr svg path').getAttribute('d');
  assertEqual(drawn, svgPath(qrMatrix(uri)), 'the QR code shown is the otpauth URI');
  assertEqual(await page.locator('.qr svg').getAttribute('aria-label'), 'QR code for your authenticator app', 'labelled');

  await page.locator('#signin-setup-code').fill(totpAt(secret, currentStep() - 1000)); // an old code: refused
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('.signin-status .message-error', { hasText: 'That code is not right' }).waitFor();
  assertEqual(await page.locator('#totp-secret').getAttribute('data-secret'), secret, 'the same key to try again with');
  const step = currentStep();
  await page.locator('#signin-setup-code').fill(await freshCode(secret));
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  markUsed(secret, step);
  shared.repSecret = secret;

  // A rep's navigation: leads and overdue only.
  const nav = await page.locator('nav.nav a').allTextContents();
  assertEqual(nav.join('|'), 'Leads|Overdue', 'a rep sees only what a rep may use');
  assertEqual((await page.locator('.who-name').textContent()).trim(), ctx.newRep.username, 'who is signed in');
  shared.repPage = page;
  clean(page, [400]);
});

await test('the rep finds the widget lead (masked), reveals it, claims it and moves it to contacted', async () => {
  const page = shared.repPage;
  await page.locator('tr.lead-row').first().waitFor();
  const row = page.locator('tr.lead-row', { hasText: VISITOR.masked });
  assertEqual(await row.count(), 1, 'the widget lead is in the list');
  assert(!(await page.locator('main').textContent()).includes(VISITOR.name), 'the list shows no full name');
  assertEqual((await row.locator('.col-email').textContent()).trim(), 'z***@e***.org', 'masked e-mail');
  assertEqual((await row.locator('.col-owner').textContent()).trim(), 'Unassigned', 'nobody has it yet');
  assertEqual(await page.locator('tr.lead-row', { hasText: ctx.leads.binhMasked }).count(), 0,
    "another rep's leads are not listed");
  // One page is 25 leads, newest first; the lead captured two days ago is on the next page.
  assertEqual(await page.locator('tr.lead-row').count(), 25, 'a page of 25');
  assertEqual(await page.locator('tr.lead-row', { hasText: ctx.leads.overdueMasked }).count(), 0, 'older lead not yet');
  await page.locator('.load-more').click();
  await page.locator('tr.lead-row', { hasText: ctx.leads.overdueMasked }).waitFor();
  assertEqual(await page.locator('tr.lead-row').count(), 28, 'the rest: 2 + 25 fillers + 1 overdue');
  assert(await page.locator('.load-more').isHidden(), 'nothing more to load');
  assertEqual((await page.locator('.count').textContent()).trim(), '28 shown', 'count');
  // The overdue badge on the lead nobody contacted in time.
  const late = page.locator('tr.lead-row', { hasText: ctx.leads.overdueMasked });
  assertEqual((await late.locator('.badge-overdue').textContent()).trim(), 'Overdue', 'overdue badge');
  assertEqual(await row.locator('.badge-overdue').count(), 0, 'a fresh lead is not overdue');

  await shot(page, 'rep-leads');
  await row.locator('td.col-flow').click(); // anywhere on the row opens it
  await page.locator('.lead-name').waitFor();
  shared.widgetLeadId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
  assertEqual((await page.locator('.lead-name').textContent()).trim(), VISITOR.name, 'revealed name');
  assert((await page.locator('.reveal-notice').textContent()).includes('Viewing this lead is recorded'), 'says the view is audited');
  // Not the rep's yet: the name and what the visitor said, not the e-mail or phone.
  await page.locator('.contact-hidden').waitFor();
  assertEqual((await page.locator('.value[data-field=email]').textContent()).trim(), 'z***@e***.org', 'e-mail hidden before the claim');
  assertEqual(await page.locator('.status-button').count(), 0, 'no status change before the claim');

  await page.locator('.claim-button').click();
  await flash(page, 'The lead is yours now.');
  assertEqual((await page.locator('.value[data-field=email]').textContent()).trim(), VISITOR.email, 'e-mail revealed to its owner');
  assertEqual((await page.locator('.value[data-field=phone]').textContent()).trim(), '+84905551234', 'phone revealed');
  assertEqual(await page.locator('.contact-hidden').count(), 0, 'no more hidden contact note');
  assertEqual(await page.locator('.claim-button').count(), 0, 'claimed once');

  // The consented part of the conversation, and the consent proof with the text shown.
  const visitorLines = await page.locator('.transcript .from-visitor .line-text').allTextContents();
  assert(visitorLines.includes(VISITOR.name) && visitorLines.includes(VISITOR.email), 'transcript: ' + visitorLines.join(' / '));
  const consent = page.locator('.consent-record').first();
  assert((await consent.textContent()).includes('contact'), 'purpose');
  assertEqual((await consent.locator('.decision-granted').textContent()).trim(), 'Agreed', 'decision');
  assert(/^[0-9a-f]{64}$/.test((await consent.locator('.hash').textContent()).trim()), 'text hash');
  await consent.locator('.shown-text summary').click();
  assert((await consent.locator('.shown-text pre').textContent()).includes('May we use your name'), 'the exact text shown');

  await page.locator('.status-button[data-status=contacted]').click();
  await flash(page, 'Status changed to Contacted.');
  assertEqual(await page.locator('.lead-head .badge[data-status]').getAttribute('data-status'), 'contacted', 'now contacted');
  clean(page);
});

await test('the rep adds a complaint, which no one can delete (no control in the UI, no route in the API)', async () => {
  const page = shared.repPage;
  await page.locator('input.note-kind[value=complaint]').check();
  await page.locator('#note-text').fill('Visitor complained that <b>nobody</b> called back.');
  await page.locator('.note-form button[type=submit]').click();
  await flash(page, 'Added.');
  const complaint = page.locator('li.note[data-kind=complaint]');
  assertEqual(await complaint.count(), 1, 'the complaint is listed');
  assertEqual((await complaint.locator('.note-text').textContent()), 'Visitor complained that <b>nobody</b> called back.', 'as text');
  assertEqual((await complaint.locator('.note-author').textContent()).trim(), ctx.newRep.username, 'author');
  assert((await page.locator('.notes-policy').textContent()).includes('cannot be changed or deleted'), 'says so');
  assertEqual(await complaint.locator('button, a, input').count(), 0, 'no control on the complaint');
  const labels = await page.locator('main button, main a, main [role=button]').allTextContents();
  assert(!labels.some((l) => /delete|remove|erase|xóa/i.test(l)), 'no delete control anywhere: ' + labels.join(' | '));

  await shot(page, 'lead-with-complaint');
  const noteId = await complaint.getAttribute('data-id');
  shared.complaintId = noteId;
  const lead = shared.widgetLeadId;
  assertEqual((await apiFetch(page, 'DELETE', `/api/leads/${lead}/notes/${noteId}`)).status, 404, 'no DELETE route for a note');
  assertEqual((await apiFetch(page, 'DELETE', `/api/leads/${lead}`)).status, 404, 'no DELETE route for a lead');
  assertEqual((await apiFetch(page, 'PATCH', `/api/leads/${lead}/notes/${noteId}`, { text: 'x' })).status, 404, 'no edit route');
  clean(page, [404]);
});

await test('a change made meanwhile is caught: the lead reloads and the rep is told', async () => {
  const page = shared.repPage;
  const current = await apiFetch(page, 'GET', `/api/leads/${shared.widgetLeadId}`);
  // Someone else moves it on behind this page's back…
  const moved = await apiFetch(page, 'PATCH', `/api/leads/${shared.widgetLeadId}`, { status: 'qualified', version: current.body.version });
  assertEqual(moved.status, 200, 'moved meanwhile');
  // …so this page's version is stale.
  await page.locator('.status-button[data-status=qualified]').click();
  await flash(page, 'Someone changed this lead meanwhile');
  assertEqual(await page.locator('.lead-head .badge[data-status]').getAttribute('data-status'), 'qualified', 'reloaded');
  assertEqual(await page.locator('.status-button[data-status=won]').count(), 1, 'the next moves offered now');
  clean(page, [409]);
});

await test("a rep cannot open another rep's lead, in the UI or through the API", async () => {
  const page = shared.repPage;
  const other = ctx.leads.binh[0];
  await page.goto(CONSOLE + '#/leads/' + other);
  const error = page.locator('main .message-error');
  await error.waitFor();
  assertEqual((await error.textContent()).trim(), 'this lead belongs to another rep', "the API's message");
  assertEqual(await page.locator('.lead-grid, .facts').count(), 0, 'nothing of the lead is shown');
  assert(!(await page.locator('main').textContent()).includes(ctx.leads.binhName), 'no personal data');
  const api = await apiFetch(page, 'GET', '/api/leads/' + other);
  assertEqual(api.status, 403, 'GET /api/leads/<id> refuses');
  assertEqual(api.body.error.code, 'forbidden', 'error code');
  assertEqual((await apiFetch(page, 'POST', `/api/leads/${other}/notes`, { kind: 'note', text: 'x' })).status, 403, 'no notes');
  assertEqual((await apiFetch(page, 'GET', '/api/leads?owner=' + ctx.users.binh.id)).status, 403, 'no listing');
  // Supervisor pages are refused too, even typed in.
  await page.goto(CONSOLE + '#/team');
  await page.locator('main .message-error', { hasText: 'Your role does not give access to this page.' }).waitFor();
  assertEqual((await apiFetch(page, 'GET', '/api/users')).status, 403, 'no team list for a rep');
  clean(page, [403]);
});

await test('a lead named <img src=x onerror=alert(1)> shows as text and runs nothing', async () => {
  const page = shared.repPage;
  await page.goto(CONSOLE + '#/leads');
  const row = page.locator('tr.lead-row', { hasText: '<*** s*** o***' });
  await row.waitFor();
  await row.locator('.lead-link').click();
  await page.locator('.lead-name').waitFor();
  assertEqual(await page.locator('.lead-name').textContent(), HOSTILE, 'the literal text');
  await shot(page, 'hostile-lead');
  assertEqual(await page.locator('.value[data-field=name]').textContent(), HOSTILE, 'in the personal data too');
  assertEqual(await page.locator('main img, main script, main iframe').count(), 0, 'no element made from it');
  await page.waitForTimeout(300); // an onerror would have fired by now
  assertEqual(await page.evaluate(() => document.querySelectorAll('img').length), 0, 'no image anywhere');
  clean(page);
  await page.context().close();
});

await test('a manager adds a note with markup, assigns the hostile lead, and hands over all open leads of a rep', async () => {
  const page = await strictPage(browser);
  await page.goto(CONSOLE);
  // A wrong code first: refused, with a message, and the next right one still works.
  await page.locator('#signin-username').fill(ctx.manager.username);
  await page.locator('#signin-password').fill(ctx.manager.password);
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('#signin-code').fill('000000');
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('.signin-status .message-error', { hasText: 'That code is not right' }).waitFor();
  await page.locator('#signin-code').fill(await freshCode(ctx.manager.totpSecret));
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  const nav = await page.locator('nav.nav a').allTextContents();
  assertEqual(nav.join('|'), 'Leads|Overdue|Team|Audit log|Funnel', "a manager's navigation");

  await page.goto(CONSOLE + '#/leads/' + ctx.leads.hostile);
  await page.locator('.lead-name').waitFor();
  const markup = '<script>alert("note")</script><img src=x onerror=alert(2)>';
  await page.locator('#note-text').fill(markup);
  await page.locator('.note-form button[type=submit]').click();
  await flash(page, 'Added.');
  assertEqual(await page.locator('li.note[data-kind=note] .note-text').textContent(), markup, 'note shown as text');
  assertEqual(await page.locator('main img, main script').count(), 0, 'no element from the note');

  await page.locator('#assign-to').selectOption({ label: ctx.users.binh.username });
  await page.locator('.assign-form button[type=submit]').click();
  await flash(page, `Lead assigned to ${ctx.users.binh.username}.`);

  // The overdue list (supervisors see everyone's).
  await page.locator('nav.nav a[data-nav=overdue]').click();
  await page.locator('tr.lead-row', { hasText: ctx.leads.overdueMasked }).waitFor();

  await page.locator('nav.nav a[data-nav=team]').click();
  const binh = page.locator(`tr.team-row[data-user="${ctx.users.binh.username}"]`);
  await binh.waitFor();
  assertEqual((await binh.locator('.open-leads').textContent()).trim(), '3', 'two seeded leads and the assigned one');
  assertEqual((await page.locator(`tr.team-row[data-user="${ctx.users.chi.username}"] .open-leads`).textContent()).trim(), '0', 'chi has none');
  await shot(page, 'team');
  await binh.locator('select.handover-to').selectOption({ label: ctx.users.chi.username });
  await binh.locator('.handover-button').click();
  await page.locator('.flash .message-ok', { hasText: `3 open leads of ${ctx.users.binh.username} handed over to ${ctx.users.chi.username}.` }).waitFor();
  await page.locator(`tr.team-row[data-user="${ctx.users.chi.username}"] .open-leads`, { hasText: '3' }).waitFor();
  assertEqual((await page.locator(`tr.team-row[data-user="${ctx.users.binh.username}"] .open-leads`).textContent()).trim(), '0', 'binh has none left');
  const chi = await apiFetch(page, 'GET', '/api/leads?owner=' + ctx.users.chi.id);
  assertEqual(chi.body.leads.length, 3, 'the API agrees');

  // The list filtered by owner, as a manager.
  await page.goto(CONSOLE + '#/leads');
  await page.locator('#filter-owner option[value="' + ctx.users.chi.id + '"]').waitFor({ state: 'attached' });
  await page.locator('#filter-owner').selectOption(ctx.users.chi.id);
  await page.locator('.filters button[type=submit]').click();
  await page.waitForFunction((n) => document.querySelectorAll('tr.lead-row').length === n && location.hash.includes('owner='), 3);

  // An expired ID token is refreshed once, quietly…
  await page.evaluate(() => {
    const t = JSON.parse(sessionStorage.getItem('leadline.console.tokens'));
    t.idToken = 'expired.' + t.idToken.slice(8);
    sessionStorage.setItem('leadline.console.tokens', JSON.stringify(t));
  });
  await page.locator('nav.nav a[data-nav=audit]').click();
  await page.locator('.chain-banner.chain-ok').waitFor();
  assert((await page.locator('.chain-banner').textContent()).startsWith('✔ Chain verified:'), 'the chain verifies');
  assert((await page.locator('tr.audit-row[data-action="user.handover"]').count()) === 1, 'the handover is in the audit log');
  await shot(page, 'audit');
  // …but when the refresh token is no good either, the user signs in again.
  await page.evaluate(() => {
    const t = JSON.parse(sessionStorage.getItem('leadline.console.tokens'));
    t.idToken = 'expired.' + t.idToken.slice(8);
    t.refreshToken = 'revoked';
    sessionStorage.setItem('leadline.console.tokens', JSON.stringify(t));
  });
  await page.locator('nav.nav a[data-nav=team]').click();
  await page.locator('.signin-status .message', { hasText: 'Your session has ended. Please sign in again.' }).waitFor();
  assertEqual(await page.locator('nav.nav').count(), 0, 'signed out');
  assertEqual(await page.evaluate(() => sessionStorage.length), 0, 'nothing kept');
  clean(page, [400, 401]);
  await page.context().close();
});

await test('an administrator creates and disables a user, exports and erases a data subject, in Vietnamese too', async () => {
  const page = await strictPage(browser, { acceptConfirm: true });
  await page.goto(CONSOLE);
  await page.locator('#signin-username').fill(ctx.admin.username);
  await page.locator('#signin-password').fill(ctx.admin.password);
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('#signin-new-password').fill('Admin-Passw0rd!2026');
  await page.locator('#signin-confirm-password').fill('Admin-Passw0rd!2026');
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('#signin-code').fill(await freshCode(ctx.admin.totpSecret));
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  assertEqual((await page.locator('nav.nav a').allTextContents()).join('|'),
    'Leads|Overdue|Team|Audit log|Funnel|Users|Privacy requests', "an administrator's navigation");

  await page.locator('nav.nav a[data-nav=users]').click();
  await page.locator('#new-username').fill('dung.rep');
  await page.locator('#new-role').selectOption('sales-rep');
  await page.locator('.create-user-form button[type=submit]').click();
  const temporary = (await page.locator('#temporary-password').textContent()).trim();
  assert(temporary.length >= 12, 'a temporary password is shown once');
  assert((await page.locator('.created-slot').textContent()).includes('Shown only this once'), 'with a note to hand it over');
  const dung = page.locator('tr.user-row[data-user="dung.rep"]');
  await dung.waitFor();
  await dung.locator('.disable-form button').click(); // confirmed (acceptConfirm)
  await page.locator('.flash .message-ok', { hasText: 'dung.rep is disabled; 0 open leads handed over.' }).waitFor();
  await page.locator('tr.user-row[data-user="dung.rep"]', { hasText: 'Disabled' }).waitFor();

  await page.locator('nav.nav a[data-nav=privacy]').click();
  await page.locator('#subject-value').fill(ctx.leads.hostileEmail);
  await page.locator('.export-button').click();
  const json = JSON.parse(await page.locator('pre.json').textContent());
  assertEqual(json.leads.length, 1, 'the export holds the lead');
  assert(JSON.stringify(json).includes(HOSTILE), 'decrypted, as data');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.download-export').click()]);
  assert(download.suggestedFilename().endsWith('.json'), 'downloadable');
  await page.locator('.erase-button').click(); // confirmed (acceptConfirm)
  await page.locator('.privacy-result .message-ok', { hasText: 'Erased:' }).waitFor();
  assert((await page.locator('.privacy-result').textContent()).includes('1 leads'), 'one lead erased');

  // Vietnamese: the switch changes every label; dates follow the language.
  await page.locator('#language').selectOption('vi');
  await page.locator('main h1', { hasText: 'Yêu cầu quyền riêng tư' }).waitFor();
  assertEqual((await page.locator('nav.nav a').allTextContents()).join('|'),
    'Khách hàng|Quá hạn|Nhóm|Nhật ký|Phễu bán hàng|Người dùng|Quyền riêng tư', 'Vietnamese navigation');
  assertEqual(await page.evaluate(() => document.documentElement.lang), 'vi', 'the page says its language');
  await page.locator('nav.nav a[data-nav=leads]').click();
  await page.locator('tr.lead-row').first().waitFor();
  assertEqual((await page.locator('thead th').first().textContent()).trim(), 'Họ tên', 'Vietnamese table');
  assert(/thg/.test(await page.locator('tr.lead-row .col-created time').first().textContent()), 'a Vietnamese date');
  assertEqual(await page.locator('tr.lead-row', { hasText: '<*** s*** o***' }).count(), 0, 'the erased lead is gone');
  await shot(page, 'admin-leads-vi');
  await page.locator('nav.nav a[data-nav=overdue]').click();
  await page.locator('tr.lead-row', { hasText: ctx.leads.overdueMasked }).waitFor();
  await shot(page, 'overdue-vi');

  await page.locator('.sign-out').click();
  await page.locator('#signin-username').waitFor();
  assertEqual(await page.evaluate(() => sessionStorage.length), 0, 'sign-out clears the session');
  clean(page);
  await page.context().close();
});

await test('a browser set to Vietnamese gets the console in Vietnamese', async () => {
  const page = await strictPage(browser, { locale: 'vi-VN' });
  await page.goto(CONSOLE);
  await page.locator('#signin-username').waitFor();
  assertEqual((await page.locator('#signin-title').textContent()).trim(), 'Đăng nhập bảng điều khiển Leadline', 'title');
  assertEqual((await page.locator('label[for=signin-password]').textContent()).trim(), 'Mật khẩu', 'labels');
  await page.locator('#signin-username').fill('nobody');
  await page.locator('#signin-password').fill('wrong-password');
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('.signin-status .message-error', { hasText: 'Sai tên đăng nhập hoặc mật khẩu.' }).waitFor();
  clean(page, [400]);
  await page.context().close();
});

function svgPath(matrix) {
  let d = '';
  matrix.forEach((row, y) => row.forEach((dark, x) => { if (dark) { d += 'M' + (x + 4) + ' ' + (y + 4) + 'h1v1h-1z'; } }));
  return d;
}

await browser.close();
done();
