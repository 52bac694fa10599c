// Browser test of the testing area: a technician sees the rounded value and the conformity while
// typing, enters results, puts them in a QC batch, records a failing spike recovery and sees the
// batch held (R24); the reviewer's approval is refused while it is held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');

// Through the API: the lab, a technician and a reviewer (staff authorized to perform / check
// lead by GB 5009.12-2023), a rice specification (lead ≤ 0.2 mg/kg), an accepted order with two
// rice samples, their test items assigned to the technician.
async function setUp(baseUrl) {
  const { customer, users, manager: m, lead, method } = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' },
    { username: 'reviewer.chen', name: '陈静', role: 'reviewer', password: 'Reviewer-pw-2026', activity: 'check', idNumber: '440106199001100035' }]);
  const spec = (await call(baseUrl, m, 'POST', '/api/register/specifications', { name: 'GB 2762-2022', comparison_mode: 'full', decision_rule: 'simple',
    limits: [{ parameter_id: lead.id, product_category: '大米', max_op: '<=', max: '0.2' }] })).data;
  const tech = await login(baseUrl, 'tech.li', 'Tech-pw-2026');
  const sample = { name: '大米', product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] };
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual' }, samples: [sample, sample] });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });
  const items = (await call(baseUrl, tech, 'POST', '/api/testing/items', { order_code: order.data.code, specification_id: spec.id })).data.items;
  for (const item of items) {
    const got = await call(baseUrl, tech, 'GET', `/api/testing/items/${item.id}`);
    await call(baseUrl, tech, 'POST', `/api/testing/items/${item.id}/assign`, { user_id: users['tech.li'], test_date: labDate(0) }, { 'If-Match': got.etag });
  }
}

test('technician_enters_results_with_a_live_preview_and_a_failing_spike_holds_the_batch', { timeout: 180_000 }, () =>
  withAssay('technician_enters_results_with_a_live_preview_and_a_failing_spike_holds_the_batch', async ({ page, baseUrl, screenshot }) => {
    await setUp(baseUrl);
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-testing').click();
    await page.getByTestId('work-table').waitFor();
    assert.equal(await page.getByTestId('work-row').count(), 2);

    // The entry grid shows the rounded value and the conformity as the value is typed.
    const first = page.getByTestId('work-row').nth(0);
    await first.getByTestId('entry-value').fill('0.2001');
    await first.getByTestId('entry-reported').filter({ hasText: '0.20 mg/kg' }).waitFor();
    assert.equal((await first.getByTestId('conformity').textContent()).trim(), zh['testing.conformity.fail']);
    await first.getByTestId('entry-value').fill('0.19995');
    await first.getByTestId('conformity').filter({ hasText: zh['testing.conformity.pass'] }).waitFor();
    await first.getByTestId('entry-save').click();
    await first.getByTestId('entry-status').filter({ hasText: zh['testing.status.entered'] }).waitFor();
    const second = page.getByTestId('work-row').nth(1);
    await second.getByTestId('entry-value').fill('ND');
    await second.getByTestId('entry-reported').filter({ hasText: '<0.005' }).waitFor();
    await second.getByTestId('entry-save').click();
    await second.getByTestId('entry-status').filter({ hasText: zh['testing.status.entered'] }).waitFor();
    await screenshot('testing-entry.png');

    // Both into a batch; a spike recovery of 60 % (80–120 % allowed) holds it.
    await first.getByTestId('entry-pick').check();
    await second.getByTestId('entry-pick').check();
    await page.getByTestId('batch-create').click();
    await page.getByTestId('batch-title').waitFor();
    await page.getByTestId('qc-kind').selectOption('spike');
    await page.getByTestId('qc-material').fill('加标 0.10 mg/kg');
    await page.getByTestId('qc-value').fill('0.160');
    await page.getByTestId('qc-base').fill('0.100');
    await page.getByTestId('qc-added').fill('0.100');
    await page.getByTestId('qc-recovery_low').fill('80');
    await page.getByTestId('qc-recovery_high').fill('120');
    await page.getByTestId('qc-submit').click();
    await page.getByTestId('batch-hold').waitFor();
    assert.equal((await page.getByTestId('batch-status').textContent()).trim(), zh['testing.batchStatus.held']);
    assert.match(await page.getByTestId('qc-row').textContent(), /60\.0%/);
    await screenshot('testing-qc-hold.png');

    // The reviewer checks; approving is refused while the batch is held.
    await page.getByTestId('logout').click();
    await page.getByTestId('username').fill('reviewer.chen');
    await page.getByTestId('password').fill('Reviewer-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-testing').click();
    await page.getByTestId('check-table').waitFor();
    await page.getByTestId('review-check').first().click();
    await page.getByTestId('approve-table').waitFor();
    await page.getByTestId('review-approve').first().click();
    await page.getByTestId('review-error').waitFor();
    assert.match(await page.getByTestId('review-error').textContent(), /R24/);
  }));
