// Browser test of a sample's page: its custody timeline opens with the receipt; the actions its
// status allows are offered, each with its reason asked inline (never a browser prompt): one sample
// is rejected (the missing reason said beside the field), another, reported, is retained, and its
// disposal before the retention date is refused with the server's answer (R22) beside the method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');
const en = strings('en');

// Two received samples of one accepted order; the second is taken through testing to reported.
async function setUp(baseUrl) {
  const { customer, lead, method } = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: 'Tech-pw-2026', activity: 'perform', idNumber: '440106199001100019' }]);
  const tech = await login(baseUrl, 'tech.li', 'Tech-pw-2026');
  const sample = (name) => ({ name, product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] });
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual' }, samples: [sample('大米'), sample('大米')] });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });
  const [a, b] = order.data.samples.map((s) => s.code);
  for (const code of [a, b]) {
    const got = await call(baseUrl, tech, 'GET', `/api/samples/${code}`);
    await call(baseUrl, tech, 'POST', `/api/samples/${code}/receive`, { condition: '密封完好' }, { 'If-Match': got.etag });
  }
  for (const to of ['in_testing', 'tested', 'reported']) {
    const got = await call(baseUrl, tech, 'GET', `/api/samples/${b}`);
    await call(baseUrl, tech, 'POST', `/api/samples/${b}/status`, { to }, { 'If-Match': got.etag });
  }
  return { a, b, tech };
}

async function openSample(page, code) {
  await page.getByTestId('nav-intake').click();
  // The tab shown first has loaded (a tab chosen while it loads would be overwritten by it).
  await page.waitForFunction((loading) => {
    const panel = document.querySelector('[data-testid="intake-panel"]');
    return panel && !loading.some((text) => panel.textContent.includes(text));
  }, [zh['common.loading'], en['common.loading']]);
  await page.getByTestId('intake-tab-samples').click();
  await page.getByTestId('samples-filter').waitFor();
  await page.getByTestId('sample-row').filter({ hasText: code }).getByTestId('sample-open').click();
  await page.getByTestId('sample-title').filter({ hasText: code }).waitFor();
}

test('a_sample_is_rejected_and_another_retained_and_refused_disposal_before_its_date', { timeout: 180_000 }, () =>
  withAssay('a_sample_is_rejected_and_another_retained_and_refused_disposal_before_its_date', async ({ page, baseUrl, screenshot }) => {
    const { a, b, tech } = await setUp(baseUrl);
    page.on('dialog', () => assert.fail('no browser dialog'));
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('tech.li');
    await page.getByTestId('password').fill('Tech-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();

    // The first sample: its timeline holds the receipt with the condition; reject and cancel are offered.
    await openSample(page, a);
    assert.match(await page.locator('[data-testid=custody-row][data-kind=receipt]').textContent(), /密封完好/);
    assert.equal(await page.getByTestId('sample-action-rejected').count(), 1);
    assert.equal(await page.getByTestId('sample-action-cancelled').count(), 1);
    assert.equal(await page.getByTestId('sample-action-retained').count(), 0, 'a received sample is not retained');
    await page.getByTestId('sample-action-rejected').click();
    await page.getByTestId('sample-rejected-submit').click();
    await page.locator('#sample-rejected-reason-error').waitFor();
    assert.ok((await page.locator('#sample-rejected-reason-error').textContent()).trim().length > 0, 'the server says the reason is needed');
    await screenshot('sample-reject-reason-required.png');
    await page.getByTestId('sample-rejected-reason').fill('样品包装破损，委托方同意退回');
    await page.getByTestId('sample-rejected-submit').click();
    await page.getByTestId('sample-notice').waitFor();
    assert.equal((await page.getByTestId('sample-notice').textContent()).trim(), zh['intake.action.done.rejected'].replace('{code}', a));
    assert.match(await page.locator('dl.facts').textContent(), new RegExp(zh['intake.status.rejected']));
    assert.equal(await page.getByTestId('sample-actions').count(), 0, 'a rejected sample has no further actions');

    // The second sample, reported: retained, then its disposal is refused before the retention date.
    await openSample(page, b);
    assert.equal(await page.getByTestId('sample-action-disposed').count(), 0, 'a reported sample is retained before it is disposed of');
    await page.getByTestId('sample-action-retained').click();
    await page.getByTestId('sample-retained-submit').click();
    await page.getByTestId('sample-notice').waitFor();
    const retainUntil = (await call(baseUrl, tech, 'GET', `/api/samples/${b}`)).data.retain_until;
    assert.ok(retainUntil > labDate(0), 'retained until a later date');
    assert.match(await page.locator('dl.facts').textContent(), new RegExp(retainUntil));

    await page.getByTestId('sample-action-disposed').click();
    assert.equal((await page.getByTestId('sample-retain-note').textContent()).trim(), zh['intake.action.retainedUntil'].replace('{date}', retainUntil));
    // Nothing filled in: both problems beside their fields at once.
    await page.getByTestId('sample-disposed-submit').click();
    await page.locator('#sample-disposed-method-error').waitFor();
    assert.ok(await page.locator('#sample-disposed-reason-error').isVisible());
    // Filled in, before the date: refused, and the rule's answer is beside the method.
    await page.getByTestId('sample-disposed-reason').fill('留样期满');
    await page.getByTestId('sample-disposed-method').fill('高压灭菌后按实验室废弃物处理');
    await page.getByTestId('sample-disposed-submit').click();
    await page.locator('#sample-disposed-method-error').filter({ hasText: 'R22' }).waitFor();
    assert.match(await page.locator('#sample-disposed-method-error').textContent(), new RegExp(retainUntil));
    assert.equal(await page.locator('#sample-disposed-reason-error').isVisible(), false, 'the reason is fine now');
    await screenshot('sample-dispose-refused.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('sample-dispose-refused-phone.png');
    assert.equal((await call(baseUrl, tech, 'GET', `/api/samples/${b}`)).data.status, 'retained', 'still retained');

    // In English: the same actions and the receipt in the user's words.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('lang-switch').selectOption('en');
    await openSample(page, b);
    assert.equal((await page.getByTestId('sample-action-disposed').textContent()).trim(), en['intake.action.disposed']);
    assert.equal(await page.getByTestId('sample-action-cancelled').count(), 0, 'a retained sample is not cancelled');
    assert.match(await page.locator('[data-testid=custody-row][data-kind=receipt]').textContent(), new RegExp(en['intake.custody.customer']));
    await screenshot('sample-retained-en.png');
  }));
