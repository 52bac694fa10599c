// A lab's whole working day through the web UI only, on the demo lab (`assayctl demo`, the only setup):
// the technician registers an order of two rice samples for lead and cadmium and takes it through the
// contract review; the manager assigns the items; the technician receives the samples and enters the
// results in the grid; the reviewer checks and approves them; the manager builds the report and chooses
// the signatory, who signs it with his password; anyone verifies it at /verify with its code, on a phone.
// No API call is made from the test: every step is what a user clicks and types, and every assertion is
// what the user sees. Screenshots: build/e2e-day/<lang>/NN-step.png.
//
// In Chinese, every screen is scanned for English (foreignWords below): server text that reaches a
// Chinese user untranslated fails the walk, unless it is a known server gap listed in SERVER_GAPS.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strings } from './harness.mjs';
import { DEMO_PASSWORD } from './demo.mjs';
import { labDate } from './api.mjs'; // the lab's date only: the walk makes no API call

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

// Words a Chinese lab reads as they are: product and format names, and the language switch's "English".
// Codes, units, standards and abbreviations (GB 5009.12-2023, mg/kg, ICP-MS, CMA, GDQT2026000001, hashes)
// never match: a word here is letters only, and a word in capitals is an abbreviation or a code.
const ALLOWED = new Set(['Assay', 'English', 'Excel', 'sqlite', 'mysql', 'mariadb']);

// English the server still sends to a Chinese user, each recorded as a server gap (the C++ is not changed
// here): the walk tolerates exactly these words on exactly these screens, so that anything new fails.
export const SERVER_GAPS = {
  // `assayctl demo` names its organizations "… (demo)" and "… (demo SME)": demo data, shown in the top bar,
  // the customer list, order titles and the /verify page.
  demoNames: ['demo', 'SME'],
};

// Not a gap: /verify shows the status and the PDF's verdict with the English word beside the Chinese
// on purpose, for machines and foreign readers ("有效 (valid)", "真实（authentic）", verify.js).
const VERIFY_WORDS = ['valid', 'authentic'];

// The English words in a screen's visible text that are not allowed: letters-only words of 3+ letters,
// not all capitals, not on the allow-list nor among `tolerated`.
export function foreignWords(text, tolerated = []) {
  const ok = new Set([...ALLOWED, ...tolerated]);
  const words = text.match(/[A-Za-z0-9][A-Za-z0-9._/+:-]*/g) ?? [];
  return [...new Set(words.filter((w) => /^[A-Za-z]{3,}$/.test(w) && w !== w.toUpperCase() && !ok.has(w)))];
}

export async function walkDay({ page, baseUrl, lang }) {
  const s = strings(lang);
  const zh = lang === 'zh-CN';
  const dir = path.join(path.resolve(process.env.ASSAY_E2E_OUT || path.join(repoRoot, 'build')), 'e2e-day', lang);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let step = 0;
  // A screenshot of the step, and in Chinese the scan for English on the screen as the user sees it.
  // fullPage: false for a modal dialog, whose backdrop covers only the window.
  async function screen(name, { tolerated = [], on = page, fullPage = true } = {}) {
    await on.screenshot({ path: path.join(dir, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage });
    if (!zh) {
      // In English the UI's own words (buttons, labels, headings of tables and fieldsets) hold no Chinese:
      // the lab's data (names of samples, customers, methods) is in Chinese, its controls are not.
      const chrome = await on.evaluate(() => [...document.querySelectorAll('button, label, th, legend, summary, [role=tab]')]
        .filter((el) => el.offsetParent !== null || el.getClientRects().length).map((el) => {
          const copy = el.cloneNode(true); // a label around a select: its own words only, not the options (data)
          copy.querySelectorAll('select, option, input, textarea').forEach((x) => x.remove());
          return copy.textContent.trim();
        }).filter(Boolean));
      const chinese = chrome.filter((x) => /[\u4e00-\u9fff]/.test(x));
      assert.deepEqual(chinese, [], `Chinese in the English UI's controls on ${step}-${name}`);
      return;
    }
    const text = await on.evaluate(() => document.body.innerText);
    assert.deepEqual(foreignWords(text, [...SERVER_GAPS.demoNames, ...tolerated]), [], `English on the Chinese screen ${step}-${name}:\n${text}`);
  }
  const fill = (testid, value) => page.getByTestId(testid).fill(value);
  const hasText = (testid, text) => page.getByTestId(testid).filter({ hasText: text }).first().waitFor();

  async function signIn(username) {
    if (await page.getByTestId('logout').count()) await page.getByTestId('logout').click();
    await page.getByTestId('username').waitFor();
    await fill('username', username);
    await fill('password', DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('queues').locator('[data-testid$=-count]').first().filter({ hasNotText: '…' }).waitFor();
  }
  // A dashboard card's count once loaded, then the card opened.
  async function openQueue(id, expected) {
    const count = page.getByTestId(`queue-${id}-count`);
    await count.filter({ hasNotText: '…' }).waitFor();
    assert.equal((await count.textContent()).trim(), String(expected), `the ${id} card`);
    await page.getByTestId(`queue-${id}`).click();
  }

  // ---- 08:30 the technician (tech.li) at the counter: the language, then the new order ----------------
  await page.goto(baseUrl);
  await page.getByTestId('lang-switch').selectOption(lang);
  await page.getByTestId('login-submit').filter({ hasText: s['login.submit'] }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('assay.lang')), lang, 'the language is remembered');
  await signIn('tech.li');
  await screen('tech-dashboard');
  await page.getByTestId('nav-intake').click();
  await page.getByTestId('order-form').waitFor();

  // Registered too soon: each problem beside its own field, in the user's words, never an API field path.
  await fill('sample-0-name', '东北大米（珍珠米）');
  await page.getByTestId('order-submit').click();
  await page.getByTestId('order-contact-error').waitFor();
  assert.equal(await page.getByTestId('order-contact').getAttribute('aria-invalid'), 'true');
  assert.equal((await page.getByTestId('sample-0-items-error').textContent()).trim(), s['intake.order.itemsRequired']);
  assert.doesNotMatch(await page.getByTestId('order-form').innerText(), /samples\[\d|contact\.name|\.items\b|required: at least/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'order-contact', 'the first field to correct has the focus');
  await screen('order-form-errors');

  await fill('order-contact', '王建国');
  await fill('order-phone', '020-83345678');
  await page.getByTestId('order-rule').selectOption('simple');
  const items = ['铅(以Pb计) — GB 5009.12-2023 第一法 (¥150.00)', '镉(以Cd计) — GB 5009.15-2023 第一法 (¥150.00)'];
  const samples = ['东北大米（珍珠米）', '五常稻花香大米'];
  for (const [n, name] of samples.entries()) {
    if (n) await page.getByTestId('order-add-sample').click();
    await fill(`sample-${n}-name`, name);
    // The product comes from the lab's product list (a searchable picker); it sets the category.
    await fill(`sample-${n}-product`, '大米');
    await page.getByTestId(`sample-${n}-product-hint`).filter({ hasText: '粮食及其制品' }).waitFor();
    assert.equal(await page.getByTestId(`sample-${n}-category`).inputValue(), '粮食及其制品');
    await fill(`sample-${n}-quantity`, '2');
    await page.getByTestId(`sample-${n}-items`).selectOption(items.map((label) => ({ label })));
  }
  await page.getByTestId('order-submit').click();
  await page.getByTestId('order-title').waitFor();
  const orderCode = /[A-Z]+WT\d+/.exec(await page.getByTestId('order-title').textContent())[0];
  assert.equal(await page.getByTestId('item-row').count(), 4);
  const sampleCodes = (await page.getByTestId('sample-open').allTextContents()).map((x) => x.trim());
  assert.equal(sampleCodes.length, 2);
  await screen('order-registered');

  // Contract review: each item can be done by 李明 and is priced; the quote is the sum.
  await page.getByTestId('order-review').click();
  await page.getByTestId('order-reviewer').waitFor();
  assert.equal((await page.getByTestId('order-quote').textContent()).trim(), s['intake.order.quote'].replace('{total}', '600.00'));
  for (const row of await page.getByTestId('item-row').all()) assert.match(await row.textContent(), /李明/);
  // Scope by product, not by the customer's name: 东北大米（珍珠米） chosen as 大米 is inside the CMA scope, and
  // each item says which row of the scope covers it.
  const cmaWhy = page.locator('[data-testid=item-cma] [data-testid=scope-why]');
  for (const why of await cmaWhy.allTextContents())
    assert.match(why, zh ? /在CMA能力范围内：能力附表“粮食及其制品／大米”/ : /in the CMA scope: the scope row '粮食及其制品 \/ 大米'/);
  assert.equal(await cmaWhy.count(), 4);
  assert.equal(await page.getByTestId('order-blockers').count(), 0);
  // Each sample's results will be judged by GB 2762 (chosen per sample at contract review).
  for (const n of [0, 1]) {
    const select = page.getByTestId('sample-spec-select').nth(n);
    const before = await select.elementHandle();
    await select.selectOption({ label: 'GB 2762-2022 污染物限量 (谷物)（V1）' });
    await before.waitForElementState('hidden'); // the page is drawn again with the order as saved
    await page.getByTestId('sample-spec-select').nth(n).locator('option:checked', { hasText: 'GB 2762' }).waitFor({ state: 'attached' });
  }
  await screen('contract-review');
  await page.getByTestId('order-accept').click();
  await hasText('order-status', s['intake.orderStatus.accepted']);
  await screen('order-accepted');

  // ---- 09:30 the technical manager (manager.liu) assigns the items --------------------------------------
  await signIn('manager.liu');
  await openQueue('assign', 4);
  await page.getByTestId('assign-table').waitFor();
  const order = page.locator(`[data-testid=assign-order][data-order="${orderCode}"]`);
  // The specification chosen at contract review came with the items.
  for (const select of await order.getByTestId('assign-spec').all())
    assert.equal((await select.locator('option:checked').textContent()).trim(), 'GB 2762-2022 污染物限量 (谷物)');
  const rows = page.getByTestId('assign-row');
  assert.equal(await rows.count(), 4);
  // Only the people allowed on the method that day are offered (R13): here 李明.
  for (const row of await rows.all()) {
    await row.getByTestId('assign-user').locator('option').first().waitFor({ state: 'attached' });
    assert.deepEqual((await row.getByTestId('assign-user').locator('option').allTextContents()).map((x) => x.trim()), ['李明']);
  }
  await screen('assign');
  for (let left = 4; left > 0; left--) {
    await rows.first().getByTestId('assign-submit').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=assign-row]').length === n, left - 1);
  }
  await page.getByTestId('assign-empty').waitFor();
  await screen('assigned');

  // ---- 10:00 the technician receives the samples and tests them -----------------------------------------
  await signIn('tech.li');
  await openQueue('receive', 2);
  await page.getByTestId('samples-table').waitFor();
  await page.getByTestId('sample-open').filter({ hasText: sampleCodes[0] }).click();
  await page.getByTestId('sample-receive').click();
  await fill('receive-condition', zh ? '密封完好，无破损，约 2 kg' : 'Sealed, undamaged, about 2 kg');
  await screen('receive');
  await page.getByTestId('receive-submit').click();
  await page.locator('[data-testid=custody-row][data-kind=receipt]').waitFor();
  assert.equal(await page.getByTestId('sample-receive').count(), 0);
  // The other one from its order's page.
  await page.getByTestId('sample-order').click();
  await page.getByTestId('sample-receive').click();
  await fill('receive-condition', zh ? '密封完好，无破损，约 2 kg' : 'Sealed, undamaged, about 2 kg');
  await page.getByTestId('receive-submit').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=sample-receive]'));
  assert.deepEqual((await page.getByTestId('sample-status').allTextContents()).map((x) => x.trim()), [s['intake.status.received'], s['intake.status.received']]);
  await screen('received');

  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('dashboard').waitFor();
  await openQueue('test', 4);
  await page.getByTestId('work-table').waitFor();
  const values = ['0.085', '0.12', '0.046', '0.031'];
  const cells = page.getByTestId('entry-value');
  await cells.nth(0).click();
  for (const [i, value] of values.entries()) {
    await page.keyboard.type(value);
    await page.getByTestId('work-row').nth(i).getByTestId('entry-reported').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('work-row').nth(i).getByTestId('entry-status').filter({ hasText: s['testing.status.entered'] }).waitFor();
  }
  for (const row of await page.getByTestId('work-row').all()) {
    assert.equal((await row.getByTestId('conformity').textContent()).trim(), s['testing.conformity.pass']);
  }
  assert.match(await page.getByTestId('work-row').nth(0).getByTestId('entry-reported').textContent(), /0\.085 mg\/kg/);
  // A QC batch's suggested name is in the user's language, dated the lab's day.
  assert.equal(await page.getByTestId('batch-name').inputValue(), s['testing.batch.defaultName'].replace('{date}', labDate(0)));
  await screen('results-entered');
  // The same grid on the technician's phone: the page itself never scrolls sideways (the table does).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('work-table').waitFor();
  await screen('results-phone');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'the grid page fits a phone');
  await page.setViewportSize({ width: 1280, height: 800 });

  // ---- 14:00 the reviewer (reviewer.chen) checks and approves ----------------------------------------------
  await signIn('reviewer.chen');
  await openQueue('check', 4);
  await page.getByTestId('check-table').waitFor();
  const queue = page.getByTestId('check-table').getByTestId('review-row');
  assert.equal(await queue.count(), 4);
  assert.equal((await queue.filter({ hasText: '0.12 mg/kg' }).getByTestId('review-limit').textContent()).trim(), '≤0.2');
  // Each row's own action is in sight on a laptop, the queue being wider than the window.
  const act = await queue.first().getByTestId('review-check').boundingBox();
  assert.ok(act && act.x + act.width <= 1280, `the row's 校核 button is off screen at x=${act?.x}`);
  await screen('review-check');
  await page.getByTestId('review-all-check').check();
  await page.getByTestId('review-bulk-check').click();
  await page.getByTestId('approve-table').getByTestId('review-row').nth(3).waitFor();
  await page.getByTestId('review-all-approve').check();
  await screen('review-approve');
  await page.getByTestId('review-bulk-approve').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=approve-table]') && !document.querySelector('[data-testid=check-table]'));
  await screen('review-done');

  // ---- 15:30 the manager builds the report and chooses the signatory -----------------------------------------
  await signIn('manager.liu');
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-tab-new').click();
  await fill('report-order', orderCode);
  await page.getByTestId('report-create').click();
  await hasText('report-title', orderCode);
  await page.getByTestId('line-row').nth(3).waitFor();
  assert.equal(await page.locator('[data-testid=sample-verdict][data-verdict=pass]').count(), 2);
  await page.getByTestId('signatory-select').selectOption({ label: '赵强 (授权签字人) (signatory.zhao)' });
  await page.locator('[data-testid=checks-issuable][data-issuable=true]').waitFor();
  await page.getByTestId('sign-hint').filter({ hasText: s['reports.sign.onlyChosen'] }).waitFor();
  await screen('report-builder');

  // ---- 16:30 the signatory (signatory.zhao) signs: the report is issued ---------------------------------------
  await signIn('signatory.zhao');
  await openQueue('sign', 1);
  // 待签发: the drafts waiting for this signatory, each with the state of its checks.
  await page.locator('[data-testid=queue-issuable][data-issuable=true]').first().waitFor();
  await screen('sign-queue');
  await page.getByTestId('queue-open').first().click();
  await page.getByTestId('report-sign').click();
  const dialogTitle = await page.locator('#sign-title').textContent();
  assert.ok(dialogTitle.includes(orderCode) && !/#\d/.test(dialogTitle), `the dialog names the draft, not its internal id: ${dialogTitle}`);
  await fill('sign-password', DEMO_PASSWORD);
  await page.getByTestId('sign-confirm').click();
  // The demo signatory has no signing key yet: he makes one with the same password, and it signs.
  await page.getByTestId('sign-create-key').or(page.locator('[data-testid=report-status][data-status=issued]')).first().waitFor();
  if (await page.getByTestId('sign-create-key').isVisible()) {
    await screen('sign-dialog', { fullPage: false });
    await page.getByTestId('sign-create-key').click();
  }
  await page.locator('[data-testid=report-status][data-status=issued]').waitFor();
  await hasText('report-title', /GDQT-R\d+/);
  const verifyText = (await page.getByTestId('verify-link').textContent()).trim();
  const code = /\/verify\/([A-Z0-9]+)$/.exec(verifyText)?.[1];
  assert.ok(code, `the verification address shows the code: ${verifyText}`);
  await screen('report-issued');
  // The signed PDF, as the customer receives it.
  const number = /GDQT-R\d+/.exec(await page.getByTestId('report-title').textContent())[0];
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-download').click()]);
  assert.equal(download.suggestedFilename(), `${number}.pdf`);
  const pdf = path.join(dir, `${number}.pdf`);
  await download.saveAs(pdf);
  assert.equal(fs.readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');

  // ---- anyone, on a phone: /verify with the code -------------------------------------------------------
  const phone = await page.context().browser().newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const visitor = await phone.newPage();
    const errors = [];
    visitor.on('pageerror', (err) => errors.push(String(err)));
    await visitor.goto(`${baseUrl}/verify`);
    await visitor.getByTestId('lang-switch').selectOption(lang);
    await visitor.getByTestId('verify-title').filter({ hasText: s['verify.title'] }).waitFor(); // redrawn in the language
    await visitor.getByTestId('verify-code-input').fill(code);
    await visitor.getByTestId('verify-code-submit').click();
    await visitor.getByTestId('verify-status').waitFor();
    assert.equal((await visitor.getByTestId('verify-number').textContent()).trim(), number);
    assert.match(await visitor.getByTestId('verify-status').textContent(), new RegExp(s['verify.status.valid']));
    // The PDF the customer holds is exactly the one the lab issued.
    await visitor.getByTestId('verify-pdf-input').setInputFiles(pdf);
    await visitor.getByTestId('verify-pdf-verdict').filter({ hasText: s['verify.pdf.authentic'] }).waitFor();
    await screen('verify-phone', { on: visitor, tolerated: VERIFY_WORDS });
    assert.ok(await visitor.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scrolling on a phone');
    assert.deepEqual(errors, [], 'uncaught errors on /verify');
  } finally {
    await phone.close();
  }
  return { orderCode, sampleCodes, code };
}
