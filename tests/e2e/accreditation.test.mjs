// Browser test of the accreditation area: a manager records an out-of-tolerance calibration and sees the
// R16 impact assessment (the nonconformity and its window), then finds the NC among the open ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { ADMIN_PASSWORD } from './support/server.mjs';
import { labDate, call } from './support/api.mjs';

const zh = strings('zh-CN');

// A lab, its manager and one calibrated atomic absorption spectrometer, through the API.
async function setUp(baseUrl) {
  const admin = (await call(baseUrl, null, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).data.token;
  const lab = (await call(baseUrl, admin, 'POST', '/api/organizations',
    { kind: 'lab', name: '广东省质量检验检测研究院 (e2e)', uscc: '911100007109288314', code: 'GDQT' })).data;
  await call(baseUrl, admin, 'POST', '/api/users',
    { username: 'manager.liu', display_name: '刘洋', password: 'Manager-pw-2026', roles: ['manager'], org_id: lab.id });
  const manager = (await call(baseUrl, null, 'POST', '/api/auth/login', { username: 'manager.liu', password: 'Manager-pw-2026' })).data.token;
  const eq = await call(baseUrl, manager, 'POST', '/api/equipment',
    { asset_no: 'GDQT-EQ-003', name: '原子吸收光谱仪 AAS', equipment_type: '原子吸收光谱仪', model: 'PinAAcle 900T', in_service_from: labDate(-400) });
  await call(baseUrl, manager, 'POST', `/api/equipment/${eq.data.id}/calibrations`,
    { kind: 'calibration', certificate_no: 'JL-2026-001', provider: '广东省计量科学研究院', performed_on: labDate(-100), due_on: labDate(265),
      result: 'pass', as_found: 'in_tolerance' }, { 'If-Match': eq.etag });
}

test('manager_records_an_out_of_tolerance_calibration_and_sees_the_impact_list', { timeout: 120_000 }, () =>
  withAssay('manager_records_an_out_of_tolerance_calibration_and_sees_the_impact_list', async ({ page, baseUrl, screenshot }) => {
    await setUp(baseUrl);
    await page.goto(baseUrl);
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('username').fill('manager.liu');
    await page.getByTestId('password').fill('Manager-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();

    await page.getByTestId('nav-accreditation').click();
    await page.getByTestId('accreditation').waitFor();
    await page.getByTestId('acc-tab-equipment').click();
    await page.getByTestId('equipment-open').filter({ hasText: 'GDQT-EQ-003' }).click();
    await page.getByTestId('equipment-title').waitFor();
    assert.equal(await page.getByTestId('calibration-row').count(), 1, 'the calibration history lists the earlier calibration');

    await page.getByTestId('calibration-certificate_no').fill('JL-2026-099');
    await page.getByTestId('calibration-provider').fill('广东省计量科学研究院');
    await page.getByTestId('calibration-due_on').fill(labDate(365));
    await page.getByTestId('calibration-as_found').selectOption('out_of_tolerance');
    await page.getByTestId('calibration-submit').click();

    const impact = page.getByTestId('impact');
    await impact.waitFor();
    const heading = (await impact.locator('h3').textContent()).trim();
    assert.equal(heading, zh['acc.eq.ncOpened'].replace('{no}', '1'));
    const text = await page.getByTestId('impact-text').textContent();
    assert.match(text, /R16/);
    assert.ok(text.includes(labDate(-100)), `the window starts at the last good calibration: ${text}`);
    assert.ok((await impact.textContent()).includes(zh['acc.eq.noResults']), 'no results are recorded yet');
    assert.equal(await page.getByTestId('calibration-row').count(), 2, 'the new calibration joins the history');
    assert.equal((await page.getByTestId('equipment-due').textContent()).trim(), labDate(365), 'the due date follows the new calibration');
    await screenshot('accreditation-impact.png');

    // The NC is among the open ones on the overview.
    await page.getByTestId('acc-tab-overview').click();
    await page.getByTestId('nc-row').first().waitFor();
    assert.match(await page.getByTestId('nc-row').first().textContent(), /NC 1/);
  }));

test('manager_reduces_a_scope_row_with_its_decision_and_downloads_the_schedule', { timeout: 120_000 }, () =>
  withAssay('manager_reduces_a_scope_row_with_its_decision_and_downloads_the_schedule', async ({ page, baseUrl, screenshot }) => {
    await setUp(baseUrl);
    const manager = (await call(baseUrl, null, 'POST', '/api/auth/login', { username: 'manager.liu', password: 'Manager-pw-2026' })).data.token;
    const std = (await call(baseUrl, manager, 'POST', '/api/register/standards', { number: 'GB 5009.12', year: 2023, title: '食品中铅的测定' })).data;
    const lead = (await call(baseUrl, manager, 'POST', '/api/register/parameters',
      { name_zh: '铅(以Pb计)', unit: 'mg/kg', precision_kind: 'significant', precision_digits: 2, mu_model: 'none' })).data;
    const row = (product) => ({ site: '天河实验室', category: '粮食及其制品', product, parameter_id: lead.id, standard_id: std.id });
    await call(baseUrl, manager, 'POST', '/api/scope/changes',
      { kind: 'initial', scheme: 'CMA', effective_date: labDate(-10), reason: '首次', rows: [row('大米'), row('小麦粉')] });

    await page.goto(baseUrl);
    await page.getByTestId('username').fill('manager.liu');
    await page.getByTestId('password').fill('Manager-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${baseUrl}/#/accreditation`);
    await page.getByTestId('acc-tab-scope').click();
    await page.getByTestId('scope-table').waitFor();
    assert.equal(await page.getByTestId('scope-row').count(), 2);

    // 缩项 for wheat flour: the button names its row; the form takes the decision's date, reference and reason.
    await page.getByRole('button', { name: zh['acc.scope.reduceRow'].replace('{what}', '小麦粉 铅(以Pb计) GB 5009.12-2023') }).click();
    await page.getByTestId('scope-reduce-reference').fill('粤市监认〔2026〕88号');
    await page.getByTestId('scope-reduce-submit').click();
    await page.getByTestId('scope-reduce-error').waitFor();  // the reason is required: shown beside its field
    assert.equal(await page.getByTestId('scope-reduce-reason').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('scope-reduce-reason').fill('缩项 (test)');
    await page.getByTestId('scope-reduce-submit').click();
    await page.getByTestId('scope-row').nth(1).waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('scope-row').count(), 1, 'only rice is in scope today');
    await page.getByTestId('scope-on').fill(labDate(-1));
    await page.getByTestId('scope-on').dispatchEvent('change');
    await page.getByTestId('scope-row').nth(1).waitFor();  // yesterday both were

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scope-xlsx').click()]);
    assert.equal(download.suggestedFilename(), `能力附表-CMA-${labDate(-1)}.xlsx`);
    await screenshot('accreditation-scope.png');
  }));

test('a_calibration_form_with_bad_input_shows_every_error_beside_its_field', { timeout: 120_000 }, () =>
  withAssay('a_calibration_form_with_bad_input_shows_every_error_beside_its_field', async ({ page, baseUrl, screenshot }) => {
    await setUp(baseUrl);
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('manager.liu');
    await page.getByTestId('password').fill('Manager-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.goto(`${baseUrl}/#/accreditation`);
    await page.getByTestId('acc-tab-equipment').click();
    await page.getByTestId('equipment-open').first().click();
    await page.getByTestId('calibration-performed_on').fill('2026-02-30');
    await page.getByTestId('calibration-submit').click();
    await page.getByTestId('calibration-error').waitFor();
    for (const field of ['certificate_no', 'provider', 'performed_on', 'due_on']) {
      assert.equal(await page.getByTestId(`calibration-${field}`).getAttribute('aria-invalid'), 'true', `${field} is marked`);
    }
    assert.equal(await page.getByTestId('calibration-row').count(), 1, 'nothing was stored');
    await screenshot('accreditation-form-errors.png');
  }));
