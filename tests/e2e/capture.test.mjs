// Browser test of instrument capture: a vendor export (decimal comma, banner line) dropped into
// the instrument's watched folder becomes a run; the technician accepts its reading, which
// becomes the test item's result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');

async function setUp(baseUrl) {
  const { customer, users, manager: m, lead, method } = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' }]);
  const tech = await login(baseUrl, 'tech.li', 'Tech-pw-2026');
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual' },
    samples: [{ name: '大米', product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] }] });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });
  const item = (await call(baseUrl, tech, 'POST', '/api/testing/items', { order_code: order.data.code })).data.items[0];
  const got = await call(baseUrl, tech, 'GET', `/api/testing/items/${item.id}`);
  await call(baseUrl, tech, 'POST', `/api/testing/items/${item.id}/assign`, { user_id: users['tech.li'], test_date: labDate(0) }, { 'If-Match': got.etag });
  const equipment = (await call(baseUrl, m, 'GET', '/api/equipment')).data.items[0];
  const instrument = (await call(baseUrl, m, 'POST', '/api/capture/instruments', { name: 'ICP-OES 1', equipment_id: equipment.id, driver: 'delimited',
    profile: { delimiter: ';', decimal_comma: true, skip_rows: 1, sample_column: '样品编号', analyte_column: '元素', value_column: '浓度', unit_column: '单位' },
    analytes: { Pb: lead.id } })).data;
  const folder = (await call(baseUrl, m, 'POST', `/api/capture/instruments/${instrument.id}/folder`, { folder: 'icp1', interval_ms: 200 })).data.path;
  return { sample: item.sample_code, item: item.id, folder, tech };
}

test('technician_accepts_a_reading_from_a_file_dropped_into_the_watched_folder', { timeout: 180_000 }, () =>
  withAssay('technician_accepts_a_reading_from_a_file_dropped_into_the_watched_folder', async ({ page, baseUrl, screenshot }) => {
    const { sample, item, folder, tech } = await setUp(baseUrl);
    fs.writeFileSync(path.join(folder, 'optima-20261129.csv'),
      `Optima 8300 export\r\n样品编号;元素;浓度;单位\r\n${sample};Pb;0,0123;mg/kg\r\n${sample};Zn;12,5;mg/kg\r\n`);
    // Wait (bounded) until the watcher has imported it.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (await call(baseUrl, tech, 'GET', '/api/capture/runs')).data.items.length === 0)
      await new Promise((r) => setTimeout(r, 100));

    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-instruments').click();
    await page.getByTestId('staged-table').waitFor();
    assert.equal(await page.getByTestId('staged-table').getByTestId('staged-row').count(), 1, 'Pb is matched to the test item');
    assert.match(await page.getByTestId('unmatched-table').textContent(), /Zn/, 'Zn has no mapping: queued, not dropped');
    await page.getByTestId('staged-accept').click();
    await page.getByTestId('staged-table').waitFor({ state: 'detached' });

    // The run and its raw data.
    await page.getByTestId('capture-tab-runs').click();
    await page.getByTestId('run-open').click();
    await page.getByTestId('run-title').waitFor();
    assert.equal((await page.getByTestId('run-title').textContent()).trim(), 'optima-20261129.csv');
    assert.match(await page.getByTestId('run-staged').textContent(), new RegExp(zh['capture.status.accepted']));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('run-raw').click()]);
    assert.equal(download.suggestedFilename(), 'optima-20261129.csv');
    await screenshot('capture-run.png');

    const result = (await call(baseUrl, tech, 'GET', `/api/testing/items/${item}`)).data.results[0];
    assert.equal(result.value_text, '0.0123');
    assert.equal(result.raw.kind, 'capture');
  }));
