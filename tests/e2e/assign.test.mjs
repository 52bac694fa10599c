// Browser test of 分配: accepting an order makes its test items (no API call for them), and a
// technician-manager assigns them in the page: the order's specification chosen once, the test
// date, and only the people authorized for the method on that date offered (R13) — nobody before
// the method's verification (R23), with the reason shown. The assigned items reach 我的任务.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');

// Through the API: the lab, a technician authorized to perform lead's method, a reviewer who may
// only check, a rice specification, and an order with two rice samples, reviewed and accepted.
async function setUp(baseUrl) {
  const { customer, manager: m, lead, method } = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' },
    { username: 'reviewer.chen', name: '陈静', role: 'reviewer', password: 'Reviewer-pw-2026', activity: 'check', idNumber: '440106199001100035' }]);
  await call(baseUrl, m, 'POST', '/api/register/specifications', { name: 'GB 2762-2022 大米', comparison_mode: 'full', decision_rule: 'simple',
    limits: [{ parameter_id: lead.id, product_category: '大米', max_op: '<=', max: '0.2' }] });
  const tech = await login(baseUrl, 'tech.li', 'Tech-pw-2026');
  const sample = { name: '大米', product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] };
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual' }, samples: [sample, sample] });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });  // throws unless 2xx
  return order.data.code;
}

test('accepting_an_order_makes_its_items_and_they_are_assigned_in_the_page_to_authorized_technicians_only', { timeout: 180_000 }, () =>
  withAssay('assign', async ({ page, baseUrl, screenshot }) => {
    const code = await setUp(baseUrl);
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    // The dashboard counts the work waiting: two items to assign; the card opens the 分配 tab.
    await page.getByTestId('queue-assign-count').filter({ hasText: /^2$/ }).waitFor();
    await screenshot('assign-dashboard.png');
    await page.getByTestId('queue-assign').click();
    const order = page.locator(`[data-testid=assign-order][data-order="${code}"]`);
    await order.waitFor();
    assert.equal(await order.getByTestId('assign-row').count(), 2);

    // The sample's specification: the first choice needs no reason; a change afterwards does (R20).
    const bar = order.getByTestId('assign-spec-bar').first();
    await bar.getByTestId('assign-spec').selectOption({ label: 'GB 2762-2022 大米' });
    await bar.getByTestId('assign-spec-apply').click();
    await page.getByTestId('assign-done').filter({ hasText: zh['assign.specSaved'] }).waitFor();
    assert.equal(await order.getByTestId('assign-spec-bar').first().getByTestId('assign-spec').locator('option:checked').textContent(), 'GB 2762-2022 大米');
    const again = order.getByTestId('assign-spec-bar').first();
    await again.getByTestId('assign-spec').selectOption({ value: '' });
    await again.getByTestId('assign-spec-apply').click();
    await again.getByTestId('assign-spec-status').filter({ hasText: '更改检测依据规范的原因' }).waitFor();
    await screenshot('assign-spec-reason.png');
    await again.getByTestId('assign-spec').selectOption({ label: 'GB 2762-2022 大米' });
    await again.getByTestId('assign-spec-reason').fill('客户补充要求按 GB 2762-2022 判定');
    await again.getByTestId('assign-spec-apply').click();
    await page.getByTestId('assign-done').filter({ hasText: zh['assign.specSaved'] }).waitFor();

    // Only the technician is offered (the reviewer may check, not perform).
    const first = page.getByTestId('assign-row').nth(0);
    await first.getByTestId('assign-user').locator('option', { hasText: '李明' }).waitFor({ state: 'attached' });
    // The rows re-render once the specification is saved: read the choices once they settled.
    let offered = [];
    for (let i = 0; i < 50; i += 1) {
      offered = await first.getByTestId('assign-user').locator('option').allTextContents();
      if (offered.length > 0) break;
      await page.waitForTimeout(100);
    }
    assert.deepEqual(offered, ['李明']);
    // Before the method's verification (30 days ago) nobody can be, and the row says why.
    await first.getByTestId('assign-date').fill(labDate(-40));
    await first.getByTestId('assign-date').press('Tab');
    await first.getByTestId('assign-note').filter({ hasText: 'R23' }).waitFor();
    assert.equal(await first.getByTestId('assign-user').locator('option').count(), 0);
    assert.ok(await first.getByTestId('assign-submit').isDisabled());
    await screenshot('assign-r23.png');
    await first.getByTestId('assign-date').fill(labDate(0));
    await first.getByTestId('assign-date').press('Tab');
    await first.getByTestId('assign-user').locator('option').first().waitFor({ state: 'attached' });
    await screenshot('assign.png');

    for (const left of [1, 0]) {
      await page.getByTestId('assign-row').first().getByTestId('assign-submit').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=assign-row]').length === n, left);
      await page.getByTestId('assign-done').filter({ hasText: '李明' }).waitFor();
    }
    // The dashboard now counts them among my tests, none left to assign.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('queue-test-count').filter({ hasText: /^2$/ }).waitFor();
    assert.equal((await page.getByTestId('queue-assign-count').textContent()).trim(), '0');
    await page.getByTestId('nav-testing').click();
    // 我的任务 now holds both items.
    await page.getByTestId('testing-tab-worklist').click();
    await page.getByTestId('work-table').waitFor();
    assert.equal(await page.getByTestId('work-row').count(), 2);
    await screenshot('assign-worklist.png');
  }));
