// The chat widget in a real browser: a visitor chats to a captured lead, text is text, reloads resume,
// "Forget me" erases, and the honeypot is out of people's sight and reach while a form bot fills it.
// Run by WidgetBrowserE2ETest against the local runner.
import { BASE, W, launch, strictPage, test, done, assert, assertEqual, openWidget, answer, lastBot } from './harness.mjs';

const browser = await launch();

/** The bodies of the chat messages the page sends. */
function messagesSent(page) {
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/messages')) { sent.push(JSON.parse(r.postData())); } });
  return sent;
}

/** The honeypot is in the answer form but out of sight, out of reach and out of the accessibility tree. */
async function assertHoneypotOutOfReach(page) {
  const trap = page.locator(`${W} .answer input[name=website]`);
  assertEqual(await trap.count(), 1, 'the answer form holds the honeypot');
  const box = await trap.boundingBox();
  assert(box === null || box.x + box.width <= 0, 'off-screen: ' + JSON.stringify(box));
  const facts = await trap.evaluate((input) => ({
    inert: input.closest('[inert]') !== null, ariaHidden: input.closest('[aria-hidden="true"]') !== null,
    tabIndex: input.tabIndex, autocomplete: input.getAttribute('autocomplete') }));
  assertEqual(JSON.stringify(facts), JSON.stringify({ inert: true, ariaHidden: true, tabIndex: -1, autocomplete: 'off' }), 'attributes');
  const focused = () => page.evaluate((sel) => {
    const f = document.querySelector(sel).shadowRoot.activeElement;
    return f ? (f.name || f.className) : '';
  }, W);
  await trap.evaluate((input) => input.focus());
  assert((await focused()) !== 'website', 'a script cannot focus it');
  await page.locator(`${W} .answer-input`).focus();
  await page.keyboard.press('Tab');
  assertEqual(await focused(), 'send', 'Tab goes from the answer to Send');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    assert((await focused()) !== 'website', 'Tab never reaches it');
  }
  const tree = await page.locator(`${W} .panel`).ariaSnapshot();
  assert(/button "Send"/.test(tree) && !/website/i.test(tree), 'in the accessibility tree the form has its answer and Send, no honeypot: ' + tree);
}

await test('a visitor chats through consent to a captured lead (English page)', async () => {
  const page = await strictPage(browser);
  const sent = messagesSent(page);
  await openWidget(page, BASE + '/demo/en.html');
  assert((await page.locator(`${W} .message.bot`).first().textContent()).includes('Leadline Demo assistant'), 'greeting');
  await page.locator(`${W} .choice`, { hasText: 'A product demo' }).click();

  const consent = page.locator(`${W} .consent`);
  await consent.waitFor();
  assert((await consent.locator('.consent-text').textContent()).includes('Leadline Demo Co.'), 'consent names the controller');
  assertEqual((await consent.locator('.consent-retention').textContent()).trim(), 'Kept for 180 days', 'retention shown');
  const privacy = await consent.locator('.consent-privacy').getAttribute('href');
  assertEqual(privacy, BASE + '/privacy.html', 'privacy link resolved against the API origin');
  await consent.locator('.consent-yes').click();

  await page.locator(`${W} .answer-input`).waitFor();
  assertEqual(await page.locator(`${W} .answer-input`).getAttribute('autocomplete'), 'name', 'name field');
  await assertHoneypotOutOfReach(page);
  // Hostile input: shown as text, never run, and refused as a name.
  await answer(page, '<img src=x onerror=alert(1)>');
  assertEqual(await page.locator(`${W} img`).count(), 0, 'no <img> element was created from visitor text');
  assert((await page.locator(`${W} .message.visitor .text`).last().textContent()) === '<img src=x onerror=alert(1)>',
    'the visitor text is rendered literally');
  assert((await page.locator(`${W} .hint`).textContent()).includes('name'), 'asked again for a name, next to the input');

  await answer(page, 'Trần Thị Bích');
  await answer(page, 'bich.tran@example.vn');
  assertEqual(await page.locator(`${W} .answer-input`).getAttribute('type'), 'tel', 'phone field');
  await answer(page, '0987 654 321');
  assert((await lastBot(page)).startsWith('Thank you'), 'thanks at the end');
  await page.locator(`${W} .restart`).waitFor();
  assert(sent.length >= 6 && sent.every((m) => m.website === ''), 'every message carries the empty honeypot: ' + JSON.stringify(sent.map((m) => m.website)));
  assertEqual(page.problems.length, 0, 'no script errors or dialogs: ' + page.problems.join('; '));
  await page.context().close();
});

await test('a form bot that fills every field gets the usual answers (and leaves no lead)', async () => {
  const page = await strictPage(browser);
  const sent = messagesSent(page);
  await openWidget(page, BASE + '/demo/en.html');
  await page.locator(`${W} .choice`, { hasText: 'A product demo' }).click();
  await page.locator(`${W} .consent-yes`).click();
  await page.locator(`${W} .answer-input`).waitFor();
  for (const value of ['Form Bot', 'formbot@spam.example', '0977 111 222']) {
    await answer(page, value, { asFormBot: true });
  }
  assert((await lastBot(page)).startsWith('Thank you'), 'thanked like anyone');
  assert(sent.slice(2).every((m) => m.website === m.text), 'the honeypot went with the bot\'s answers');
  assertEqual(page.problems.length, 0, page.problems.join('; '));
  await page.context().close();
});

await test('a reload resumes the conversation where it was (Vietnamese page)', async () => {
  const page = await strictPage(browser, { locale: 'vi-VN' });
  await openWidget(page, BASE + '/demo/');
  await page.locator(`${W} .choice`, { hasText: 'Bảng giá' }).click();
  await page.locator(`${W} .consent`).waitFor();
  assertEqual((await page.locator(`${W} .consent-retention`).textContent()).trim(), 'Lưu trong 180 ngày', 'vi retention');
  await page.reload();
  await page.locator(`${W} .consent`).waitFor();
  const history = await page.locator(`${W} .message .text`).allTextContents();
  assert(history.includes('Bảng giá'), 'the visitor choice is in the history: ' + JSON.stringify(history));
  assert(history.some((h) => h.startsWith('Xin chào')), 'the greeting is in the history');
  assertEqual(page.problems.length, 0, page.problems.join('; '));
  await page.context().close();
});

await test('declining stores nothing and "Forget me" erases the conversation', async () => {
  const page = await strictPage(browser, { acceptConfirm: true });
  await openWidget(page, BASE + '/demo/en.html');
  await page.locator(`${W} .choice`, { hasText: 'Pricing' }).click();
  await page.locator(`${W} .consent-no`).click();
  await page.locator(`${W} .restart`).waitFor();
  assert((await lastBot(page)).includes("haven't stored"), 'polite decline');
  await page.locator(`${W} .forget`).click();
  await page.waitForFunction((sel) => {
    const host = document.querySelector(sel);
    return host && [...host.shadowRoot.querySelectorAll('.message.bot .text')].some((m) => m.textContent.includes('erased'));
  }, W);
  const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('leadline:')).length);
  assertEqual(stored, 0, 'the token is gone from sessionStorage');
  assertEqual(page.problems.length, 0, page.problems.join('; '));
  await page.context().close();
});

await test('the widget is usable with the keyboard alone', async () => {
  const page = await strictPage(browser);
  await page.goto(BASE + '/demo/en.html');
  await page.locator(`${W} .launcher`).focus();
  await page.keyboard.press('Enter');
  await page.locator(`${W} .choice`).first().waitFor();
  // Focus moves to the first option; Enter picks it.
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.activeElement?.className === 'choice', W);
  await page.keyboard.press('Enter');
  await page.locator(`${W} .consent`).waitFor();
  await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.activeElement?.className === 'consent-yes', W);
  await page.keyboard.press('Escape');
  assert(await page.locator(`${W} .panel`).isHidden(), 'Escape closes the panel');
  await page.context().close();
});

await browser.close();
done();
