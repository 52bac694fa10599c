// Browser test of the intake flow: a technician registers an order with a sample, runs the contract
// review (quote and scope verdicts), accepts it, receives the sample with a deviation the customer
// accepted, prints the labels (a PDF downloads), and follows the sample's custody timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { withAssay, strings } from './support/harness.mjs';
import { labDate } from './support/api.mjs';
import { leadLab } from './support/lab.mjs';

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

    // A new order: the contact is required, and the error names it.
    await page.getByTestId('sample-0-name').fill('大米');
    await page.getByTestId('sample-0-items').selectOption({ index: 0 });
    await page.getByTestId('order-submit').click();
    await page.getByTestId('order-error').waitFor();
    assert.match(await page.getByTestId('order-error').textContent(), /contact\.name/);
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

    // Labels: an A4 sheet downloads as a PDF holding the sample code.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-labels-a4').click()]);
    assert.equal(download.suggestedFilename(), `样品标签-GDQTWT${year}00001.pdf`);
    const pdf = fs.readFileSync(await download.path());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');

    // The sample's page: its custody timeline, and a hand-over adds to it.
    await page.getByTestId('sample-open').click();
    await page.getByTestId('sample-title').waitFor();
    assert.equal((await page.getByTestId('sample-title').textContent()).trim(), `GDQT${year}000001`);
    assert.equal(await page.getByTestId('custody-row').count(), 1);
    await page.getByTestId('transfer-to').fill('理化室 李明');
    await page.getByTestId('transfer-reason').fill('领样检测');
    await page.getByTestId('transfer-submit').click();
    await page.getByTestId('custody-row').nth(1).waitFor();
    assert.match(await page.getByTestId('custody-row').nth(1).textContent(), /理化室 李明/);
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
