// Browser test of instrument capture: a vendor export (decimal comma, banner line) dropped into
// the instrument's watched folder becomes a run; the technician accepts its reading, which
// becomes the test item's result; and a frame sent to an HL7 listener that is not an HL7 message is
// answered AR and shown in the runs as 已拒收 with its reason, nothing read from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
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

// Sends one MLLP frame to 127.0.0.1:port and resolves to the ACK's text.
function mllp(port, message) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(Buffer.concat([Buffer.from([0x0b]), Buffer.from(message), Buffer.from([0x1c, 0x0d])])));
    let got = Buffer.alloc(0);
    socket.setTimeout(20_000, () => socket.destroy(new Error('no ACK in 20 s')));
    socket.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.includes(0x1c)) { socket.end(); resolve(got.toString('latin1')); }
    });
    socket.on('error', reject);
  });
}

test('a_frame_that_is_not_hl7_is_answered_ar_and_shown_as_rejected_with_its_reason', { timeout: 180_000 }, () =>
  withAssay('a_frame_that_is_not_hl7_is_answered_ar_and_shown_as_rejected_with_its_reason', async ({ page, baseUrl, screenshot }) => {
    const { manager: m, lead } = await leadLab(baseUrl, [
      { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' }]);
    const equipment = (await call(baseUrl, m, 'GET', '/api/equipment')).data.items[0];
    const instrument = (await call(baseUrl, m, 'POST', '/api/capture/instruments', { name: 'BC-5380', equipment_id: equipment.id, driver: 'hl7',
      analytes: { Pb: lead.id } })).data;
    const { port } = (await call(baseUrl, m, 'POST', `/api/capture/instruments/${instrument.id}/listener`, {})).data;
    const ack = await mllp(port, 'hello, this is not HL7\r'.repeat(1000));
    assert.match(ack, /\rMSA\|AR\|\|not an HL7 message: it does not start with an MSH segment\r/);

    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-instruments').click();
    await page.getByTestId('capture-tab-runs').click();
    await page.getByTestId('run-status').waitFor();
    const shown = (await page.getByTestId('run-status').textContent()).trim();
    assert.equal(shown, zh['capture.run.rejected'].replace('{why}', zh['capture.reason.noMsh']));  // the reason in Chinese
    await screenshot('capture-run-rejected.png');
    await page.getByTestId('run-open').click();
    await page.getByTestId('run-rejected').waitFor();
    assert.equal(await page.getByTestId('run-staged').getByTestId('staged-row').count(), 0, 'nothing read from it');
    // In English too.
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('nav-instruments').click();
    await page.getByTestId('capture-tab-runs').click();
    await page.getByTestId('run-status').waitFor();
    assert.equal((await page.getByTestId('run-status').textContent()).trim(),
      strings('en')['capture.run.rejected'].replace('{why}', strings('en')['capture.reason.noMsh']));
    await screenshot('capture-run-rejected-en.png');
  }));
