// A small harness for Leadline's browser tests: headless Debian Chromium driven by playwright-core.
// No browser is ever downloaded: the executable is the system's (CHROMIUM_PATH or /usr/bin/chromium).
import { chromium } from 'playwright-core';

export const BASE = process.env.LEADLINE_BASE_URL || process.argv[2];
if (!BASE) {
  console.error('usage: node <test>.mjs <base-url>   (or set LEADLINE_BASE_URL)');
  process.exit(2);
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** A page that fails the test on any script error or unexpected dialog (an XSS would show as one). */
export async function strictPage(browser, options = {}) {
  const context = await browser.newContext({ locale: options.locale || 'en-US' });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') { page.problems.push('console error: ' + m.text()); } });
  page.on('dialog', async (d) => {
    if (options.acceptConfirm && d.type() === 'confirm') { await d.accept(); return; }
    page.problems.push('unexpected dialog: ' + d.type() + ' ' + d.message());
    await d.dismiss();
  });
  return page;
}

const results = [];

export async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log('ok   ' + name);
  } catch (e) {
    results.push({ name, ok: false, error: String(e && e.stack || e) });
    console.log('FAIL ' + name + '\n     ' + String(e && e.stack || e).split('\n').join('\n     '));
  }
}

export function done() {
  const failed = results.filter((r) => !r.ok);
  console.log(`${results.length - failed.length}/${results.length} passed`);
  process.exit(failed.length ? 1 : 0);
}

export function assert(condition, message) {
  if (!condition) { throw new Error('assertion failed: ' + message); }
}

export function assertEqual(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(`${message}: expected ${JSON.stringify(expected)} but was ${JSON.stringify(actual)}`);
  }
}

// ---- The widget ------------------------------------------------------------------------------
/** The widget's shadow host; Playwright's CSS engine pierces its open shadow root. */
export const W = '[data-leadline]';

export async function openWidget(page, url) {
  await page.goto(url);
  await page.locator(`${W} .launcher`).click();
  await page.locator(`${W} .choice`).first().waitFor();
}

/**
 * Types an answer and waits until the widget has rendered the server's reply (a new prompt). As a form bot,
 * puts the text in every input of the answer form through the DOM, as bots do, and submits it.
 */
export async function answer(page, text, { asFormBot = false } = {}) {
  const current = await page.locator(`${W} .prompt > *`).first().elementHandle();
  if (asFormBot) {
    await page.locator(`${W} .answer`).evaluate((form, value) => {
      form.querySelectorAll('input').forEach((input) => { input.value = value; });
      form.requestSubmit();
    }, text);
  } else {
    await page.locator(`${W} .answer-input`).fill(text);
    await page.locator(`${W} .answer-input`).press('Enter');
  }
  await page.waitForFunction((el) => !el.isConnected, current);
}

export async function lastBot(page) {
  return (await page.locator(`${W} .message.bot .text`).last().textContent()).trim();
}
