// Browser test of the intake flow: a technician registers an order with a sample, runs the contract
// review (quote and scope verdicts), accepts it, receives the sample with a deviation the customer
// accepted, prints the labels (a PDF downloads), and follows the sample's custody timeline. A second
// test subcontracts an item the lab cannot do (R31): the customer's written consent, a dispatch refused
// until the receiving lab accepts and the order is accepted, then the dispatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');
const en = strings('en');

// Through the API: the lab, a customer, a technician authorized for lead's method (support/lab.mjs).
function setUp(baseUrl) {
  return leadLab(baseUrl, [{ username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform',
    idNumber: '440106199001100019' }]);
}

test('technician_takes_an_order_through_review_receipt_labels_and_custody', { timeout: 180_000 }, () =>
  withAssay('technician_takes_an_order_through_review_receipt_labels_and_custody', async ({ page, baseUrl, screenshot }) => {
    await setUp(baseUrl);
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-intake').click();
    await page.getByTestId('order-form').waitFor();

    // A new order: the contact is required, and the error is beside it, never as the API's field path.
    await page.getByTestId('sample-0-name').fill('大米');
    await page.getByTestId('sample-0-product').fill('大米');
    await page.getByTestId('sample-0-items').selectOption({ index: 0 });
    await page.getByTestId('order-submit').click();
    await page.getByTestId('order-error').waitFor();
    await page.getByTestId('order-contact-error').waitFor();
    assert.equal(await page.getByTestId('order-contact').getAttribute('aria-invalid'), 'true');
    assert.doesNotMatch(await page.getByTestId('order-form').textContent(), /contact\.name|samples\[/);
    await page.getByTestId('order-contact').fill('何丽');
    await page.getByTestId('sample-0-quantity').fill('2.0');
    await page.getByTestId('order-submit').click();
    await page.getByTestId('order-title').waitFor();
    const year = labDate(0).slice(0, 4);
    assert.match(await page.getByTestId('order-title').textContent(), new RegExp(`GDQTWT${year}00001`));
    assert.equal(await page.getByTestId('item-row').count(), 1);

    // Contract review: the item can be done, is in the CMA scope, and is priced.
    await page.getByTestId('order-review').click();
    await page.getByTestId('order-reviewer').waitFor();
    assert.equal((await page.getByTestId('order-quote').textContent()).trim(), zh['intake.order.quote'].replace('{total}', '150.00'));
    assert.match(await page.getByTestId('item-row').textContent(), /李明/);
    await screenshot('intake-review.png');
    await page.getByTestId('order-accept').click();
    await page.getByText(zh['intake.orderStatus.accepted']).first().waitFor();

    // Receipt with a deviation the customer accepted (R19).
    await page.getByTestId('sample-receive').click();
    await page.getByTestId('receive-condition').fill('包装轻微破损，内容物完好');
    await page.getByTestId('receive-deviation').fill('外包装破损');
    await page.getByTestId('receive-customer_decision').selectOption('proceed');
    await page.getByTestId('receive-submit').click();
    await page.getByTestId('sample-status').filter({ hasText: zh['intake.status.received'] }).waitFor();
    assert.match(await page.getByTestId('order-sample-row').textContent(), /外包装破损/);

    // Labels: an A4 sheet downloads as a PDF holding the sample code, named apart from a single label.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-labels-a4').click()]);
    assert.equal(download.suggestedFilename(), `样品标签-GDQTWT${year}00001-A4.pdf`);
    const pdf = fs.readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

    // The sample's page: its custody timeline, and a hand-over adds to it.
    await page.getByTestId('sample-open').click();
    await page.getByTestId('sample-title').waitFor();
    assert.equal((await page.getByTestId('sample-title').textContent()).trim(), `GDQT${year}000001`);
    // Registration, then the receipt (from the sample's received_at: the custody API lists handovers only).
    assert.equal(await page.getByTestId('custody-row').count(), 2);
    assert.match(await page.locator('[data-testid=custody-row][data-kind=receipt]').textContent(), /包装轻微破损/);
    await page.getByTestId('transfer-to').fill('理化室 李明');
    await page.getByTestId('transfer-reason').fill('领样检测');
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('custody-row').nth(2).waitFor();
    assert.match(await page.getByTestId('custody-row').nth(2).textContent(), /理化室 李明/);
    await screenshot('intake-custody.png');

    // The register finds it by Chinese text, and the page reads in English too.
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('nav-intake').click();
    await page.getByTestId('intake-tab-samples').click();
    await page.getByTestId('samples-q').fill('大米');
    await page.getByTestId('samples-search').click();
    await page.getByTestId('sample-row').first().waitFor();
    assert.equal(await page.getByTestId('sample-row').count(), 1);
    assert.match(await page.getByTestId('sample-row').textContent(), new RegExp(en['intake.status.received']));
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('samples-export').click()]);
    assert.equal(xlsx.suggestedFilename(), '样品登记.xlsx');
  }));

// Through the API: the lead lab, plus aflatoxin B1 by a method the lab has not verified, nobody is
// authorized for and has no instrument for (priced, outside the scope); a reviewed CMA order for rice
// asking for lead (done in-house) and aflatoxin B1 (blocked: to be subcontracted).
async function subcontractSetUp(baseUrl) {
  const lab = await setUp(baseUrl);
  const m = lab.manager;
  const std = (await call(baseUrl, m, 'POST', '/api/register/standards', { number: 'GB 5009.22', year: 2016, title: '食品中黄曲霉毒素B族和G族的测定' })).data;
  const afb1 = (await call(baseUrl, m, 'POST', '/api/register/parameters',
    { name_zh: '黄曲霉毒素B1', unit: 'μg/kg', precision_kind: 'significant', precision_digits: 2, lod: '0.03', mu_model: 'none' })).data;
  const method = (await call(baseUrl, m, 'POST', '/api/register/methods',
    { standard_id: std.id, clause: '第三法', name: '高效液相色谱-柱前衍生法', kind: 'standard', equipment_types: ['液相色谱仪'] })).data;
  await call(baseUrl, m, 'POST', '/api/register/prices', { parameter_id: afb1.id, method_id: method.id, price: '300.00', valid_from: labDate(-60) });
  const tech = await login(baseUrl, 'tech.li', 'Tech-pw-2026');
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: lab.customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual' },
    samples: [{ name: '大米', product_category: '粮食及其制品',
      items: [{ parameter_id: lab.lead.id, method_id: lab.method.id }, { parameter_id: afb1.id, method_id: method.id }] }] });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  return order.data.code;
}

test('technician_subcontracts_an_item_with_consent_and_acceptance_before_dispatch_R31', { timeout: 60_000 }, () =>
  withAssay('technician_subcontracts_an_item_with_consent_and_acceptance_before_dispatch_R31', async ({ page, baseUrl, screenshot }) => {
    const code = await subcontractSetUp(baseUrl);
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-intake').click();
    await page.getByTestId('intake-tab-orders').click();
    await page.getByTestId('order-open').filter({ hasText: code }).click();
    await page.getByTestId('order-title').waitFor();
    const item2 = page.locator('[data-testid=item-row][data-position="2"]');
    await page.getByTestId('order-blockers').waitFor(); // aflatoxin B1 cannot be done here

    // The customer's written consent: every missing field is named beside it, then it is recorded.
    await item2.getByTestId('item-subcontract-open').click();
    await page.getByTestId('subcontract-submit').click();
    await page.locator('#subcontract-receiving_lab-error').waitFor();
    await page.locator('#subcontract-consent_ref-error').waitFor();
    await page.getByTestId('subcontract-receiving_lab').fill('广州分析测试中心');
    await page.getByTestId('subcontract-receiving_cma_no').fill('201919000456');
    await page.getByTestId('subcontract-consented_by').fill('何丽');
    await page.getByTestId('subcontract-consent_ref').fill('分包同意书 FB-2026-01');
    await page.getByTestId('subcontract-submit').click();
    await item2.locator('[data-testid=item-subcontract][data-state=consented]').waitFor();
    assert.match(await item2.getByTestId('subcontract-lab').textContent(), /广州分析测试中心/);
    assert.equal(await page.getByTestId('order-blockers').count(), 0); // subcontracted: no longer blocks acceptance

    // Dispatch before the receiving lab accepted: refused, and the row says why (R31).
    await item2.getByTestId('subcontract-dispatch').click();
    await item2.locator('[data-testid=subcontract-error] [data-testid=rule-failure][data-rule=R31]').first().waitFor();
    const refusal = await item2.getByTestId('subcontract-error').textContent();
    assert.match(refusal, new RegExp(zh['intake.sub.cannotDispatch'].replace(/[()]/g, '\\$&')));
    assert.match(refusal, /尚未接受该项工作/); // the server's reason, in Chinese
    assert.doesNotMatch(refusal, /has not accepted/);
    await screenshot('intake-subcontract-refused.png');

    // The receiving lab's acceptance, then the order is accepted and the item dispatched.
    await item2.getByTestId('subcontract-accept').click();
    await page.getByTestId('subcontract-acceptance-accepted_by').fill('王芳');
    await page.getByTestId('subcontract-acceptance-acceptance_ref').fill('接收确认函 QR-7');
    await page.getByTestId('subcontract-acceptance-submit').click();
    await item2.locator('[data-testid=item-subcontract][data-state=accepted]').waitFor();
    await page.getByTestId('order-accept').click();
    await page.getByTestId('order-status').filter({ hasText: zh['intake.orderStatus.accepted'] }).waitFor();
    await item2.getByTestId('subcontract-dispatch').click();
    await item2.locator('[data-testid=item-subcontract][data-state=dispatched]').waitFor();
    assert.match(await item2.getByTestId('subcontract-state').textContent(), new RegExp(zh['intake.sub.state.dispatched'].replace(' {at}', '')));
    assert.match(await item2.getByTestId('item-subcontract').textContent(), /广州分析测试中心[\s\S]*CMA 201919000456[\s\S]*王芳/);
    assert.equal(await item2.getByTestId('subcontract-dispatch').count(), 0);
    assert.equal(await page.locator('[data-testid=item-row][data-position="1"]').getByTestId('item-subcontract').count(), 0);
    await screenshot('intake-subcontract.png');
  }));
