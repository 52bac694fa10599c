// Browser test of the instruments screen without the API: a manager registers an ICP-OES linked to
// its equipment record (every missing field said beside it first), uploads its WinLab32 export by
// hand, sees what was read and matched (铅 with its code Pb 220.353 small beside it), matches the
// lead reading again once its test item exists, sets aside a reading with an inline reason, and
// starts and stops the instrument's folder watch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');
const here = path.dirname(fileURLToPath(import.meta.url));
// The WinLab32 export the driver's unit tests read (PerkinElmer long format), with the lab's sample code
// in place of the fixture's W2026-0410.
const FIXTURE = path.resolve(here, '../../instruments/vendors/testdata/winlab32.csv');

// An order for rice (lead), reviewed but not accepted yet, so it has no test items (acceptance makes
// them): a reading for it is unmatched.
async function setUp(baseUrl) {
  const { customer, manager, lead, method } = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' }]);
  const tech = await login(baseUrl, 'tech.li', 'Tech-pw-2026');
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual' },
    samples: [{ name: '大米', product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] }] });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  const equipment = (await call(baseUrl, manager, 'GET', '/api/equipment')).data.items[0];
  return { order: order.data.code, reviewedEtag: reviewed.etag, sample: order.data.samples[0].code, lead, equipment, tech };
}

async function signIn(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('username').fill('manager.liu');
  await page.getByTestId('password').fill('Manager-pw-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

test('manager_registers_an_instrument_uploads_its_export_and_matches_a_reading_again', { timeout: 180_000 }, () =>
  withAssay('manager_registers_an_instrument_uploads_its_export_and_matches_a_reading_again', async ({ page, baseUrl, screenshot }) => {
    const { order, reviewedEtag, sample, lead, equipment, tech } = await setUp(baseUrl);
    await signIn(page, baseUrl);
    await page.getByTestId('nav-instruments').click();
    await page.getByTestId('capture-tab-instruments').click();
    await page.getByTestId('instrument-add').click();

    // Nothing filled in: the server's problems appear beside each field at once.
    await page.getByTestId('instrument-submit').click();
    await page.getByTestId('instrument-error').waitFor();
    for (const f of ['name', 'equipment_id', 'driver', 'analytes'])
      assert.ok(await page.getByTestId(`instrument-${f}-error`).isVisible(), `a problem beside ${f}`);
    await screenshot('capture-register-errors.png');

    // The instrument, linked to the atomic absorption spectrometer's equipment record, Pb 220.353 → 铅.
    await page.getByTestId('instrument-name').fill('ICP-OES Optima 8300');
    await page.getByTestId('instrument-equipment').selectOption(equipment.id);
    await page.getByTestId('instrument-driver').selectOption('winlab32');
    await page.getByTestId('instrument-code-0').fill('Pb 220.353');
    await page.getByTestId('instrument-parameter-0').selectOption(lead.id);
    await page.getByTestId('instrument-submit').click();
    await page.getByTestId('instruments-notice').waitFor();
    assert.equal((await page.getByTestId('instruments-notice').textContent()).trim(), zh['capture.reg.done']);
    const row = page.getByTestId('instrument-row');
    assert.equal(await row.count(), 1);
    assert.match(await row.getByTestId('instrument-equipment').textContent(), /GDQT-EQ-003 原子吸收光谱仪/);
    assert.equal((await row.getByTestId('analyte-name').textContent()).trim(), '铅(以Pb计)', 'the parameter, not only the code');
    assert.equal((await row.getByTestId('analyte-code').textContent()).trim(), 'Pb 220.353');
    await screenshot('capture-instrument-registered.png');

    // The export uploaded by hand, before the order's test items exist: read, stored, not matched.
    const bytes = Buffer.from(fs.readFileSync(FIXTURE, 'utf8').replaceAll('W2026-0410', sample));
    await row.getByTestId('upload-file').setInputFiles({ name: 'optima-20261207.csv', mimeType: 'text/csv', buffer: bytes });
    await row.getByTestId('upload-submit').click();
    await page.getByTestId('run-title').waitFor();
    assert.equal((await page.getByTestId('run-title').textContent()).trim(), 'optima-20261207.csv');
    assert.match(await page.getByTestId('run-notice').textContent(), /optima-20261207\.csv/);
    const mine = page.getByTestId('staged-row').filter({ hasText: sample });
    const leadRows = mine.filter({ hasText: 'Pb 220.353' });
    assert.equal(await leadRows.count(), 2, 'the two lead readings of the sample');
    const first = leadRows.first();
    assert.equal((await first.getByTestId('analyte-name').textContent()).trim(), '铅(以Pb计)');
    assert.equal((await first.getByTestId('staged-status').textContent()).trim(), zh['capture.status.unmatched']);
    assert.equal((await first.getByTestId('staged-match').textContent()).trim(), zh['capture.match.noItem']);
    const cd = mine.filter({ hasText: 'Cd 228.802' });
    assert.equal((await cd.getByTestId('staged-match').textContent()).trim(), zh['capture.match.noParameter']);
    assert.equal(await cd.getByTestId('staged-rematch').count(), 0, 'no parameter: nothing to match again');

    // Matching again while there is still no test item says so in the row.
    await first.getByTestId('staged-rematch').click();
    await first.getByTestId('staged-note').waitFor();
    assert.equal((await first.getByTestId('staged-note').textContent()).trim(), zh['capture.rematch.none'].replace('{sample}', sample));

    // The order is accepted, which makes its test items; matching again finds the lead item.
    await call(baseUrl, tech, 'POST', `/api/orders/${order}/accept`, undefined, { 'If-Match': reviewedEtag });
    const item = (await call(baseUrl, tech, 'POST', '/api/testing/items', { order_code: order })).data.items[0];
    await first.getByTestId('staged-rematch').click();
    await page.getByTestId('run-notice').filter({ hasText: zh['capture.rematch.done'].replace('{sample}', sample) }).waitFor();
    const matched = page.getByTestId('staged-row').filter({ hasText: sample }).filter({ hasText: 'Pb 220.353' }).first();
    assert.equal((await matched.getByTestId('staged-status').textContent()).trim(), zh['capture.status.staged']);
    assert.equal((await matched.getByTestId('staged-match').textContent()).trim(), zh['capture.match.item']);
    assert.equal(await matched.getByTestId('staged-match').getAttribute('title'), `#${item.id}`);
    assert.equal(await matched.getByTestId('staged-accept').count(), 1, 'a matched reading can be accepted');
    await screenshot('capture-rematched.png');

    // The cadmium reading is set aside with a reason asked beside it (no browser prompt): empty is refused.
    page.on('dialog', () => assert.fail('no browser dialog'));
    await cd.getByTestId('staged-reject').click();
    const reason = cd.locator('input[name="reason"]');
    await reason.waitFor();
    await cd.locator('button[type="submit"]').click();
    await cd.locator('.field-error').first().waitFor();
    assert.equal((await cd.locator('.field-error').first().textContent()).trim(), zh['problem.required']);
    await reason.fill('本批不测镉');
    await cd.locator('button[type="submit"]').click();
    const setAside = page.locator('[data-testid="staged-row"][data-status="rejected"]');
    await setAside.waitFor();
    assert.match(await setAside.textContent(), /Cd 228\.802/);
    assert.equal((await setAside.getByTestId('staged-status').textContent()).trim(), `${zh['capture.status.rejected']}本批不测镉`);

    // At phone width the run page still reads.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('capture-run-phone.png');
    await page.setViewportSize({ width: 1280, height: 900 });

    // The folder watch is started and stopped on the instrument's row.
    await page.getByTestId('capture-tab-instruments').click();
    const icp = page.getByTestId('instrument-row');
    await icp.locator('[data-testid$="-folder"]').fill('optima');
    await icp.locator('form[data-testid^="watch-"] button[type="submit"]').click();
    await page.getByTestId('folder-status').waitFor();
    assert.match(await page.getByTestId('folder-status').textContent(), /optima/);
    await page.getByTestId('folder-stop').click();
    await page.getByTestId('instrument-row').getByText(zh['capture.idle']).waitFor();
    assert.equal(await page.getByTestId('folder-status').count(), 0);

    const staged = (await call(baseUrl, tech, 'GET', '/api/capture/staged?status=staged')).data.items;
    assert.deepEqual(staged.map((s) => s.test_item_id), [item.id], 'one reading matched to the item, stored');
  }));
