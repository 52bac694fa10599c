// Browser test of the audit trail review (审计), as a CNAS assessor reviews it with the quality
// manager: manager.liu filters the trail by user (tech.wang, picked from the lab's users) and by
// period (lab dates), sees the technician's events, pages through them with 下一页/上一页 (the keyset
// cursor: no event twice, none missing), is told in words when a date is malformed, narrows by entity
// type and action, and downloads the filtered view as Excel (read back with openpyxl).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { withAssay, strings } from './support/harness.mjs';
import { labDate, call } from './support/api.mjs';
import { leadLab, login } from './support/lab.mjs';

const zh = strings('zh-CN');
const fill = (text, params) => text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));

// Through the API: the lead lab with manager.liu, and tech.wang, who registers 60 samples at once
// (61 events of his today: the login and 60 sample registrations).
async function setUp(baseUrl) {
  await leadLab(baseUrl, [{ username: 'tech.wang', name: '王伟', role: 'technician', password: 'Tech-pw-2026' }]);
  const wang = await login(baseUrl, 'tech.wang', 'Tech-pw-2026');
  await call(baseUrl, wang, 'POST', '/api/samples/batch',
    { samples: Array.from({ length: 60 }, (_, i) => ({ name: `大米 ${i + 1}`, product_category: '粮食及其制品' })) });
}

async function seqs(page) {
  return page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.dataset.seq));
}

test('manager_reviews_a_technicians_audit_trail_by_user_and_period_pages_it_and_exports_it', { timeout: 180_000 }, () =>
  withAssay('manager_reviews_a_technicians_audit_trail_by_user_and_period_pages_it_and_exports_it', async ({ page, baseUrl, screenshot }) => {
    await setUp(baseUrl);
    const today = labDate(0);
    await page.goto(baseUrl);
    await page.getByTestId('username').fill('manager.liu');
    await page.getByTestId('password').fill('Manager-pw-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-form').waitFor();
    assert.equal((await page.getByTestId('audit-title').textContent()).trim(), zh['audit.title']);
    // The last seven days by default, newest first: the manager's own setup of the lab is there.
    await page.getByTestId('audit-row').first().waitFor();
    assert.equal(await page.getByTestId('audit-to').inputValue(), today);

    // A malformed date is named beside its field, in Chinese.
    await page.getByTestId('audit-from').fill('2026-13-01');
    await page.getByTestId('audit-submit').click();
    await page.getByTestId('audit-from-error').waitFor();
    assert.equal((await page.getByTestId('audit-from-error').textContent()).trim(), zh['audit.problem.date']);
    assert.equal(await page.getByTestId('audit-from').getAttribute('aria-invalid'), 'true');
    await screenshot('audit-bad-date.png');

    // tech.wang, picked from the lab's users, today.
    await page.getByTestId('audit-actor').selectOption('tech.wang');
    assert.match(await page.getByTestId('audit-actor').locator('option:checked').textContent(), /王伟（tech\.wang）/);
    await page.getByTestId('audit-from').fill(today);
    await page.getByTestId('audit-to').fill(today);
    await page.getByTestId('audit-submit').click();
    await page.getByTestId('audit-status').filter({ hasText: fill(zh['audit.page'], { page: 1, n: 50 }) }).waitFor();
    assert.equal(await page.getByTestId('audit-from-error').isHidden(), true);
    const first = await seqs(page);
    assert.equal(first.length, 50);
    for (const text of await page.getByTestId('audit-row').allTextContents()) assert.match(text, /王伟（tech\.wang）/);
    assert.match(await page.getByTestId('audit-row').first().textContent(), new RegExp(`${zh['audit.action.create']}${zh['audit.entityType.sample']}`));
    assert.match(await page.getByTestId('audit-table').locator('thead').textContent(), /时间用户操作对象类型对象编号变更内容/);
    await screenshot('audit-review.png');

    // 下一页: the other 11 (the oldest is his login); 上一页 returns to the same 50.
    await page.getByTestId('audit-next').click();
    await page.getByTestId('audit-status').filter({ hasText: fill(zh['audit.page'], { page: 2, n: 11 }) }).waitFor();
    const second = await seqs(page);
    assert.equal(second.length, 11);
    assert.equal(new Set([...first, ...second]).size, 61, 'no event on both pages');
    assert.ok(Math.min(...first.map(Number)) > Math.max(...second.map(Number)), 'newest first, the pages in order');
    assert.match(await page.getByTestId('audit-row').last().textContent(), new RegExp(zh['audit.action.login']));
    assert.equal(await page.getByTestId('audit-next').isDisabled(), true);
    await screenshot('audit-page-2.png');
    await page.getByTestId('audit-prev').click();
    await page.getByTestId('audit-status').filter({ hasText: fill(zh['audit.page'], { page: 1, n: 50 }) }).waitFor();
    assert.deepEqual(await seqs(page), first);

    // A day without his events, and then only his sample registrations.
    await page.getByTestId('audit-from').fill(labDate(-3));
    await page.getByTestId('audit-to').fill(labDate(-1));
    await page.getByTestId('audit-submit').click();
    await page.getByTestId('audit-status').filter({ hasText: zh['audit.empty'] }).waitFor();
    await page.getByTestId('audit-to').fill(today);
    await page.getByTestId('audit-entity').selectOption('sample');
    await page.getByTestId('audit-action').selectOption('create');
    await page.getByTestId('audit-order').selectOption('asc');
    await page.getByTestId('audit-submit').click();
    await page.getByTestId('audit-status').filter({ hasText: fill(zh['audit.page'], { page: 1, n: 50 }) }).waitFor();
    assert.match(await page.getByTestId('audit-row').first().textContent(), /大米 1[^0-9]/);

    // The filtered view as Excel: his 60 registrations, in the lab's time, with Chinese headers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    assert.equal(download.suggestedFilename(), `审计记录-${labDate(-3)}至${today}.xlsx`);
    await page.getByTestId('audit-export-status').filter({ hasText: fill(zh['audit.exported'], { n: 60 }) }).waitFor();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-e2e-audit-'));
    const file = path.join(dir, download.suggestedFilename()); // openpyxl goes by the .xlsx ending
    await download.saveAs(file);
    const read = spawnSync('/usr/bin/python3', ['-c', `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(ws.title, ws.max_row, ws.freeze_panes, ws["A1"].value, ws["B1"].value, ws["C2"].value, ws["D2"].value, ws["F2"].value, type(ws["B2"].value).__name__)
`, file], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal(read.status, 0, read.stderr);
    assert.equal(read.stdout.trim(), '审计记录 61 A2 序号 时间 tech.wang 样品 创建 datetime');
  }));
