// Browser tests of issue 13's working-day fixes (items 4, 5 and 7, the UI parts): the technician's
// entry grid (Enter saves and moves down, arrows, a column pasted from Excel, full-width digits);
// deep links to orders, samples, reports and QC batches that survive a reload, Back and a new tab;
// sortable listings and a folding filter bar on a phone; the reviewer's queue with each result's
// content and bulk check/approve; the report builder with every line's value, limit and conclusion;
// and the small fixes (draft titles, receipt in the custody timeline, /verify without a code, label
// file names, QC batch items, QC chart axes, parameter names for instrument codes, inline reasons).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { call } from './support/api.mjs';
import { workdayLab, enterResults, PW } from './support/workday.mjs';

const zh = strings('zh-CN');

async function signIn(page, baseUrl, username, password) {
  await page.goto(baseUrl);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

const rowStatus = (page, i) => page.getByTestId('work-row').nth(i).getByTestId('entry-status');

test('technician_works_the_entry_grid_by_keyboard_and_paste_and_deep_links_survive_reload_back_and_a_new_tab', { timeout: 240_000 }, () =>
  withAssay('workday-grid-and-links', async ({ page, baseUrl, screenshot }) => {
    const lab = await workdayLab(baseUrl, { samples: 4 });
    await signIn(page, baseUrl, 'tech.li', PW.tech);
    await page.getByTestId('nav-testing').click();
    await page.getByTestId('work-table').waitFor();
    assert.equal(await page.getByTestId('work-row').count(), 4);
    const cells = page.getByTestId('entry-value');

    // Full-width digits and point, typed with a Chinese input method, become ASCII; Enter saves and moves down.
    await cells.nth(0).click();
    await page.keyboard.type('０．１２');
    assert.equal(await cells.nth(0).inputValue(), '0.12');
    await page.getByTestId('work-row').nth(0).getByTestId('entry-reported').filter({ hasText: '0.12 mg/kg' }).waitFor();
    await page.keyboard.press('Enter');
    await rowStatus(page, 0).filter({ hasText: zh['testing.status.entered'] }).waitFor();
    await page.waitForFunction(() => document.activeElement === document.querySelectorAll('[data-testid=entry-value]')[1]);

    // The arrows move; a saved row (read-only) is stepped over.
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement === document.querySelectorAll('[data-testid=entry-value]')[2]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.activeElement === document.querySelectorAll('[data-testid=entry-value]')[1]);

    // A column copied from Excel (CRLF, one value per line) fills this cell and the ones below.
    await page.evaluate(() => {
      const cell = document.activeElement;
      const data = new DataTransfer();
      data.setData('text/plain', '０.０８\r\n0.25\r\nND\r\n');
      cell.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    assert.deepEqual(await Promise.all([1, 2, 3].map((i) => cells.nth(i).inputValue())), ['0.08', '0.25', 'ND']);
    await page.getByTestId('work-row').nth(2).getByTestId('conformity').filter({ hasText: zh['testing.conformity.fail'] }).waitFor();
    await screenshot('workday-grid-pasted.png');
    await cells.nth(1).focus();
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press('Enter');
      await rowStatus(page, i).filter({ hasText: zh['testing.status.entered'] }).waitFor();
    }
    await screenshot('workday-grid.png');

    // Two results into a QC batch: its page lists them and has its own address.
    await page.getByTestId('entry-pick').nth(0).check();
    await page.getByTestId('entry-pick').nth(1).check();
    await page.getByTestId('batch-create').click();
    await page.getByTestId('batch-title').waitFor();
    assert.match(page.url(), /#\/testing\/batches\/\d+$/);
    assert.equal(await page.getByTestId('batch-item-row').count(), 2, 'the batch lists its items');
    const members = await page.getByTestId('batch-items-table').textContent();
    assert.ok(members.includes('0.12 mg/kg') && members.includes('0.080 mg/kg') && members.includes('铅(以Pb计)'), members);
    const batchUrl = page.url();
    await page.reload();
    await page.getByTestId('batch-item-row').first().waitFor();
    await screenshot('workday-batch.png');
    await page.goBack();
    await page.getByTestId('work-table').waitFor();

    // An order and a sample by their addresses: reload and Back keep the place.
    await page.goto(`${baseUrl}/#/intake/orders/${lab.orderCode}`);
    await page.getByTestId('order-title').filter({ hasText: lab.orderCode }).waitFor();
    await page.getByTestId('sample-open').first().click();
    await page.getByTestId('sample-title').filter({ hasText: lab.sampleCodes[0] }).waitFor();
    assert.ok(page.url().endsWith(`#/intake/samples/${lab.sampleCodes[0]}`));
    // The receipt is in the custody timeline (the API lists the registration and the handovers only).
    const receipt = page.locator('[data-testid=custody-row][data-kind=receipt]');
    await receipt.waitFor();
    assert.match(await receipt.textContent(), /密封完好/);
    await page.reload();
    await page.getByTestId('sample-title').filter({ hasText: lab.sampleCodes[0] }).waitFor();
    await screenshot('workday-sample-custody.png');
    await page.goBack();
    await page.getByTestId('order-title').filter({ hasText: lab.orderCode }).waitFor();

    // Single and A4 labels download under different names.
    const names = [];
    for (const layout of ['single', 'a4']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`order-labels-${layout}`).click()]);
      names.push(download.suggestedFilename());
    }
    assert.notEqual(names[0], names[1], `label file names: ${names.join(', ')}`);
    assert.ok(names.every((n) => n.startsWith(lab.orderCode) && n.endsWith('.pdf')), names.join(', '));

    // A new tab opened on a sample's address keeps the session.
    const tab = await page.context().newPage();
    await tab.goto(`${baseUrl}/#/intake/samples/${lab.sampleCodes[1]}`);
    await tab.getByTestId('sample-title').filter({ hasText: lab.sampleCodes[1] }).waitFor();
    await tab.close();

    // The sample register sorts by a column; on a phone its filters fold away.
    await page.goto(`${baseUrl}/#/intake/samples`);
    await page.getByTestId('samples-table').waitFor();
    const codes = async () => (await page.getByTestId('sample-open').allTextContents()).map((x) => x.trim());
    await page.getByTestId('samples-table-sort-0').click();
    assert.deepEqual(await codes(), [...lab.sampleCodes].sort());
    await page.getByTestId('samples-table-sort-0').click();
    assert.deepEqual(await codes(), [...lab.sampleCodes].sort().reverse());
    assert.equal(await page.locator('th[aria-sort=descending]').count(), 1);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('samples-table').waitFor();
    assert.equal(await page.getByTestId('samples-filter-bar').getAttribute('open'), null, 'folded on a phone');
    assert.equal(await page.getByTestId('samples-search').isVisible(), false);
    await screenshot('workday-samples-phone.png');
    await page.getByTestId('samples-filter-bar-toggle').click();
    await page.getByTestId('samples-search').waitFor();
    await screenshot('workday-samples-phone-open.png');
    assert.equal(await page.evaluate(() => localStorage.getItem('assay.token') !== null), true);
    assert.ok(await page.evaluate(() => localStorage.getItem('assay.token.expires')), 'the session keeps its expiry');
    void batchUrl;
  }));
