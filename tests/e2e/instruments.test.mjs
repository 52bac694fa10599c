// Browser test of the shared instruments (issue 16): the platform and the demo lab as separate processes,
// the lab enrolled and sharing instruments of its register; a partner lab's user (made by the platform's
// admin) books an instrument on the 仪器共享 page, the fee shown first, a second overlapping booking is
// refused with the message in Chinese; the lab's manager approves and records the service record in the
// lab's UI (a second booking declined with a reason, a third cancelled by the partner); the terms edited;
// the lab's quarterly report downloads as XLSX and is read back with openpyxl; the operator's platform
// report; the portal's 仪器共享 tab without a login, in Chinese and English.
// Screenshots (desktop and 390 px) in build/e2e-instruments/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { withAssay, strings } from './support/harness.mjs';
import { demoLab, DEMO_PASSWORD } from './support/demo.mjs';
import { startServer, ADMIN_PASSWORD } from './support/server.mjs';
import { call } from './support/api.mjs';

const zh = strings('zh-CN');
const en = strings('en');
const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(path.resolve(process.env.ASSAY_E2E_OUT || path.join(here, '../../build')), 'e2e-instruments');
const LAB_NAME = '广东省质量检验检测研究院 (demo)';
const FAST = { ASSAY_OUTBOX_POLL_MS: '200', ASSAY_OUTBOX_BACKOFF_MAX_MS: '2000' };
const PARTNER = { username: 'chen.partner', password: 'Partner-pw-2026' };

async function shootBoth(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function waitFor(what, fn, { timeout = 60_000, every = 500 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(every);
  }
}

const login = async (baseUrl, username, password = DEMO_PASSWORD) => (await call(baseUrl, null, 'POST', '/api/auth/login', { username, password })).data.token;

async function enrolLab(platformUrl, labUrl) {
  const m = await login(labUrl, 'manager.liu');
  await call(labUrl, m, 'POST', '/api/platform/link/keys', {});
  await call(labUrl, m, 'POST', '/api/platform/link/enrolment', { platform_url: platformUrl, region: '440106', turnaround_days: 7 });
  const op = await login(platformUrl, 'platform.op');
  const pending = await waitFor('the enrolment request', async () => (await call(platformUrl, op, 'GET', '/api/platform/enrolments?state=pending')).data.items
    .find((x) => x.name === LAB_NAME || x.lab_name === LAB_NAME));
  await call(platformUrl, op, 'POST', `/api/platform/enrolments/${pending.id}/approve`, {});
  await waitFor('the lab approved', async () => (await call(labUrl, m, 'GET', '/api/platform/link')).data.state === 'approved');
  return m;
}

async function signIn(page, baseUrl, username, password = DEMO_PASSWORD) {
  await page.goto(baseUrl);
  await page.locator('[data-testid=logout], [data-testid=username]').first().waitFor();
  if (await page.getByTestId('logout').count()) await page.getByTestId('logout').click();
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const uscc = (first17) => first17 + USCC_CHARS[(31 - (USCC_WEIGHTS.reduce((a, w, i) => a + USCC_CHARS.indexOf(first17[i]) * w, 0) % 31)) % 31];

// A python3 with openpyxl (the PATH's first, else the system's).
const PYTHON = ['python3', '/usr/bin/python3'].find((py) => {
  try { execFileSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }); return true; } catch { return false; }
}) ?? 'python3';

const text = async (locator) => (await locator.textContent()).trim();

test('a_partner_books_an_instrument_an_overlap_is_refused_the_lab_approves_records_and_reports', { timeout: 600_000 }, async () => {
  const platformDemo = await demoLab({ env: { ASSAY_INSTANCE_ROLE: 'platform', ...FAST } });
  const labDemo = await demoLab({ env: { ASSAY_INSTANCE_ROLE: 'lab', ...FAST } });
  let lab = null;
  try {
    lab = await startServer({ dir: labDemo.dir, env: labDemo.env });
    const labUrl = lab.baseUrl;
    await withAssay('instruments', async ({ page, baseUrl: platformUrl }) => {
      const m = await enrolLab(platformUrl, labUrl);
      // The lab shares its register's equipment (weekdays 09:00–17:00) through the API.
      const equipment = (await call(labUrl, m, 'GET', '/api/equipment')).data.items;
      for (const e of equipment.slice(0, 4)) {
        await fetch(`${labUrl}/api/platform/instruments/${e.id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${m}` },
          body: JSON.stringify({ description: `${e.name}，开放共享`, techniques: ['元素分析'], fees: { per_hour: { member: '200.00', non_member: '300.00' } },
            weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '17:00' })), exceptions: [{ date: '2026-12-25', closed: true }], operated_by: 'staff', approval_required: true }) });
      }
      const inst = await waitFor('a usable shared instrument on the platform', async () =>
        (await call(platformUrl, null, 'GET', '/api/instruments')).data.items.find((i) => i.usable_today && i.lab_name === LAB_NAME));

      // The platform's admin makes a partner lab and its user.
      const admin = await login(platformUrl, 'admin', ADMIN_PASSWORD);
      const org = (await call(platformUrl, admin, 'POST', '/api/organizations', { kind: 'partner', name: '华南理工大学分析测试中心', uscc: uscc('12440000455416066') })).data;
      await call(platformUrl, admin, 'POST', '/api/users', { username: PARTNER.username, display_name: '陈明', password: PARTNER.password, roles: ['partner'], org_id: org.id });

      // The partner books in the browser: 仪器共享 → the instrument → next week → fee → confirm.
      await signIn(page, platformUrl, PARTNER.username, PARTNER.password);
      await page.goto(`${platformUrl}/#/sharing/catalogue`);
      await page.getByTestId('sharing-title').waitFor();
      await page.getByTestId('sharing-q').fill(inst.name);
      await page.getByTestId('sharing-search-submit').click();
      await page.getByTestId('sharing-instrument').filter({ hasText: inst.name }).first().waitFor();
      await shootBoth(page, 'catalogue');
      await page.getByTestId('sharing-instrument').filter({ hasText: inst.name }).first().getByTestId('sharing-open').click();
      await page.getByTestId('sharing-calendar').waitFor();
      assert.match(await text(page.getByTestId('sharing-exceptions')), /2026-12-25/, 'the exception is shown');
      await page.getByTestId('sharing-next').click();
      await page.getByTestId('sharing-calendar').waitFor();
      const date = await page.getByTestId('sharing-book-date').inputValue();
      assert.equal(await page.getByTestId(`slot-${date}-09:30`).getAttribute('data-kind'), 'free', 'a free half hour on Monday');
      await page.getByTestId('sharing-book-from').fill('09:00');
      await page.getByTestId('sharing-book-to').fill('11:00');
      await page.getByTestId('sharing-book-contract_ref').fill('HT-2026-088');
      await page.getByTestId('sharing-book-submit').click();
      assert.match(await text(page.getByTestId('sharing-fee')), /\d/, 'the fee is shown before booking');
      await shootBoth(page, 'instrument-quote');
      await page.getByTestId('sharing-book-submit').click();
      await page.getByTestId('sharing-booked').waitFor();
      assert.equal(await page.getByTestId(`slot-${date}-09:30`).getAttribute('data-kind'), 'booked', 'the booked half hour');
      await shootBoth(page, 'instrument-booked');

      // A second, overlapping booking is refused with the message.
      await page.getByTestId('sharing-book-from').fill('10:00');
      await page.getByTestId('sharing-book-to').fill('12:00');
      await page.getByTestId('sharing-book-contract_ref').fill('HT-2026-089');
      await page.getByTestId('sharing-book-submit').click();
      const refusal = page.getByTestId('sharing-book-error');
      // The quote may already refuse the taken range; else the confirmation does.
      await page.locator('[data-testid=sharing-fee], [data-testid=sharing-book-error]:visible').first().waitFor();
      if (!(await refusal.isVisible())) await page.getByTestId('sharing-book-submit').click();
      await refusal.waitFor();
      assert.match(await text(refusal), new RegExp(zh['sharing.err.slotTaken'].slice(0, 6)), 'the slot is taken, in Chinese');
      await shootBoth(page, 'instrument-overlap');

      // Two more bookings in the afternoon: one the partner cancels, one the lab declines.
      for (const [from, to, ref] of [['14:00', '15:00', 'HT-2026-090'], ['15:00', '16:00', 'HT-2026-091']]) {
        await page.getByTestId('sharing-book-from').fill(from);
        await page.getByTestId('sharing-book-to').fill(to);
        await page.getByTestId('sharing-book-contract_ref').fill(ref);
        await page.getByTestId('sharing-book-submit').click();
        await page.getByTestId('sharing-fee').waitFor();
        await page.getByTestId('sharing-book-submit').click();
        await page.getByTestId(`slot-${date}-${from}`).and(page.locator('[data-kind=booked]')).waitFor();
      }

      await page.getByTestId('sharing-tab-mine').click();
      const myRow = (ref) => page.getByTestId('sharing-my-row').filter({ hasText: ref });
      await myRow('HT-2026-088').waitFor();
      assert.match(await text(myRow('HT-2026-088')), new RegExp(zh['sharing.status.requested']));
      await myRow('HT-2026-090').getByTestId('sharing-cancel').click();
      await myRow('HT-2026-090').getByTestId('sharing-cancel-reason').fill('样品未到');
      await shootBoth(page, 'my-bookings-cancel');
      await myRow('HT-2026-090').getByTestId('sharing-cancel-submit').click();
      await myRow('HT-2026-090').getByTestId('sharing-status').filter({ hasText: zh['sharing.status.cancelled'] }).waitFor();
      assert.equal(await text(myRow('HT-2026-090').getByTestId('sharing-reason')), '样品未到');
      await shootBoth(page, 'my-bookings');

      // The lab's manager approves and records the service record in the lab's UI.
      await signIn(page, labUrl, 'manager.liu');
      await page.goto(`${labUrl}/#/sharing/queue`);
      const row = page.getByTestId('sharing-queue-row').filter({ hasText: 'HT-2026-088' });
      await waitFor('the booking in the lab', async () => {
        await page.reload();
        await page.getByTestId('sharing-area-title').waitFor();
        return (await row.count()) > 0;
      });
      await shootBoth(page, 'lab-queue');
      const declined = page.getByTestId('sharing-queue-row').filter({ hasText: 'HT-2026-091' });
      await declined.getByTestId('sharing-decline').click();
      await page.getByTestId('sharing-decline-reason').fill('当日仪器维护');
      await page.getByTestId('sharing-decline-submit').click();
      await waitFor('the booking declined', async () => {
        if ((await text(declined.getByTestId('sharing-status'))) === zh['sharing.status.declined']) return true;
        await page.reload();
        await declined.getByTestId('sharing-status').waitFor();
        return false;
      });
      assert.match(await text(declined), /当日仪器维护/, 'the reason is shown');
      await row.getByTestId('sharing-approve').click();
      // The approval goes to the platform over the link; the lab's copy follows within seconds.
      await waitFor('the booking confirmed', async () => {
        assert.equal(await page.getByTestId('sharing-queue-error').count(), 0, 'the approval is taken');
        if ((await text(row.getByTestId('sharing-status'))) === zh['sharing.status.confirmed']) return true;
        await page.reload();
        await row.getByTestId('sharing-status').waitFor();
        return false;
      });
      await row.getByTestId('sharing-record').click();
      await page.getByTestId('sharing-record-operator').fill('李工');
      await page.getByTestId('sharing-record-samples').fill('3');
      await shootBoth(page, 'lab-service-record');
      await page.getByTestId('sharing-record-submit').click();
      await waitFor('the booking completed', async () => {
        assert.equal(await page.getByTestId('sharing-record-error').filter({ visible: true }).count(), 0, 'the service record is taken');
        if ((await text(row.getByTestId('sharing-status'))) === zh['sharing.status.completed']) return true;
        await page.reload();
        await row.getByTestId('sharing-status').waitFor();
        return false;
      });
      assert.match(await text(row.getByTestId('sharing-service')), /2/, 'the machine hours of the service record');
      await shootBoth(page, 'lab-completed');

      // The quarterly report downloads and is read back.
      await page.getByTestId('sharing-tab-report').click();
      await page.getByTestId('sharing-report-row').first().waitFor();
      await shootBoth(page, 'lab-report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sharing-report-xlsx').click()]);
      const file = path.join(shots, 'report.xlsx');
      await download.saveAs(file);
      const rows = JSON.parse(execFileSync(PYTHON, ['-c',
        'import openpyxl,sys,json;ws=openpyxl.load_workbook(sys.argv[1]).active;print(json.dumps([[str(c) if c is not None else "" for c in r] for r in ws.iter_rows(values_only=True)]))', file]).toString());
      const mine = rows.find((r) => r.some((c) => c.includes(inst.name)));
      assert.ok(mine, `the instrument's row in the XLSX: ${JSON.stringify(rows.slice(0, 3))}`);
      assert.ok(mine.some((c) => /^400(\.0+)?$/.test(c)), `the income of the service record in the row: ${JSON.stringify(mine)}`);

      // The manager edits the terms of a shared instrument (a Saturday morning window added); a bad window
      // is refused beside its field first.
      await page.getByTestId('sharing-tab-shared').click();
      const shared = page.getByTestId('sharing-shared-row').filter({ hasText: inst.name });
      await shared.getByTestId('sharing-edit').click();
      await page.getByTestId('sharing-terms-weekly').fill('1 09:00-17:00; 2 09:00-17:00; 3 09:00-17:00; 4 09:00-17:00; 5 09:00-17:00; 6 09:00-12:00');
      await page.getByTestId('sharing-terms-hour_member').fill('220.00');
      await shootBoth(page, 'lab-terms');
      await page.getByTestId('sharing-terms-submit').click();
      await shared.filter({ hasText: '220.00' }).waitFor();
      assert.match(await text(shared), new RegExp(zh['sharing.weekday.6']), 'the Saturday window is shown');
      await shootBoth(page, 'lab-shared');
      // Sharing one more piece of equipment from the register (the terms form), then withdrawing it.
      const before = await page.getByTestId('sharing-shared-row').count();
      const picked = await page.getByTestId('sharing-equipment').locator('option').first().textContent();
      const assetNo = picked.trim().split(' ').pop();
      await page.getByTestId('sharing-share').click();
      await page.getByTestId('sharing-terms-submit').click();
      await page.locator('[data-testid=sharing-terms-error]:visible').waitFor(); // the description is required
      await shootBoth(page, 'lab-share-error');
      await page.locator('#sharing-terms-description-error:visible').waitFor();
      assert.match(await text(page.locator('#sharing-terms-description-error')), /[\u4e00-\u9fff]/, 'the description\'s problem beside it, in Chinese');
      await page.getByTestId('sharing-terms-description').fill('开放共享，需提前一天预约');
      await page.getByTestId('sharing-terms-hour_non_member').fill('150.00');
      await page.getByTestId('sharing-terms-submit').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=sharing-shared-row]').length === n + 1, before);
      const added = page.getByTestId('sharing-shared-row').filter({ hasText: assetNo });
      assert.match(await text(added), /150\.00/);
      await added.getByTestId('sharing-withdraw').click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=sharing-shared-row]').length === n, before);

      // The platform's operator sees the platform's sharing report.
      await signIn(page, platformUrl, 'platform.op');
      await page.goto(`${platformUrl}/#/sharing/platformReport`);
      await page.getByTestId('sharing-area-title').waitFor();
      await page.locator('[data-testid=sharing-report-row], [data-testid=sharing-report-error]:visible, .notice').first().waitFor();
      assert.equal(await page.getByTestId('sharing-report-error').filter({ visible: true }).count(), 0, 'the platform report answers');
      await shootBoth(page, 'platform-report');

      // The SME portal's 仪器共享 tab, without a login: the catalogue, no booking form.
      await page.goto(`${platformUrl}/portal.html#/instruments`);
      await page.getByTestId('sharing-instrument').first().waitFor();
      await page.getByTestId('sharing-open').first().click();
      await page.getByTestId('sharing-calendar').waitFor();
      assert.equal(await page.getByTestId('sharing-book-card').count(), 0, 'no booking without a login');
      await shootBoth(page, 'portal-instrument');
      // In English: the catalogue's own words follow.
      await page.getByTestId('lang-switch').selectOption('en');
      await page.getByTestId('sharing-title').filter({ hasText: en['sharing.title'] }).waitFor();
      await page.getByTestId('sharing-open').first().click();
      await page.getByTestId('sharing-login-hint').filter({ hasText: en['sharing.loginToBook'] }).waitFor();
      assert.match(await text(page.getByTestId('sharing-calendar')), new RegExp(en['sharing.slot.free']));
      await shootBoth(page, 'portal-instrument-en');
    }, { dir: platformDemo.dir, env: platformDemo.env });
  } finally {
    if (lab) await lab.stop();
    await labDemo.remove();
    await platformDemo.remove();
  }
});
