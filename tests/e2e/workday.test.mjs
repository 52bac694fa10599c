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
import { call, labDate } from './support/api.mjs';
import { workdayLab, enterResults, PW } from './support/workday.mjs';

const zh = strings('zh-CN');
const en = strings('en');

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
    assert.deepEqual((await page.getByTestId('work-row').locator('td:nth-child(2)').allTextContents()).map((x) => x.trim()), [...lab.sampleCodes].sort(),
      'in sample order, as the sheet a column is pasted from');
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

    // A value the server cannot read: Enter shows why beside the cell and stays there.
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.getByTestId('work-row').nth(1).getByTestId('entry-error').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement === document.querySelectorAll('[data-testid=entry-value]')[1]), true);
    assert.equal((await rowStatus(page, 1).textContent()).trim(), '');
    assert.deepEqual(await page.evaluate(async () => (await import('/testing.js')).normalizeValue('－０．５０ ＮＤ ＜０.００５')), '-0.50 ND <0.005');

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
    await page.getByTestId('batch-back').click();
    await page.getByTestId('batches-table').waitFor();
    await page.goBack();
    await page.getByTestId('batch-title').waitFor();
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
    assert.deepEqual(names, [`样品标签-${lab.orderCode}-单张.pdf`, `样品标签-${lab.orderCode}-A4.pdf`]);

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
    // Numbers sort as numbers (with their units), dates and codes as text.
    assert.deepEqual(await page.evaluate(async () => {
      const { table } = await import('/widgets.js');
      const { h } = await import('/dom.js');
      const rows = [['10 mg/kg', '2026-12-07 09:00'], ['9 mg/kg', '2026-11-30 17:45'], ['<0.5 mg/kg', '2026-12-01 08:00']]
        .map(([v, d]) => h('tr', {}, h('td', {}, v), h('td', {}, d)));
      const el = table('probe', ['v', 'd'], rows, 'probe');
      const read = (i) => [...el.querySelectorAll('tbody tr')].map((tr) => tr.cells[i].textContent);
      el.querySelector('[data-testid=probe-sort-0]').click();
      const byValue = read(0);
      el.querySelector('[data-testid=probe-sort-1]').click();
      return [byValue, read(1)];
    }), [['<0.5 mg/kg', '9 mg/kg', '10 mg/kg'], ['2026-11-30 17:45', '2026-12-01 08:00', '2026-12-07 09:00']]);
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

test('reviewer_sees_each_results_content_and_checks_and_approves_in_bulk_and_the_report_builder_shows_values_limits_and_conclusions', { timeout: 240_000 }, () =>
  withAssay('workday-review-and-builder', async ({ page, baseUrl, screenshot }) => {
    const lab = await workdayLab(baseUrl, { samples: 3 });
    await enterResults(baseUrl, lab, ['0.12', '0.0185', '0.25']);
    await call(baseUrl, lab.tech, 'POST', '/api/testing/batches', { name: '铅 2026-12 第1批', item_ids: [lab.items[0].id] });
    await signIn(page, baseUrl, 'reviewer.chen', PW.reviewer);
    await page.goto(`${baseUrl}/#/testing/review`);
    await page.getByTestId('check-table').waitFor();
    const rows = page.getByTestId('check-table').getByTestId('review-row');
    assert.equal(await rows.count(), 3);

    // Each row: parameter, method, value with unit (and as typed), limit, conformity, raw data, QC state.
    const row = rows.filter({ hasText: '0.018 mg/kg' });
    assert.equal((await row.getByTestId('review-parameter').textContent()).trim(), '铅(以Pb计)');
    assert.match(await row.getByTestId('review-method').textContent(), /GB 5009\.12-2023 第一法/);
    assert.match(await row.getByTestId('review-value').textContent(), /0\.018 mg\/kg[\s\S]*0\.0185/);
    assert.equal((await row.getByTestId('review-limit').textContent()).trim(), '≤0.2');
    assert.equal((await row.getByTestId('conformity').textContent()).trim(), zh['testing.conformity.pass']);
    assert.equal((await rows.filter({ hasText: '0.25 mg/kg' }).getByTestId('conformity').textContent()).trim(), zh['testing.conformity.fail']);
    await row.getByTestId('raw-link').click();
    await row.getByTestId('raw-detail').filter({ hasText: '0.0185' }).waitFor();
    assert.match(await row.getByTestId('raw-detail').textContent(), /李明/);
    const qc = await rows.getByTestId('qc-state').allTextContents();
    assert.deepEqual(qc.map((x) => x.trim()).sort(), [zh['testing.batchStatus.open'], zh['testing.qcState.none'], zh['testing.qcState.none']].sort());
    // The uncertainty as the report prints it, never the calculation's 16 digits.
    assert.deepEqual(await page.evaluate(async () => {
      const { roundU } = await import('/testing.js');
      return [roundU('0.01851000000000000', '0.018'), roundU('0.01851000000000000', '<0.005'), roundU('1.2345', '12')];
    }), ['0.019', '0.019', '1']);
    assert.doesNotMatch(await page.getByTestId('check-table').textContent(), /0\.0185100/);
    await screenshot('workday-review.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('workday-review-phone.png');
    await page.setViewportSize({ width: 1280, height: 800 });

    // One QC batch's results ticked at once.
    await page.getByTestId('review-batch-check').selectOption({ label: '铅 2026-12 第1批' });
    assert.equal(await page.getByTestId('check-table').locator('[data-testid=review-pick]:checked').count(), 1);
    assert.equal((await page.getByTestId('review-bulk-check').textContent()).trim(), zh['testing.review.bulk.check'].replace('{n}', '1'));
    // Bulk: check all three, then approve all three.
    await page.getByTestId('review-all-check').check();
    assert.equal((await page.getByTestId('review-bulk-check').textContent()).trim(), zh['testing.review.bulk.check'].replace('{n}', '3'));
    await page.getByTestId('review-bulk-check').click();
    await page.getByTestId('approve-table').getByTestId('review-row').nth(2).waitFor();
    assert.equal(await page.getByTestId('check-table').count(), 0);
    await page.getByTestId('review-all-approve').check();
    await page.getByTestId('review-bulk-approve').click();
    // The result in the open QC batch is not approved (R24): it stays, with the reason under its row.
    await page.getByTestId('review-row-error').waitFor();
    assert.equal(await page.getByTestId('approve-table').getByTestId('review-row').count(), 1);
    assert.match(await page.getByTestId('approve-table').getByTestId('review-row').textContent(), /0\.12 mg\/kg/);
    assert.match(await page.getByTestId('review-error').textContent(), /1/);
    await screenshot('workday-review-bulk.png');
    // The same queue in English.
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('testing-tab-review').click();
    await page.getByTestId('review-bulk-approve').filter({ hasText: en['testing.review.bulk.approve'].replace('{n}', '0') }).waitFor();
    const heads = await page.getByTestId('approve-table').locator('th').allTextContents();
    for (const key of ['testing.col.limit', 'testing.col.uncertainty', 'testing.col.raw', 'testing.col.qc']) assert.ok(heads.includes(en[key]), heads.join('|'));
    assert.equal((await page.getByTestId('qc-state').textContent()).trim(), en['testing.batchStatus.open']);
    await screenshot('workday-review-en.png');
    await page.getByTestId('lang-switch').selectOption('zh-CN');

    // The manager's report builder: named by the order and samples, every line's value, limit and conclusion.
    await page.getByTestId('logout').click();
    await page.getByTestId('username').fill('manager.liu');
    await page.getByTestId('password').fill(PW.manager);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${baseUrl}/#/reports/new`);
    await page.getByTestId('report-order').fill(lab.orderCode);
    await page.getByTestId('report-create').click();
    const title = page.getByTestId('report-title');
    await title.filter({ hasText: lab.orderCode }).waitFor();
    assert.doesNotMatch(await title.textContent(), /#\d/, 'a draft is not named by its internal id');
    assert.match(await title.textContent(), new RegExp(lab.sampleCodes[0]));
    await page.getByTestId('line-row').nth(2).waitFor();
    const lines = page.getByTestId('line-row');
    const failing = lines.filter({ hasText: '0.25 mg/kg' });
    assert.equal((await failing.getByTestId('line-limit').textContent()).trim(), '≤0.2');
    assert.equal((await failing.getByTestId('line-conclusion').textContent()).trim(), zh['testing.conformity.fail']);
    assert.equal((await lines.filter({ hasText: '0.12 mg/kg' }).getByTestId('line-conclusion').textContent()).trim(), zh['testing.conformity.pass']);
    assert.equal(await page.locator('[data-testid=sample-verdict][data-verdict=fail]').count(), 1);
    assert.equal(await page.locator('[data-testid=sample-verdict][data-verdict=pass]').count(), 2);
    assert.match(page.url(), /#\/reports\/\d+$/);
    await page.reload();
    await page.getByTestId('line-row').nth(2).waitFor();
    await screenshot('workday-report-builder.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('workday-report-builder-phone.png');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('report-back').click();
    const listed = page.getByTestId('report-open').first();
    await listed.waitFor();
    assert.equal((await listed.textContent()).trim(), zh['reports.draftShort'].replace('{order}', lab.orderCode));
    await screenshot('workday-report-register.png');
    // The report's order is one click away, and Back returns to the register.
    await listed.click();
    await page.getByTestId('report-order-link').click();
    await page.getByTestId('order-title').filter({ hasText: lab.orderCode }).waitFor();
    await page.goBack();
    await page.getByTestId('line-row').first().waitFor();
    // On a phone the audit trail's filters fold away too.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/#/audit`);
    await page.getByTestId('audit-filter-bar').waitFor();
    assert.equal(await page.getByTestId('audit-filter-bar').getAttribute('open'), null);
    await screenshot('workday-audit-phone.png');
  }));

test('verify_without_a_code_asks_for_it_instrument_codes_show_their_parameter_rejects_ask_inline_and_the_qc_chart_has_axes', { timeout: 240_000 }, () =>
  withAssay('workday-small-fixes', async ({ page, baseUrl, screenshot }) => {
    // /verify without a code: a form to type it, its problems beside the field (the login page
    // links there; /verify answers the same page).
    await page.goto(`${baseUrl}/verify`);
    await page.getByTestId('verify-code-form').waitFor();
    await page.goto(baseUrl);
    await page.getByTestId('login-verify-link').click();
    await page.waitForURL(/\/verify\/$/);
    await page.getByTestId('verify-code-form').waitFor();
    await page.getByTestId('verify-code-submit').click();
    assert.equal((await page.getByTestId('verify-code-error').textContent()).trim(), zh['verify.codeRequired']);
    await page.getByTestId('verify-code-input').fill('ABC-123');
    await page.getByTestId('verify-code-submit').click();
    await page.getByTestId('verify-code-error').filter({ hasText: zh['verify.codeFormat'] }).waitFor();
    await screenshot('workday-verify-form.png');
    await page.getByTestId('verify-code-input').fill('ABCDEFGHJKLMNPQR');
    await page.getByTestId('verify-code-submit').click();
    await page.waitForURL(/\/verify\/ABCDEFGHJKLMNPQR$/);
    await page.getByTestId('verify-not-found').waitFor();
    assert.equal(await page.getByTestId('verify-code-input').inputValue(), 'ABCDEFGHJKLMNPQR', 'an unknown code can be typed again');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('workday-verify-phone.png');
    await page.setViewportSize({ width: 1280, height: 800 });

    const lab = await workdayLab(baseUrl, { samples: 2 });
    const m = lab.manager;
    // An instrument that reports lead as Pb and cadmium as Cd; a file with a Cd reading no item asked for.
    const cd = (await call(baseUrl, m, 'POST', '/api/register/parameters',
      { name_zh: '镉(以Cd计)', unit: 'mg/kg', precision_kind: 'significant', precision_digits: 2, lod: '0.002', mu_model: 'none' })).data;
    const equipment = (await call(baseUrl, m, 'GET', '/api/equipment')).data.items[0];
    const instrument = (await call(baseUrl, m, 'POST', '/api/capture/instruments', { name: 'ICP-MS 2', equipment_id: equipment.id, driver: 'delimited',
      profile: { delimiter: ',', sample_column: 'Sample', analyte_column: 'Element', value_column: 'Conc', unit_column: 'Unit' },
      analytes: { Pb: lab.lead.id, Cd: cd.id } })).data;
    const res = await fetch(`${baseUrl}/api/capture/instruments/${instrument.id}/import?name=icpms-1207.csv`, { method: 'POST',
      headers: { Authorization: `Bearer ${lab.tech}`, 'Content-Type': 'text/csv' },
      body: `Sample,Element,Conc,Unit\r\n${lab.sampleCodes[0]},Cd,0.031,mg/kg\r\n` });
    assert.equal(res.status, 201, await res.text());

    // QC: three reference-material results (certified 0.200, sd 0.010) in a batch.
    const batch = (await call(baseUrl, lab.tech, 'POST', '/api/testing/batches', { name: '铅 质控批', item_ids: lab.items.map((i) => i.id) })).data;
    for (const value of ['0.205', '0.195', '0.216'])
      await call(baseUrl, lab.tech, 'POST', `/api/testing/batches/${batch.id}/qc`,
        { kind: 'reference', material: 'GBW10045a', value, certified: '0.200', tolerance: '0.030', sd: '0.010', expires_on: labDate(300) });

    await signIn(page, baseUrl, 'tech.li', PW.tech);
    await page.getByTestId('nav-instruments').click();
    const unmatched = page.getByTestId('unmatched-table');
    await unmatched.waitFor();
    assert.match(await unmatched.getByTestId('analyte').textContent(), /镉\(以Cd计\)\s*Cd/, 'the parameter, with the code beside it');
    await unmatched.getByTestId('staged-reject').click();
    const reason = unmatched.locator('input[name="reason"]');
    await reason.waitFor();
    await unmatched.locator('button[type="submit"]').click();
    await unmatched.locator('.field-error').first().waitFor();
    assert.equal((await unmatched.locator('.field-error').first().textContent()).trim(), zh['problem.required']);
    await screenshot('workday-capture-reject.png');
    await reason.fill('未委托镉项目，误测');
    await unmatched.locator('button[type="submit"]').click();
    await page.getByTestId('unmatched-table').waitFor({ state: 'detached' });
    await page.getByTestId('capture-tab-instruments').click();
    const analytes = await page.getByTestId('instrument-analytes').first().textContent();
    assert.ok(analytes.includes('铅(以Pb计)') && analytes.includes('镉(以Cd计)'), analytes);

    // The QC batch lists its items; the control chart has values and dates on its axes.
    await page.goto(`${baseUrl}/#/testing/batches/${batch.id}`);
    await page.getByTestId('batch-item-row').nth(1).waitFor();
    await page.goto(`${baseUrl}/#/testing/chart`);
    await page.getByTestId('cc-material').fill('GBW10045a');
    await page.getByTestId('cc-show').click();
    await page.getByTestId('control-chart').waitFor();
    const yLabels = await page.getByTestId('cc-y-label').allTextContents();
    assert.ok(yLabels.some((x) => /x̄\s+0\.2000/.test(x)), yLabels.join(' | '));
    assert.ok(yLabels.some((x) => /\+3s\s+0\.2300/.test(x)), yLabels.join(' | '));
    const xLabels = await page.getByTestId('cc-x-label').allTextContents();
    assert.ok(xLabels.length >= 1 && xLabels.every((x) => /^\d{4}-\d{2}-\d{2}$/.test(x)), xLabels.join(' | '));
    await screenshot('workday-qc-chart.png');
  }));
