// The funnel in a real browser, against the local product: six visitors chat through the widget (one
// opens it and leaves, one leaves at the consent question, one declines, three leave their details;
// some came from a campaign), a manager works two of the leads in the console (one won, one lost),
// then reads the funnel view and finds exactly the numbers that story makes: stages with step and
// overall rates, consent, leads, time to first contact, drop-off per flow node; filtered by source,
// flow and date (in the address: a reload and Back keep them), a refused range as a message, in
// Vietnamese too.
// A rep has no funnel. Run by FunnelBrowserE2ETest (LEADLINE_FUNNEL_E2E: the manager and the rep),
// which then checks that the events behind these numbers hold no personal data.
import { BASE, W, launch, strictPage, test, done, assert, assertEqual, openWidget, answer } from './harness.mjs';
import { freshCode } from './console-helpers.mjs';

const ctx = JSON.parse(process.env.LEADLINE_FUNNEL_E2E || 'null');
if (!ctx) {
  console.error('LEADLINE_FUNNEL_E2E (the manager and the rep, as JSON) is not set');
  process.exit(2);
}
const CONSOLE = BASE + '/console/';
const DEMO = BASE + '/demo/en.html';
const GOOGLE = 'google/cpc';
const NEWSLETTER = 'newsletter';
/** The three who leave their details; the first is won, the second lost, the third not yet contacted. */
const LEADS = [
  { name: 'Dara Quinn', masked: 'D*** Q***', email: 'dara.quinn@example.net', phone: '+84 90 555 2201', source: GOOGLE },
  { name: 'Elio Ruiz', masked: 'E*** R***', email: 'elio.ruiz@example.net', phone: '+84 90 555 2202', source: GOOGLE },
  { name: 'Fay Soto', masked: 'F*** S***', email: 'fay.soto@example.net', phone: '+84 90 555 2203', source: NEWSLETTER },
];
const PERSONAL = LEADS.flatMap((l) => [l.name, l.email, l.phone, l.phone.replace(/\D/g, '').slice(2)]);
/** ContactTimes' bucket upper bounds (minutes): quantiles are reported as "at most" one of these. */
const BUCKETS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200];

const browser = await launch();
const shared = {};

async function token(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('leadline.console.tokens')).idToken);
}

/** A request from the page with the user's token (what anyone could do from the browser's console). */
async function apiFetch(page, method, path) {
  return page.evaluate(async ([m, p, tok]) => {
    const r = await fetch(p, { method: m, headers: { Authorization: 'Bearer ' + tok } });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch (e) { json = null; }
    return { status: r.status, body: json };
  }, [method, path, await token(page)]);
}

/** No script error, dialog or console error, but the browser's log line for refusals the test expects. */
function clean(page, expectedStatuses = []) {
  const refused = new RegExp('^console error: Failed to load resource: the server responded with a status of ('
    + (expectedStatuses.join('|') || 'none') + ') ');
  const problems = page.problems.filter((p) => !refused.test(p));
  page.problems.length = 0;
  assertEqual(problems.length, 0, problems.join('; '));
}

/** Screenshots for a person to look at, when LEADLINE_FUNNEL_SHOTS names a folder. */
async function shot(page, name) {
  if (process.env.LEADLINE_FUNNEL_SHOTS) {
    await page.screenshot({ path: `${process.env.LEADLINE_FUNNEL_SHOTS}/${name}.png`, fullPage: true });
  }
}

async function signIn(page, user) {
  await page.goto(CONSOLE);
  await page.locator('#signin-username').fill(user.username);
  await page.locator('#signin-password').fill(user.password);
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('#signin-code').fill(await freshCode(user.totpSecret));
  await page.locator('.signin-form button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
}

const demo = (source) => (source ? DEMO + '?utm_source=' + encodeURIComponent(source) : DEMO);

/** A visitor in a browser of their own; what they do after the greeting is up to them. */
async function visit(source, then) {
  const page = await strictPage(browser);
  await openWidget(page, demo(source));
  if (then) { await then(page); }
  clean(page);
  await page.context().close();
}

async function choose(page, label) {
  await page.locator(`${W} .choice`, { hasText: label }).click();
  await page.locator(`${W} .consent-yes`).waitFor();
}

// ---- What the funnel view shows ------------------------------------------------------------------

/** The stage table as {stage: [count, overall, step]}. */
async function stages(page) {
  return Object.fromEntries(await page.locator('tr.stage-row').evaluateAll((rows) => rows.map((r) => [r.dataset.stage,
    [r.querySelector('.count').textContent, r.querySelector('.overall-rate').textContent, r.querySelector('.step-rate').textContent]])));
}

async function figures(page, panel) {
  return Object.fromEntries(await page.locator(`.${panel} dd[data-figure]`).evaluateAll((dds) => dds.map((d) =>
    [d.dataset.figure, d.textContent])));
}

/** The drop-off rows of one flow as {node: [reached, stopped, rate]}. */
async function dropOff(page, flow) {
  return Object.fromEntries(await page.locator(`.drop-off-flow[data-flow="${flow}"] tr.node-row`).evaluateAll((rows) =>
    rows.map((r) => [r.dataset.node, [r.querySelector('.reached').textContent, r.querySelector('.stopped').textContent,
      r.querySelector('.drop-off-rate').textContent]])));
}

function assertSame(actual, expected, what) {
  assertEqual(JSON.stringify(actual), JSON.stringify(expected), what);
}

/**
 * Counting follows the events' stream, a second or so behind: press Refresh until the stage table and
 * the leads panel (whose "lost" is no stage) say what is expected, or 15 seconds have passed and the
 * assertion says what differs.
 */
async function refreshUntil(page, expected, leads) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await page.locator('tr.stage-row, .funnel-empty, .flash .message-error').first().waitFor();
    const now = { stages: await stages(page), leads: leads && await figures(page, 'leads-panel') };
    const want = { stages: expected, leads };
    if (JSON.stringify(now) === JSON.stringify(want) || Date.now() > deadline) {
      assertSame(now.stages, expected, 'the stages');
      if (leads) { assertSame(now.leads, leads, 'leads'); }
      return;
    }
    await page.waitForTimeout(500);
    await page.locator('#funnel-refresh').click();
    await page.locator('#funnel-refresh:not([disabled])').waitFor();
  }
}

/** "at most 1 minute", "at most 2 hours"… as the English view says it. */
function atMostEn(minutes) {
  const [unit, n] = minutes % 1440 === 0 ? ['day', minutes / 1440] : minutes % 60 === 0 ? ['hour', minutes / 60] : ['minute', minutes];
  return `at most ${n} ${unit}${n === 1 ? '' : 's'}`;
}

const bucket = (minutes) => BUCKETS.find((upper) => minutes < upper);

/** A query parameter as the console writes it in the hash. */
const param = (name, value) => new URLSearchParams({ [name]: value }).toString();

async function expectUrl(page, part) {
  await page.waitForFunction((p) => location.hash.includes(p), part, { timeout: 10_000 }).catch(async () => {
    throw new Error(`the address has no ${part}: ${await page.evaluate(() => location.hash)}`);
  });
}

/**
 * The stages of the whole story as [count, of all who opened the chat, of the step before]: 6 opened,
 * 5 answered, 3 consented and became leads, 2 were contacted and qualified, 1 was won.
 */
function stagesFromAll() {
  return {
    widget_opened: ['6', '100%', '—'], chat_started: ['5', '83.3%', '83.3%'], consent_granted: ['3', '50%', '60%'],
    lead_captured: ['3', '50%', '100%'], contacted: ['2', '33.3%', '66.7%'], qualified: ['2', '33.3%', '100%'],
    won: ['1', '16.7%', '50%'],
  };
}

// ---- The story ---------------------------------------------------------------------------------

await test('a manager signs in; the funnel is in the navigation', async () => {
  const page = await strictPage(browser);
  await signIn(page, ctx.manager);
  assertEqual((await page.locator('nav.nav a').allTextContents()).join('|'), 'Leads|Overdue|Team|Audit log|Funnel',
    "a manager's navigation");
  await page.locator('nav.nav a[data-nav=funnel]').click();
  await page.locator('.funnel-empty').waitFor();
  assertEqual((await page.locator('main h1').textContent()).trim(), 'Funnel', 'title');
  assertEqual(await page.locator('nav.nav a[data-nav=funnel]').getAttribute('aria-current'), 'page', 'current page');
  assertEqual(await page.locator('.funnel-chart').count(), 0, 'no chart without visitors');
  // The API's default range: the last 30 days, today included.
  const from = await page.locator('#funnel-from').inputValue();
  const to = await page.locator('#funnel-to').inputValue();
  assertEqual(addDays(to, -29), from, '30 days by default');
  assertEqual(await page.locator('#preset-30').getAttribute('aria-pressed'), 'true', 'shown as the 30-day range');
  shared.today = to;
  shared.manager = page;
  clean(page);
});

await test('six visitors: one leaves at once, one at the consent question, one declines, three leave their details', async () => {
  await visit(null);
  await visit(NEWSLETTER, (page) => choose(page, 'Pricing'));
  await visit(null, async (page) => {
    await choose(page, 'Partnership');
    await page.locator(`${W} .consent-no`).click();
    await page.locator(`${W} .restart`).waitFor();
  });
  for (const lead of LEADS) {
    await visit(lead.source, async (page) => {
      await choose(page, 'A product demo');
      await page.locator(`${W} .consent-yes`).click();
      await page.locator(`${W} .answer-input`).waitFor();
      await answer(page, lead.name);
      await answer(page, lead.email);
      await answer(page, lead.phone);
      await page.locator(`${W} .restart`).waitFor();
    });
  }
});

await test('the manager works two leads in the console: one won, one lost', async () => {
  const page = shared.manager;
  const moves = [[LEADS[0], ['contacted', 'qualified', 'won']], [LEADS[1], ['contacted', 'qualified', 'lost']]];
  for (const [lead, statuses] of moves) {
    await page.locator('nav.nav a[data-nav=leads]').click();
    await page.locator('tr.lead-row', { hasText: lead.masked }).locator('.lead-link').click();
    await page.locator('.lead-name', { hasText: lead.name }).waitFor();
    for (const status of statuses) {
      await page.locator(`.status-button[data-status=${status}]`).click();
      const label = status[0].toUpperCase() + status.slice(1);
      await page.locator('.flash .message', { hasText: `Status changed to ${label}.` }).waitFor();
    }
  }
  // Time to first contact as the funnel will bucket it, from the leads' own times.
  const list = await apiFetch(page, 'GET', '/api/leads');
  const minutes = LEADS.slice(0, 2).map((l) => {
    const summary = list.body.leads.find((x) => x.masked.name === l.masked);
    return Math.floor((Date.parse(summary.firstContactAt) - Date.parse(summary.createdAt)) / 60_000);
  });
  shared.contactBuckets = minutes.map(bucket).sort((a, b) => a - b);
  clean(page);
});

await test('the funnel shows exactly what happened: stages, consent, leads, first contact, drop-off', async () => {
  const page = shared.manager;
  await page.locator('nav.nav a[data-nav=funnel]').click();
  await refreshUntil(page, stagesFromAll(), { captured: '3', open: '1', won: '1', lost: '1' });
  assertSame(await figures(page, 'consent-panel'), { asked: '4', granted: '3', declined: '1', declineRate: '25%' }, 'consent');
  // Two contacts: the median is the first's bucket, the 90th percentile the second's.
  const [first, second] = shared.contactBuckets;
  assertSame(await figures(page, 'contact-panel'), { contacted: '2', median: atMostEn(first), p90: atMostEn(second) },
    'time to first contact');
  assertSame(await dropOff(page, 'website-lead'), {
    greeting: ['6', '0', '0%'],
    interest: ['6', '1', '16.7%'],
    consent_contact: ['5', '1', '20%'],
    ask_name: ['3', '0', '0%'],
    declined: ['1', '1', 'End'],
    ask_email: ['3', '0', '0%'],
    ask_phone: ['3', '0', '0%'],
    thanks: ['3', '3', 'End'],
  }, 'drop-off in website-lead');
  assertEqual(await page.locator('.drop-off-flow').count(), 1, 'flows nobody used are left out');

  // The chart: an image with a title and a description, one bar per stage, widths in proportion.
  const chart = page.locator('svg.funnel-svg');
  assertEqual(await chart.getAttribute('role'), 'img', 'an image to assistive technology');
  const title = await chart.locator('title').textContent();
  assert(/^Funnel from .+ to .+$/.test(title), 'a title: ' + title);
  assert((await chart.locator('desc').textContent()).startsWith('Opened the chat: 6 (100%); Started chatting: 5 (83.3%)'),
    'a description with the numbers');
  const widths = Object.fromEntries(await chart.locator('rect.bar').evaluateAll((bars) =>
    bars.map((b) => [b.dataset.stage, b.getAttribute('width')])));
  assertSame(widths, { widget_opened: '100.00%', chat_started: '83.33%', consent_granted: '50.00%', lead_captured: '50.00%',
    contacted: '33.33%', qualified: '33.33%', won: '16.67%' }, 'bar widths ∝ counts');
  const labels = await chart.locator('.chart-row').evaluateAll((rows) => rows.map((r) => r.textContent));
  assertSame(labels.slice(0, 2), ['Opened the chat6100% of all', 'Started chatting583.3% of the step before83.3% of all'],
    'bars labelled with the stage, its count and its rates');

  // The sources seen, for the filter; nothing personal anywhere on the page or in its address.
  assertSame(await page.locator('#funnel-source option').evaluateAll((o) => o.map((x) => x.value)),
    ['', '(none)', GOOGLE, NEWSLETTER], 'source choices');
  const text = await page.locator('body').textContent();
  for (const p of PERSONAL) {
    assert(!text.includes(p) && !page.url().includes(p), 'no personal data shown: ' + p);
  }
  await shot(page, 'funnel-en');
  clean(page);
});

await test('filters: by source (kept in the address: reload and Back), by flow, by date; a refused range is a message', async () => {
  const page = shared.manager;
  await page.locator('#funnel-source').focus(); // as a keyboard user would
  await page.locator('#funnel-source').selectOption(GOOGLE);
  await expectUrl(page, param('source', GOOGLE));
  await page.locator('tr.stage-row[data-stage=widget_opened] .count', { hasText: '2' }).waitFor();
  assertEqual(await page.evaluate(() => document.activeElement.id), 'funnel-source', 'the focus stays on the filter');
  await refreshUntil(page, {
    widget_opened: ['2', '100%', '—'], chat_started: ['2', '100%', '100%'], consent_granted: ['2', '100%', '100%'],
    lead_captured: ['2', '100%', '100%'], contacted: ['2', '100%', '100%'], qualified: ['2', '100%', '100%'],
    won: ['1', '50%', '50%'],
  }, { captured: '2', open: '0', won: '1', lost: '1' });
  assertSame(await figures(page, 'consent-panel'), { asked: '2', granted: '2', declined: '0', declineRate: '0%' }, 'consent');

  await page.reload();
  await page.locator('tr.stage-row').first().waitFor();
  assertEqual(await page.locator('#funnel-source').inputValue(), GOOGLE, 'the filter survives a reload');
  assertEqual((await stages(page)).widget_opened[0], '2', 'and so do the numbers');

  // Visitors without a campaign source: the one who left at once and the one who declined.
  await page.locator('#funnel-source').selectOption('(none)');
  await expectUrl(page, param('source', '(none)'));
  await refreshUntil(page, {
    widget_opened: ['2', '100%', '—'], chat_started: ['1', '50%', '50%'], consent_granted: ['0', '0%', '0%'],
    lead_captured: ['0', '0%', '—'], contacted: ['0', '0%', '—'], qualified: ['0', '0%', '—'], won: ['0', '0%', '—'],
  });
  assertSame(await figures(page, 'consent-panel'), { asked: '1', granted: '0', declined: '1', declineRate: '100%' }, 'consent');
  assertSame(await figures(page, 'contact-panel'), { contacted: '0', median: '—', p90: '—' }, 'nobody contacted');
  assertSame((await dropOff(page, 'website-lead')).interest, ['2', '1', '50%'], 'one stopped at the first question');
  // Back: the campaign again (each filter is a step in the history).
  await page.goBack();
  await expectUrl(page, param('source', GOOGLE));
  await page.locator('tr.stage-row[data-stage=won] .count', { hasText: '1' }).waitFor();
  assertEqual(await page.locator('#funnel-source').inputValue(), GOOGLE, 'Back restores the filter');

  // Another flow: nobody used it.
  await page.locator('#funnel-source').selectOption('');
  await page.waitForFunction(() => !location.hash.includes('source='));
  await page.locator('#funnel-flow').selectOption('support-triage');
  await expectUrl(page, 'flow=support-triage');
  await page.locator('.funnel-empty', { hasText: 'No visitors in this period' }).waitFor();
  assertEqual(await page.locator('.funnel-chart, tr.stage-row').count(), 0, 'no chart, no table');
  await shot(page, 'funnel-empty');
  await page.locator('#funnel-flow').selectOption('website-lead');
  await expectUrl(page, 'flow=website-lead');
  await refreshUntil(page, stagesFromAll());

  // Quick ranges: the last 7 days hold today's visitors too.
  await Promise.all([page.waitForResponse((r) => r.url().includes('/api/analytics/funnel?from=' + addDays(shared.today, -6))),
    page.locator('#preset-7').click()]);
  await expectUrl(page, 'from=' + addDays(shared.today, -6));
  await page.locator('#preset-7[aria-pressed=true]').waitFor();
  assertEqual(await page.locator('#funnel-from').inputValue(), addDays(shared.today, -6), 'from');
  assertEqual(await page.locator('#funnel-to').inputValue(), shared.today, 'to');
  await refreshUntil(page, stagesFromAll()); // today is in the range
  // A range that ends before today's visitors arrived: nothing.
  await page.locator('#funnel-to').fill(addDays(shared.today, -1));
  await expectUrl(page, 'to=' + addDays(shared.today, -1));
  await page.locator('.funnel-empty').waitFor();

  // Refused by the API: shown as a message, the filters still there to fix it.
  await page.goto(CONSOLE + `#/funnel?from=${shared.today}&to=${addDays(shared.today, -3)}`);
  await page.locator('.flash .message-error', { hasText: "'from' must not be after 'to'" }).waitFor();
  assertEqual(await page.locator('#funnel-from').inputValue(), shared.today, 'the filter stays');
  assertEqual(await page.locator('tr.stage-row').count(), 0, 'no numbers');
  await shot(page, 'funnel-refused');
  await page.goto(CONSOLE + `#/funnel?from=${addDays(shared.today, -400)}`);
  await page.locator('.flash .message-error', { hasText: 'at most 366 days' }).waitFor();
  await page.locator('#preset-90').click();
  await page.locator('tr.stage-row').first().waitFor();
  assertEqual(await page.locator('.flash .message-error').count(), 0, 'a good range clears the message');
  clean(page, [400]);
});

await test('in Vietnamese: labels, stage names, numbers and durations', async () => {
  const page = shared.manager;
  await page.goto(CONSOLE + '#/funnel');
  await refreshUntil(page, stagesFromAll());
  await page.locator('#language').selectOption('vi');
  await page.locator('main h1', { hasText: 'Phễu chuyển đổi' }).waitFor();
  assertEqual((await page.locator('nav.nav a[data-nav=funnel]').textContent()).trim(), 'Phễu bán hàng', 'navigation');
  const row = page.locator('tr.stage-row[data-stage=chat_started]');
  assertEqual((await row.locator('th').textContent()).trim(), 'Bắt đầu trò chuyện', 'stage name');
  assertEqual(await row.locator('.overall-rate').textContent(), '83,3%', 'a Vietnamese decimal comma');
  assertEqual((await page.locator('tr.stage-row[data-stage=won] th').textContent()).trim(), 'Thành công', 'won');
  const median = await page.locator('.contact-panel dd[data-figure=median]').textContent();
  assert(/^tối đa \d+ (phút|giờ|ngày)$/.test(median), 'a Vietnamese duration: ' + median);
  assertEqual(await page.locator('tr.node-row[data-node=thanks] .drop-off-rate').textContent(), 'Kết thúc', 'end node');
  assertEqual(await page.locator('#preset-7').textContent(), '7 ngày qua', 'quick range');
  assert((await page.locator('svg.funnel-svg title').textContent()).startsWith('Phễu chuyển đổi từ'), 'chart title');
  await shot(page, 'funnel-vi');
  await page.locator('#language').selectOption('en');
  await page.locator('main h1', { hasText: 'Funnel' }).waitFor();
  clean(page);
  await page.context().close();
});

await test('a rep has no funnel, in the UI or through the API', async () => {
  const page = await strictPage(browser);
  await signIn(page, ctx.rep);
  assertEqual((await page.locator('nav.nav a').allTextContents()).join('|'), 'Leads|Overdue', "a rep's navigation");
  await page.goto(CONSOLE + '#/funnel');
  await page.locator('main .message-error', { hasText: 'Your role does not give access to this page.' }).waitFor();
  const refused = await apiFetch(page, 'GET', '/api/analytics/funnel');
  assertEqual(refused.status, 403, 'the API refuses');
  clean(page, [403]);
  await page.context().close();
});

function addDays(day, n) {
  const d = new Date(day + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

await browser.close();
done();
