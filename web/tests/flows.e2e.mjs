// Flows through the widget in a real browser: the Vietnamese flow end to end, a visitor who types an
// e-mail address and then declines, the consent receipt and a withdrawal, and the widget embedded in
// a page of another origin. Run by FlowsBrowserE2ETest, which then checks what was stored.
import http from 'node:http';
import { BASE, W, launch, strictPage, test, done, assert, assertEqual, openWidget as open, answer as type, lastBot } from './harness.mjs';

const browser = await launch();

async function botCount(page) {
  return page.locator(`${W} .message.bot`).count();
}

async function waitForBot(page, before) {
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).shadowRoot.querySelectorAll('.message.bot').length > n,
    [W, before]);
}

await test('the Vietnamese flow, end to end through the widget', async () => {
  const page = await strictPage(browser, { locale: 'vi-VN' });
  await open(page, BASE + '/demo/');
  assertEqual(await page.locator(`${W} .launcher`).count() + 0, 1, 'one widget');
  assert((await page.locator(`${W} .message.bot .text`).first().textContent()).startsWith('Xin chào'), 'Vietnamese greeting');
  await page.locator(`${W} .choice`, { hasText: 'Xem demo sản phẩm' }).click();
  await page.locator(`${W} .consent`).waitFor();
  assertEqual((await page.locator(`${W} .consent-heading`).textContent()).trim(), 'Sự đồng ý của bạn', 'consent heading');
  assertEqual((await page.locator(`${W} .consent-retention`).textContent()).trim(), 'Lưu trong 180 ngày', 'retention');
  assertEqual((await page.locator(`${W} .consent-privacy`).textContent()).trim(), 'Chính sách bảo mật', 'privacy link');
  await page.locator(`${W} .consent-yes`).click();
  await page.locator(`${W} .answer-input`).waitFor();
  await type(page, 'Nguyễn Văn An');
  assert((await lastBot(page)).includes('email'), 'asks for the e-mail');
  // A wrong e-mail: the reason shows next to the input, in Vietnamese, and the input is marked invalid.
  await type(page, 'an-at-example');
  const hint = (await page.locator(`${W} .hint`).textContent()).trim();
  assert(hint.startsWith('Địa chỉ email này có vẻ chưa đúng'), 'inline hint in Vietnamese: ' + hint);
  assertEqual(await page.locator(`${W} .answer-input`).getAttribute('aria-invalid'), 'true', 'input marked invalid');
  await type(page, 'an.nguyen@example.vn');
  assertEqual(await page.locator(`${W} .hint`).count(), 0, 'the hint is gone once the answer is accepted');
  await type(page, '0912 345 678');
  assert((await lastBot(page)).startsWith('Cảm ơn bạn! Đội ngũ kinh doanh'), 'thanks in Vietnamese');
  await page.locator(`${W} .restart`).waitFor();
  assertEqual(page.problems.length, 0, page.problems.join('; '));
  await page.context().close();
});

await test('a visitor types an e-mail address, then declines: nothing personal is kept', async () => {
  const page = await strictPage(browser);
  await open(page, BASE + '/demo/en.html');
  // Typed at the choice prompt, before any consent: not an option, so the bot asks again.
  await type(page, 'just e-mail me: decline.me@example.org or call 0933 222 111');
  assert((await page.locator(`${W} .hint`).textContent()).includes('pick one of the options'), 'asked to pick an option');
  await page.locator(`${W} .choice`, { hasText: 'Pricing' }).click();
  await page.locator(`${W} .consent-no`).click();
  await page.locator(`${W} .restart`).waitFor();
  assert((await lastBot(page)).includes("haven't stored anything"), 'polite decline');
  assertEqual(page.problems.length, 0, page.problems.join('; '));
  await page.context().close();
});

await test('the receipt shows what was agreed, downloads, and consent can be withdrawn', async () => {
  const page = await strictPage(browser);
  await open(page, BASE + '/demo/en.html');
  await page.locator(`${W} .choice`, { hasText: 'Partnership' }).click();
  await page.locator(`${W} .consent-yes`).click();
  await page.locator(`${W} .answer-input`).waitFor();
  await type(page, 'Withdraw Tester');
  await type(page, 'withdraw.tester@example.org');
  await type(page, '+84 90 111 2233');
  await page.locator(`${W} .privacy`).click();
  await page.locator(`${W} .privacy-view`).waitFor();
  const item = (await page.locator(`${W} .privacy-purpose`).first().textContent()).trim();
  assert(item.startsWith('Purpose: contact — agreed'), 'receipt lists the grant: ' + item);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${W} .download-receipt`).click()]);
  const receipt = JSON.parse(await streamText(await download.createReadStream()));
  assertEqual(receipt.records[0].decision, 'granted', 'downloaded receipt');
  assert(receipt.records[0].shownText.includes('retention=P180D'), 'the receipt holds the exact text shown');
  assert(!JSON.stringify(receipt).includes('withdraw.tester'), 'the receipt holds no personal data');
  const before = await botCount(page);
  await page.locator(`${W} .withdraw`).click();
  await waitForBot(page, before);
  assert((await lastBot(page)).includes('withdrawn'), 'withdrawal confirmed: ' + await lastBot(page));
  assertEqual(page.problems.length, 0, page.problems.join('; '));
  await page.context().close();
});

await test('embedded in a page of another origin, the widget hands a support request to a person', async () => {
  const site = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,"></head>
      <body><h1>Another company's site</h1>
      <script src="${BASE}/widget/leadline-widget.js" data-flow="support-triage" async></script></body></html>`);
  });
  await new Promise((r) => site.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${site.address().port}`;
  assert(!BASE.startsWith(origin), 'really another origin');
  try {
    const page = await strictPage(browser);
    await open(page, origin + '/');
    await page.locator(`${W} .choice`, { hasText: "Something doesn't work" }).click();
    await page.locator(`${W} .choice`, { hasText: "I can't work" }).click();
    await page.locator(`${W} .consent-yes`).click();
    await page.locator(`${W} .answer-input`).waitFor();
    await type(page, 'Lê Văn Tám');
    await type(page, 'tam.le@example.vn');
    await type(page, 'The export button does nothing since this morning.');
    assert((await lastBot(page)).startsWith('Thanks, your request is with our support team'), 'handed off: ' + await lastBot(page));
    assertEqual(page.problems.length, 0, page.problems.join('; '));
    await page.context().close();
  } finally {
    site.close();
  }
});

async function streamText(stream) {
  const chunks = [];
  for await (const c of stream) { chunks.push(c); }
  return Buffer.concat(chunks).toString('utf8');
}

await browser.close();
done();
