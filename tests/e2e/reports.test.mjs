// Browser test of the reports area and the public verification page: the manager starts a report
// draft and chooses the signatory while the live checks say why it may not be issued yet; the
// signatory signs with their password (making their signing key on the way), sees the PDF and the
// verification link; anyone, without logging in, opens that link (the QR code's address) and sees
// the report valid, and checks the PDF (authentic, or document modified). Then the report is
// amended after a corrected result: the draft shows what changed and needs the technical manager's
// approval (R36); once the amendment is issued (<number>-A1) the original's page says superseded.
// A second test issues several drafts as a batch with a progress bar and exports the register. A third
// changes an issued report and its result straight in the database: the public page says 记录已损坏
// (record damaged) in Chinese and English, never valid, and the technician's worklist flags the result.
// Another opens the signatory's 待签发 queue from the dashboard and downloads a draft's watermarked PDF preview.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings, screenshotPath } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');
const en = strings('en');

const PW = { tech: 'Tech-pw-2026', reviewer: 'Reviewer-pw-2026', signatory: 'Signatory-pw-2026', manager: 'Manager-pw-2026' };

// A GB 11643 ID number (check character computed) for test person n.
function idNumber(n) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `440106199003${String(30000 + n)}`;
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

// Through the API (tests/http/ReportTest.cpp does the same): the lead lab with a technician, a
// reviewer and signatory.zhao (on the CMA signatory list for lead since yesterday), the lab's CMA
// certificate and a rice specification (lead ≤ 0.2 mg/kg).
async function signatoryLab(baseUrl) {
  const lab = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: PW.tech, activity: 'perform', idNumber: '440106199001100019' },
    { username: 'reviewer.chen', name: '陈静', role: 'reviewer', password: PW.reviewer, activity: 'check', idNumber: '440106199001100035' },
    { username: 'signatory.zhao', name: '赵强', role: 'signatory', password: PW.signatory }]);
  const { admin, customer, users, manager: m, lead, method } = lab;
  await call(baseUrl, m, 'POST', '/api/qualifications', { scheme: 'CMA', number: '202619000123', authority: '广东省市场监督管理局',
    valid_from: labDate(-300), valid_to: labDate(1500) });
  const staff = (await call(baseUrl, m, 'POST', '/api/staff',
    { name: '赵强', id_number: idNumber(1), user_id: users['signatory.zhao'], position: '授权签字人' })).data;
  await call(baseUrl, m, 'POST', `/api/staff/${staff.id}/signatory-authorizations`,
    { scheme: 'CMA', parameter_ids: [lead.id], filed_on: labDate(-1), filing_ref: '备案回执 (e2e)' });
  const spec = (await call(baseUrl, m, 'POST', '/api/register/specifications', { name: 'GB 2762-2022', comparison_mode: 'full', decision_rule: 'simple',
    limits: [{ parameter_id: lead.id, product_category: '大米', max_op: '<=', max: '0.2' }] })).data;
  const tech = await login(baseUrl, 'tech.li', PW.tech);
  const reviewer = await login(baseUrl, 'reviewer.chen', PW.reviewer);
  return { admin, manager: m, customer, users, lead, method, spec, tech, reviewer };
}

// An accepted CMA order for one rice sample, received, whose lead result 0.12 mg/kg is entered,
// checked and approved: what an issuable report is made of.
async function issuableOrder(baseUrl, lab) {
  const { tech, reviewer, customer, users, lead, method, spec } = lab;
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual', decision_rule: 'simple' },
    samples: [{ name: '大米', product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] }] });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });
  for (const { code } of order.data.samples) { // received, with the condition the report prints (R27 g, h)
    const sample = await call(baseUrl, tech, 'GET', `/api/samples/${code}`);
    await call(baseUrl, tech, 'POST', `/api/samples/${code}/receive`, { condition: '密封完好' }, { 'If-Match': sample.etag });
  }
  const [item] = (await call(baseUrl, tech, 'POST', '/api/testing/items', { order_code: order.data.code, specification_id: spec.id })).data.items;
  const got = await call(baseUrl, tech, 'GET', `/api/testing/items/${item.id}`);
  await call(baseUrl, tech, 'POST', `/api/testing/items/${item.id}/assign`, { user_id: users['tech.li'], test_date: labDate(0) }, { 'If-Match': got.etag });
  const result = (await call(baseUrl, tech, 'POST', `/api/testing/items/${item.id}/results`, { value: '0.12' })).data;
  await call(baseUrl, reviewer, 'POST', `/api/testing/results/${result.id}/check`);
  await call(baseUrl, reviewer, 'POST', `/api/testing/results/${result.id}/approve`);
  return { orderCode: order.data.code, itemId: item.id, resultId: result.id };
}

async function setUp(baseUrl) {
  const lab = await signatoryLab(baseUrl);
  return { ...lab, ...await issuableOrder(baseUrl, lab) };
}

// A report draft over a new issuable order, made by the manager, with the signatory chosen (a user id) or none.
async function draftReport(baseUrl, lab, signatoryUserId) {
  const { orderCode } = await issuableOrder(baseUrl, lab);
  const created = await call(baseUrl, lab.manager, 'POST', '/api/reports', { order_code: orderCode });
  if (signatoryUserId != null)
    await call(baseUrl, lab.manager, 'PATCH', `/api/reports/${created.data.id}`, { signatory_user_id: signatoryUserId }, { 'If-Match': created.etag });
  return String(created.data.id);
}

// The result was wrong: invalidated with a reason, retested (0.25 mg/kg, now over the limit: the
// conclusion changes), checked and approved again.
async function correctResult(baseUrl, lab) {
  const view = (await call(baseUrl, lab.reviewer, 'GET', `/api/testing/items/${lab.itemId}`)).data;
  const current = view.results.find((r) => r.id === lab.resultId);
  await call(baseUrl, lab.reviewer, 'POST', `/api/testing/results/${lab.resultId}/invalidate`, { reason: '称样量记录错误' },
    { 'If-Match': current.etag });
  const retest = (await call(baseUrl, lab.tech, 'POST', `/api/testing/items/${lab.itemId}/results`,
    { value: '0.25', retest_reason: '称样量记录错误，重新测定' })).data;
  await call(baseUrl, lab.reviewer, 'POST', `/api/testing/results/${retest.id}/check`);
  await call(baseUrl, lab.reviewer, 'POST', `/api/testing/results/${retest.id}/approve`);
}

async function signIn(page, baseUrl, username, password) {
  if (await page.getByTestId('logout').count()) await page.getByTestId('logout').click();
  else await page.goto(baseUrl);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('reports-table').or(page.getByTestId('reports-none')).waitFor();
}

async function openReport(page, id) {
  await page.locator(`[data-testid=report-row][data-id="${id}"]`).getByTestId('report-open').click();
  await page.locator(`[data-testid=report-title][data-id="${id}"]`).waitFor();
}

function rule(page, id) {
  return page.locator(`[data-testid=check-row][data-rule="${id}"]`);
}

async function sign(page, password) {
  await page.getByTestId('report-sign').click();
  await page.getByTestId('sign-password').fill(password);
  await page.getByTestId('sign-confirm').click();
}

test('a_report_is_built_signed_verified_in_public_and_amended_with_approval', { timeout: 120_000 }, () =>
  withAssay('a_report_is_built_signed_verified_in_public_and_amended_with_approval', async ({ page, baseUrl, screenshot }) => {
    const lab = await setUp(baseUrl);
    const routes = JSON.stringify((await call(baseUrl, lab.admin, 'GET', '/api/system/routes')).data);
    const publicPage = await page.context().browser().newPage({ locale: 'zh-CN' }); // its own context: no session
    const publicErrors = [];
    publicPage.on('pageerror', (err) => publicErrors.push(String(err)));

    // The manager starts a draft: the checks say no signatory is chosen yet (R10), so it may not be issued.
    await signIn(page, baseUrl, 'manager.liu', PW.manager);
    await page.getByTestId('reports-tab-new').click();
    await page.getByTestId('report-order').fill(lab.orderCode);
    await page.getByTestId('report-create').click();
    await page.getByTestId('checks-table').waitFor();
    const reportId = await page.getByTestId('report-title').getAttribute('data-id');
    assert.equal(await page.getByTestId('checks-issuable').getAttribute('data-issuable'), 'false');
    assert.equal(await rule(page, 'R10').getAttribute('data-status'), 'fail');
    assert.match(await rule(page, 'R10').getByTestId('check-reason').textContent(), /未选择授权签字人/);
    assert.equal(await rule(page, 'R32').getAttribute('data-status'), 'pass');
    assert.equal(await page.getByTestId('mark-cma').getAttribute('data-allowed'), 'true');
    assert.equal(await page.getByTestId('sign-hint').textContent(), zh['reports.sign.chooseFirst']);

    // Choosing the signatory refreshes the checks: now it may be issued, but only by 赵强 himself.
    await page.getByTestId('signatory-select').selectOption({ label: '赵强 (signatory.zhao)' });
    await page.locator('[data-testid=checks-issuable][data-issuable=true]').waitFor();
    assert.equal(await rule(page, 'R10').getAttribute('data-status'), 'pass');
    assert.equal(await page.getByTestId('sign-hint').textContent(), zh['reports.sign.onlyChosen']);
    await page.getByTestId('checks-refresh').click();
    await page.locator('[data-testid=checks-issuable][data-issuable=true]').waitFor();
    await screenshot('reports-builder.png');

    // The signatory signs: a wrong password is refused beside the field; without a key of his own he
    // makes one with his password, and the report is issued with its number.
    await signIn(page, baseUrl, 'signatory.zhao', PW.signatory);
    await openReport(page, reportId);
    await sign(page, 'not-my-password');
    await page.getByTestId('sign-password-error').waitFor();
    await page.getByTestId('sign-password').fill(PW.signatory);
    await page.getByTestId('sign-confirm').click();
    await page.getByTestId('sign-no-key').waitFor();
    await page.getByTestId('sign-create-key').click();
    await page.getByTestId('report-number').waitFor();
    const number = (await page.getByTestId('report-number').textContent()).trim();
    assert.match(number, /^GDQT-R\d{4}\d{6}$/);
    assert.equal(await page.getByTestId('report-status').getAttribute('data-status'), 'issued');
    assert.match(await page.getByTestId('report-hash').textContent(), /^[0-9a-f]{64}$/);
    const preview = page.getByTestId('pdf-preview');
    await preview.waitFor();
    assert.match(await preview.getAttribute('src'), /^blob:/);
    assert.ok(Number(await page.getByTestId('pdf-download').getAttribute('data-bytes')) > 1000, 'the PDF was fetched');
    await page.getByTestId('report-signatory').filter({ hasText: '赵强' }).waitFor();
    const verifyUrl = await page.getByTestId('verify-link').getAttribute('href');
    assert.match(verifyUrl, new RegExp(`^${baseUrl}/verify/[A-Z0-9]{16}$`));
    await screenshot('reports-issued.png');

    // Anyone opens the QR code's address without logging in: valid, with the number, lab and signatory.
    await publicPage.goto(verifyUrl);
    await publicPage.getByTestId('verify-status').waitFor();
    assert.match(await publicPage.getByTestId('verify-status').textContent(), /valid/);
    assert.equal((await publicPage.getByTestId('verify-number').textContent()).trim(), number);
    assert.match(await publicPage.getByTestId('verify-signatory').textContent(), /赵强/);
    assert.match(await publicPage.getByTestId('verify-lab').textContent(), /广东省质量检验检测研究院/);
    // No customer data and no results on the public page, until the customer consents (R38).
    assert.equal(await publicPage.getByTestId('verify-results').count(), 0);
    await call(baseUrl, await login(baseUrl, 'reviewer.chen', PW.reviewer), 'POST', `/api/reports/${reportId}/disclosure`,
      { consented_by: '何丽', consent_ref: '公开结果同意书 2026-7' });
    await publicPage.reload();
    await publicPage.getByTestId('verify-results').waitFor();
    assert.match(await publicPage.getByTestId('verify-result-row').first().textContent(), /0\.12/);
    // The PDF they received is authentic; one byte changed is not.
    const pdf = Buffer.from(await (await fetch(`${baseUrl}/api/reports/${reportId}/pdf`,
      { headers: { Authorization: `Bearer ${await login(baseUrl, 'reviewer.chen', PW.reviewer)}` } })).arrayBuffer());
    await publicPage.getByTestId('verify-pdf-input').setInputFiles({ name: `${number}.pdf`, mimeType: 'application/pdf', buffer: pdf });
    await publicPage.getByTestId('verify-pdf-verdict').filter({ hasText: 'authentic' }).waitFor();
    const changed = Buffer.from(pdf);
    changed[changed.length >> 1] ^= 1;
    await publicPage.getByTestId('verify-pdf-input').setInputFiles({ name: 'changed.pdf', mimeType: 'application/pdf', buffer: changed });
    await publicPage.getByTestId('verify-pdf-verdict').filter({ hasText: 'document modified' }).waitFor();
    await publicPage.screenshot({ path: screenshotPath('verify-valid.png'), fullPage: true });
    await publicPage.goto(`${baseUrl}/verify/AAAAAAAAAAAAAAAA`);
    await publicPage.getByTestId('verify-not-found').waitFor();
    assert.equal(await publicPage.getByTestId('verify-status').count(), 0);

    // ---- the amendment (R35, R36) --------------------------------------------------------------
    assert.ok(routes.includes('/api/reports/{id}/amendments'),
      'POST /api/reports/{id}/amendments is not registered yet: the amendment steps of this test cannot run');
    await correctResult(baseUrl, lab);
    await page.getByTestId('report-amend').click();
    await page.getByTestId('amend-submit').click();
    await page.getByTestId('amend-reason-error').waitFor(); // the reason is required (R35)
    await page.getByTestId('amend-reason').fill('铅结果称样量记录错误，复测后更正');
    await page.getByTestId('amend-cause').selectOption('error');
    await page.getByTestId('amend-submit').click();
    await page.getByTestId('report-amends').waitFor();
    const amendmentId = await page.getByTestId('report-title').getAttribute('data-id');
    assert.notEqual(amendmentId, reportId);
    await page.getByTestId('checks-table').waitFor();
    assert.ok(await page.getByTestId('change-row').count() >= 1, 'the draft shows what changed');
    assert.match(await page.getByTestId('changes-table').textContent(), /0\.25/);
    assert.equal(await rule(page, 'R35').getAttribute('data-status'), 'pass');
    assert.equal(await rule(page, 'R36').getAttribute('data-status'), 'fail');
    assert.equal(await page.getByTestId('approval-state').getAttribute('data-required'), 'true');
    assert.equal(await page.getByTestId('approval-state').getAttribute('data-approved'), 'false');
    assert.equal(await page.getByTestId('amendment-approve').count(), 0, 'only the technical manager approves');
    await screenshot('reports-amendment-draft.png');
    // Signing now is refused, and the dialog names the failing rule (422).
    await sign(page, PW.signatory);
    await page.locator('[data-testid=sign-error] [data-testid=rule-failure][data-rule=R36]').waitFor();
    assert.match(await page.getByTestId('sign-error').textContent(), new RegExp(zh['reports.error.rules']));
    await page.getByTestId('sign-cancel').click();

    // The technical manager approves with his password; the signatory (copied from the original) signs.
    await signIn(page, baseUrl, 'manager.liu', PW.manager);
    await openReport(page, amendmentId);
    await page.getByTestId('amendment-approve').click();
    await page.getByTestId('approval-password').fill(PW.manager);
    await page.getByTestId('approval-note').fill('同意更正');
    await page.getByTestId('approval-confirm').click();
    await page.locator('[data-testid=approval-state][data-approved=true]').waitFor();
    await page.locator('[data-testid=check-row][data-rule=R36][data-status=pass]').waitFor();

    await signIn(page, baseUrl, 'signatory.zhao', PW.signatory);
    await openReport(page, amendmentId);
    await page.locator('[data-testid=checks-issuable][data-issuable=true]').waitFor();
    await sign(page, PW.signatory);
    await page.getByTestId('report-number').filter({ hasText: `${number}-A1` }).waitFor();
    await page.getByTestId('pdf-preview').waitFor();
    await screenshot('reports-amendment-issued.png');

    const amendmentVerifyUrl = await page.getByTestId('verify-link').getAttribute('href');

    // The original's public page now says superseded, and by what (in English too); in the app the
    // original is superseded and the customer notification is logged.
    await publicPage.goto(verifyUrl);
    await publicPage.getByTestId('verify-status').waitFor();
    assert.match(await publicPage.getByTestId('verify-status').textContent(), /superseded/);
    assert.equal((await publicPage.getByTestId('verify-superseded-by').textContent()).trim(), `${number}-A1`);
    await publicPage.getByTestId('lang-switch').selectOption('en');
    await publicPage.getByTestId('verify-title').filter({ hasText: en['verify.title'] }).waitFor();
    assert.match(await publicPage.getByTestId('verify-status').textContent(), /Superseded/);
    await publicPage.screenshot({ path: screenshotPath('verify-superseded.png'), fullPage: true });
    await page.getByTestId('report-open-original').click();
    await page.locator(`[data-testid=report-title][data-id="${reportId}"]`).waitFor();
    assert.equal(await page.getByTestId('report-status').getAttribute('data-status'), 'superseded');
    assert.equal((await page.getByTestId('report-superseded-by').textContent()).trim(), `${number}-A1`);
    await page.getByTestId('notification-row').first().waitFor();
    assert.match(await page.getByTestId('notifications-table').textContent(), new RegExp(`${number}-A1`));

    // Withdrawn: the amendment's public page says so.
    await page.getByTestId('report-back').click();
    await page.getByTestId('report-row').nth(1).waitFor();
    assert.equal(await page.getByTestId('report-row').first().getAttribute('data-id'), amendmentId, 'newest first');
    await screenshot('reports-register.png');
    await openReport(page, amendmentId);
    await page.getByTestId('report-withdraw').click();
    await page.getByTestId('withdraw-reason').fill('客户样品信息有误');
    // Like signing, withdrawing needs the person's password: without it, nothing is withdrawn.
    await page.getByTestId('withdraw-submit').click();
    await page.getByTestId('withdraw-error').waitFor();
    await page.getByTestId('withdraw-password').fill(PW.signatory);
    await page.getByTestId('withdraw-submit').click();
    await page.locator('[data-testid=report-status][data-status=withdrawn]').waitFor();
    await publicPage.goto(amendmentVerifyUrl);
    await publicPage.getByTestId('verify-status').filter({ hasText: 'Withdrawn' }).waitFor();
    assert.deepEqual(publicErrors, [], 'uncaught errors in the verification page');
    await publicPage.close();
  }));

test('drafts_are_issued_as_a_batch_with_progress_and_the_register_is_exported', { timeout: 60_000 }, () =>
  withAssay('drafts_are_issued_as_a_batch_with_progress_and_the_register_is_exported', async ({ page, baseUrl, screenshot }) => {
    const lab = await signatoryLab(baseUrl);
    const zhao = lab.users['signatory.zhao'];
    await call(baseUrl, await login(baseUrl, 'signatory.zhao', PW.signatory), 'POST', '/api/signing/keys', { password: PW.signatory });
    const mine = await draftReport(baseUrl, lab, zhao);
    const chosenByReviewer = await draftReport(baseUrl, lab, null);
    const unsigned = await draftReport(baseUrl, lab, null); // no signatory: R10 keeps it a draft

    // The reviewer may not list users: the chooser offers the active signing keys' users, by name.
    await signIn(page, baseUrl, 'reviewer.chen', PW.reviewer);
    assert.equal(await page.getByTestId('batch-issue').count(), 0, 'only a signatory issues');
    await openReport(page, chosenByReviewer);
    await page.getByTestId('signatory-select').selectOption({ label: '赵强' });
    await page.locator('[data-testid=checks-issuable][data-issuable=true]').waitFor();

    // The signatory ticks the three drafts; the dialog names the one that is not his to issue.
    await signIn(page, baseUrl, 'signatory.zhao', PW.signatory);
    assert.ok(await page.getByTestId('batch-issue').isDisabled(), 'nothing ticked yet');
    for (const id of [mine, chosenByReviewer, unsigned]) await page.locator(`[data-testid=report-select][data-id="${id}"]`).check();
    await page.getByTestId('batch-issue').click();
    // Drafts are named by their order and samples, not by their internal id.
    const unsignedOrder = (await call(baseUrl, lab.manager, 'GET', `/api/reports/${unsigned}`)).data.order_code;
    const notYours = await page.getByTestId('batch-not-yours').textContent();
    assert.match(notYours, new RegExp(`${unsignedOrder}[^]*R10`));
    assert.doesNotMatch(notYours, new RegExp(`#${unsigned}`));
    // A wrong password is refused beside the field (400 naming password); the right one starts the job.
    await page.getByTestId('batch-password').fill('not-my-password');
    await page.getByTestId('batch-confirm').click();
    await page.getByTestId('batch-password-error').waitFor();
    await screenshot('reports-batch-dialog.png');
    await page.getByTestId('batch-password').fill(PW.signatory);
    await page.getByTestId('batch-confirm').click();
    await page.getByTestId('batch-progress').waitFor();
    await page.locator('[data-testid=batch-progress][value="100"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('batch-summary').waitFor();
    assert.equal(await page.getByTestId('batch-panel').getAttribute('data-status'), 'finished');
    assert.equal(await page.getByTestId('batch-progress').getAttribute('max'), '100');
    assert.match(await page.getByTestId('batch-progress-text').textContent(), /^3\/3\D+1$/);

    const item = (id) => page.locator(`[data-testid=batch-item][data-report-id="${id}"]`);
    const numbers = [];
    for (const id of [mine, chosenByReviewer]) {
      assert.equal(await item(id).getAttribute('data-status'), 'issued');
      const number = (await item(id).getByTestId('batch-item-number').textContent()).trim();
      assert.match(number, /^GDQT-R\d{4}\d{6}$/);
      numbers.push(number);
    }
    assert.notEqual(numbers[0], numbers[1]);
    assert.equal(await item(unsigned).getAttribute('data-status'), 'failed');
    assert.match(await item(unsigned).getByTestId('batch-item-problem').textContent(), /R10: 未选择授权签字人/); // the catalogue in the reader's language
    assert.equal(await page.locator('[data-testid=batch-item][data-status=issued]').count(), 2);
    // The register is refreshed: the two are issued with their numbers, the third is still a draft.
    for (const number of numbers)
      await page.getByTestId('report-row').filter({ hasText: number }).locator('[data-testid=report-row-status][data-status=issued]').waitFor();
    assert.equal(await page.locator(`[data-testid=report-row][data-id="${unsigned}"] [data-testid=report-row-status]`).getAttribute('data-status'),
      'draft');
    await screenshot('reports-batch.png');

    // The register as Excel, downloaded with the session.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reports-export').click()]);
    assert.equal(xlsx.suggestedFilename(), '报告登记.xlsx');
    const bytes = fs.readFileSync(await xlsx.path());
    assert.ok(bytes.length > 100, 'a non-empty workbook');
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');

    // The register filtered by status: only the draft that stayed.
    await page.getByTestId('report-status-filter').selectOption('draft');
    await page.locator(`[data-testid=report-row][data-id="${unsigned}"]`).waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=report-row-status]')].every((e) => e.dataset.status === 'draft'));
    assert.equal(await page.locator('[data-testid=report-row-status][data-status=issued]').count(), 0);
  }));

// The signatory's 待签发 queue: the dashboard card counts the drafts waiting for him (the server
// filters them: a draft chosen for the manager and one with nobody are not his), opens the queue,
// the queue opens the report, and the report's 预览草稿 PDF downloads the watermarked preview,
// which the server does not keep.
test('a_signatory_opens_the_queue_then_the_report_and_downloads_the_draft_pdf', { timeout: 120_000 }, () =>
  withAssay('a_signatory_opens_the_queue_then_the_report_and_downloads_the_draft_pdf', async ({ page, baseUrl, screenshot }) => {
    const lab = await signatoryLab(baseUrl);
    const mine = await draftReport(baseUrl, lab, lab.users['signatory.zhao']);
    const managers = await draftReport(baseUrl, lab, lab.users['manager.liu']);
    const nobodys = await draftReport(baseUrl, lab, null);

    await page.goto(baseUrl);
    await page.getByTestId('username').fill('signatory.zhao');
    await page.getByTestId('password').fill(PW.signatory);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid=queue-sign-count]')?.textContent === '1');
    await page.getByTestId('queue-sign').click();
    await page.getByTestId('queue-table').waitFor();
    assert.match(page.url(), /#\/reports\/queue$/);
    assert.equal(await page.getByTestId('reports-tab-queue').getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('reports-tab-queue').textContent(), zh['reports.tab.queue']);
    const rows = page.getByTestId('queue-row');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().getAttribute('data-id'), mine);
    for (const other of [managers, nobodys]) assert.equal(await page.locator(`[data-testid=queue-row][data-id="${other}"]`).count(), 0);
    assert.equal(await rows.first().getByTestId('queue-issuable').getAttribute('data-issuable'), 'true');
    assert.equal((await rows.first().getByTestId('queue-issuable').textContent()).trim(), zh['reports.queue.ready']);
    await screenshot('reports-queue.png');

    await rows.first().getByTestId('queue-open').click();
    await page.locator(`[data-testid=report-title][data-id="${mine}"]`).waitFor();
    assert.match(page.url(), new RegExp(`#/reports/${mine}$`));
    await page.getByTestId('checks-table').waitFor();
    assert.equal(await page.getByTestId('draft-pdf').textContent(), zh['reports.draftPdf.button']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draft-pdf').click()]);
    assert.match(download.suggestedFilename(), /^报告草稿-.+\.pdf$/);
    const file = await download.path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
    const text = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, '');
    assert.match(text, /草稿\/未签发/, 'the watermark');
    assert.doesNotMatch(text, /\/verify\//, 'no verification address');
    await page.locator('[data-testid=draft-pdf-note]', { hasText: download.suggestedFilename() }).waitFor();
    await screenshot('reports-draft-pdf.png');
    // Nothing was stored: the draft has no PDF, and its PDF route still says not issued.
    const after = (await call(baseUrl, lab.manager, 'GET', `/api/reports/${mine}`)).data;
    assert.equal(after.status, 'draft');
    assert.equal(after.pdf_sha256, null);
    assert.equal(after.number, null);
  }));

test('a_report_changed_in_the_database_is_shown_damaged_in_public_and_its_result_flagged_R20_R38', { timeout: 90_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-e2e-tamper-'));
  // A change made outside Assay, as someone with write access to the database would (sqlite3 CLI).
  const tamper = (sql) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', path.join(dir, 'assay.db'), sql]);
  try {
    await withAssay('a_report_changed_in_the_database_is_shown_damaged_in_public_and_its_result_flagged_R20_R38', async ({ page, baseUrl, screenshot }) => {
      const lab = await setUp(baseUrl);
      const zhao = await login(baseUrl, 'signatory.zhao', PW.signatory);
      await call(baseUrl, zhao, 'POST', '/api/signing/keys', { password: PW.signatory });
      const created = await call(baseUrl, lab.manager, 'POST', '/api/reports', { order_code: lab.orderCode });
      const chosen = await call(baseUrl, lab.manager, 'PATCH', `/api/reports/${created.data.id}`, { signatory_user_id: lab.users['signatory.zhao'] },
        { 'If-Match': created.etag });
      const issued = (await call(baseUrl, zhao, 'POST', `/api/reports/${created.data.id}/issue`, { password: PW.signatory },
        { 'If-Match': chosen.etag })).data;
      await page.goto(`${baseUrl}/verify/${issued.verify_code}`);
      await page.getByTestId('verify-status').filter({ hasText: zh['verify.status.valid'] }).waitFor();

      // One digit of the signed content, and of the result behind it.
      tamper(`UPDATE rep_reports SET canonical = REPLACE(canonical, '"reported":"0.12"', '"reported":"0.13"') WHERE id = ${created.data.id}`);
      tamper(`UPDATE tst_results SET value_text = '0.13', value = '0.13', reported = '0.13' WHERE id = ${lab.resultId}`);
      await page.reload();
      await page.getByTestId('verify-status').filter({ hasText: zh['verify.status.damaged'] }).waitFor();
      assert.match(await page.getByTestId('verify-status').getAttribute('class'), /status-bad/);
      assert.equal((await page.getByTestId('verify-note').textContent()).trim(), zh['verify.note.damaged']);
      assert.doesNotMatch(await page.getByTestId('verify-status').textContent(), new RegExp(zh['verify.status.valid']));
      await screenshot('verify-damaged.png');
      await page.getByTestId('lang-switch').selectOption('en');
      await page.getByTestId('verify-status').filter({ hasText: en['verify.status.damaged'] }).waitFor();
      assert.equal((await page.getByTestId('verify-note').textContent()).trim(), en['verify.note.damaged']);
      await screenshot('verify-damaged-en.png');
      await page.getByTestId('lang-switch').selectOption('zh-CN');
      await page.getByTestId('verify-status').filter({ hasText: zh['verify.status.damaged'] }).waitFor();

      // The technician's worklist shows the forged value, flagged.
      await page.goto(baseUrl);
      await page.getByTestId('username').fill('tech.li');
      await page.getByTestId('password').fill(PW.tech);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('dashboard').waitFor();
      await page.getByTestId('nav-testing').click();
      await page.getByTestId('work-table').waitFor();
      const flagged = page.getByTestId('result-tampered');
      await flagged.waitFor();
      assert.equal((await flagged.textContent()).trim(), zh['testing.tampered']);
      assert.match(await flagged.getAttribute('title'), /no longer matches/);
      await screenshot('testing-tampered.png');
    }, { dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
