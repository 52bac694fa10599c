// Browser tests of the testing-resource platform (issue 14) on the demo run as lab and platform at once
// (ASSAY_INSTANCE_ROLE=both: the demo lab enrolled, two more labs in other regions, one with its CNAS
// suspended, the operator platform.op): the public catalogue without a login (a search across labs, a
// lab's page with its standing, the CNAS filter, a PDF checked on the platform), the manager's 平台 page
// and the operator's 入驻审核 queue (two labs ask to enrol, signed as their instances would: one is
// approved, one refused with a reason), and a new lab (no demo) that makes its key, asks to enrol and is
// approved. Screenshots (desktop and 390 px) in build/e2e-platform/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAssay, strings } from './support/harness.mjs';
import { demoLab, DEMO_PASSWORD } from './support/demo.mjs';
import { ADMIN_PASSWORD } from './support/server.mjs';
import { leadLab } from './support/lab.mjs';
import { call } from './support/api.mjs';

const zh = strings('zh-CN');
const en = strings('en');
const here = path.dirname(fileURLToPath(import.meta.url));
const shots = path.join(path.resolve(process.env.ASSAY_E2E_OUT || path.join(here, '../../build')), 'e2e-platform');
const PLATFORM = { ASSAY_INSTANCE_ROLE: 'both' };
// A report the demo's Jiangsu lab sent to the platform; its "PDF" is these bytes (modules/platform/demo).
const DEMO_REPORT = { lab: '江苏示例检测中心 (demo)', number: '2024-R2026000123' };

async function shoot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// The same screen at phone width, then back to the desktop.
async function shootBoth(page, name) {
  await shoot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function onDemo(name, fn) {
  const demo = await demoLab({ env: PLATFORM });
  try {
    await withAssay(name, fn, demo);
  } finally {
    await demo.remove();
  }
}

async function signIn(page, baseUrl, username, password = DEMO_PASSWORD) {
  await page.goto(baseUrl);
  await page.locator('[data-testid=logout], [data-testid=username]').first().waitFor(); // the app has decided
  if (await page.getByTestId('logout').count()) await page.getByTestId('logout').click();
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

// The page's own words in buttons, labels, headings, summaries and tabs that are still Chinese (the
// data — lab names, products — may be; the controls may not).
async function chineseControls(page) {
  const words = await page.evaluate(() => [...document.querySelectorAll('button, label, th, h1, h2, h3, dt, summary, [role=tab]')]
    .filter((el) => el.getClientRects().length).map((el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('select, option, input, textarea').forEach((x) => x.remove());
      return copy.textContent.trim();
    }));
  return words.filter((x) => /[\u4e00-\u9fff]/.test(x));
}

async function searchFor(page, words, scheme = '') {
  await page.getByTestId('cat-q').fill(words);
  if (!(await page.getByTestId('cat-scheme').isVisible())) await page.getByTestId('cat-filters-toggle').click();
  await page.getByTestId('cat-scheme').selectOption(scheme);
  await page.getByTestId('cat-submit').click();
  await page.locator('[data-testid=cat-row], [data-testid=cat-empty], [data-testid=cat-error]').first().waitFor();
  assert.equal(await page.getByTestId('cat-error').count(), 0, 'the search answers without an error');
}

const texts = async (locator) => (await locator.allTextContents()).map((x) => x.trim());

// The labs of the result rows (every page: "more" until there is none), in order of appearance, each once.
async function labsShown(page) {
  while (await page.getByTestId('cat-more').count()) {
    const before = await page.getByTestId('cat-row').count();
    await page.getByTestId('cat-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=cat-row]').length > n, before);
  }
  return [...new Set(await texts(page.getByTestId('cat-lab')))];
}

// The lab (from the public API) whose CNAS accreditation is suspended, among the labs of the search.
async function suspendedCnasLab(baseUrl, ids) {
  for (const id of ids) {
    const res = await fetch(`${baseUrl}/api/catalogue/labs/${encodeURIComponent(id)}`);
    const body = await res.json();
    if (body.lab?.cnas_status === 'suspended') return { id: body.lab.id ?? id, name: body.lab.name ?? body.lab.lab_name };
  }
  return null;
}

// A lab asks the platform to enrol as its own instance would: a P-256 key, the request signed over its
// canonical JSON (keys sorted, no spaces), POST /api/platform/enrolments. Resolves to {name, keyId}.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const uscc = (first17) => first17 + USCC_CHARS[(31 - (USCC_WEIGHTS.reduce((a, w, i) => a + USCC_CHARS.indexOf(first17[i]) * w, 0) % 31)) % 31];
const canonical = (v) => (Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
  : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}` : JSON.stringify(v));

async function askToEnrol(baseUrl, { name, first17, region }) {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const body = { name, uscc: uscc(first17), cma_no: `2025${first17.slice(2, 10)}`, region, turnaround_days: 6,
    key_id: crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32),
    public_key: publicKey.export({ type: 'spki', format: 'pem' }) };
  body.signature = crypto.sign('sha256', Buffer.from(canonical(body)), privateKey).toString('base64');
  const res = await fetch(`${baseUrl}/api/platform/enrolments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 201, `the enrolment request is taken: ${await res.clone().text()}`);
  return { name, keyId: body.key_id };
}

const grouped = (hex) => hex.replace(/(.{4})(?=.)/g, '$1 ');

test('the_public_catalogue_finds_lead_in_rice_across_labs_and_shows_a_suspended_cnas', { timeout: 180_000 }, () =>
  onDemo('platform-catalogue', async ({ page, baseUrl }) => {
    await page.goto(`${baseUrl}/catalogue.html`);
    await page.getByTestId('cat-title').filter({ hasText: zh['catalogue.title'] }).waitFor();
    assert.equal(await page.getByTestId('logout').count(), 0, 'no login');

    await searchFor(page, '铅 大米');
    const labs = await labsShown(page);
    assert.ok(labs.length > 1, `rows from more than one lab: ${labs.join(', ')}`);
    for (const row of await texts(page.getByTestId('cat-row'))) assert.match(row, /铅/, 'every row is about lead');
    await shootBoth(page, 'catalogue-search');

    // A lab's page: its name, only its rows (the search's rows of this lab among them), its standing.
    const hrefs = await page.getByTestId('cat-lab').evaluateAll((as) => as.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
    const ids = [...new Set(hrefs.map(([, href]) => decodeURIComponent(href.replace('#/lab/', ''))))];
    const suspended = await suspendedCnasLab(baseUrl, ids);
    assert.ok(suspended, 'one of the labs found has its CNAS suspended');
    await page.getByTestId('cat-lab').filter({ hasText: suspended.name }).first().click();
    await page.getByTestId('lab-name').filter({ hasText: suspended.name }).waitFor();
    await page.getByTestId('cat-row').first().waitFor();
    assert.equal(await page.getByTestId('cat-lab').count(), 0, 'no other lab on a lab\'s page');
    // Product | parameter | standard of each row on the page, and of each of the lab's rows the platform has.
    const labRows = new Set(await page.getByTestId('cat-row').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(2, 5)
      .map((td) => td.firstChild.firstChild.textContent.trim()).join('|'))));
    const api = await (await fetch(`${baseUrl}/api/catalogue/labs/${encodeURIComponent(suspended.id)}`)).json();
    assert.deepEqual([...labRows].sort(), [...new Set(api.rows.map((r) => `${r.product}|${r.parameter}|${r.standard}`))].sort(),
      'the page shows the lab\'s rows, no more');
    assert.equal((await page.getByTestId('lab-cnas-status').textContent()).trim(), zh['catalogue.schemeStatus.suspended']);
    for (const badges of await texts(page.locator('[data-testid=cat-row] .scheme-badges'))) {
      assert.doesNotMatch(badges, /CNAS/, 'no row of the lab claims the suspended CNAS');
    }
    await shootBoth(page, 'catalogue-lab');

    // Only CNAS: the suspended lab is not offered.
    await page.getByTestId('lab-back').click();
    await searchFor(page, '铅 大米', 'CNAS');
    const cnasLabs = await labsShown(page);
    assert.ok(cnasLabs.length > 0, 'some lab offers the test under CNAS');
    assert.ok(!cnasLabs.includes(suspended.name), `${suspended.name} (CNAS suspended) is not among ${cnasLabs.join(', ')}`);
    for (const badges of await texts(page.locator('[data-testid=cat-row] .scheme-badges'))) assert.match(badges, /CNAS/);
    // The search is in the address: opened again, it shows the same.
    assert.match(page.url(), /[?&]scheme=CNAS/);
    await page.reload();
    await page.getByTestId('cat-row').first().waitFor();
    // (The demo lab's own catalogue may reach the platform meanwhile: the labs seen before are still there.)
    const again = await labsShown(page);
    for (const lab of cnasLabs) assert.ok(again.includes(lab), `${lab} again after a reload`);
    assert.ok(!again.includes(suspended.name));
    assert.equal(await page.getByTestId('cat-q').inputValue(), '铅 大米');
    assert.equal(await page.getByTestId('cat-scheme').inputValue(), 'CNAS');

    // A region by its code (深圳市, 440300): only the lab there.
    await page.getByTestId('cat-scheme').selectOption('');
    await page.getByTestId('cat-region').selectOption('other');
    await page.getByTestId('cat-region-code').fill('4403');
    await page.getByTestId('cat-submit').click();
    assert.equal((await page.getByTestId('cat-region-error').textContent()).trim(), zh['catalogue.error.region'], 'six digits, said beside the field');
    await page.getByTestId('cat-region-code').fill('440300');
    await searchFor(page, '铅');
    assert.deepEqual(await labsShown(page), [suspended.name], 'Shenzhen only (the lab whose CNAS is suspended)');
    await page.getByTestId('cat-region').selectOption('');

    // Nothing found: the help says what to change.
    await searchFor(page, '钚 月壤');
    assert.equal((await page.locator('[data-testid=cat-empty] strong').textContent()).trim(), zh['catalogue.empty.title']);

    // A report of another lab, by its number: valid, issued by that lab.
    await page.getByTestId('pv-kind').selectOption('number');
    await page.getByTestId('pv-value').fill(DEMO_REPORT.number);
    await page.getByTestId('pv-submit').click();
    await page.getByTestId('pv-status').waitFor();
    assert.equal((await page.getByTestId('pv-status').textContent()).trim(), zh['catalogue.verify.status.valid']);
    assert.equal((await page.getByTestId('pv-lab').textContent()).trim(), DEMO_REPORT.lab);
    // Its PDF (the demo's bytes): identical to the record.
    await page.getByTestId('pv-pdf-input').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`${DEMO_REPORT.lab} demo report`) });
    await page.getByTestId('pv-pdf-verdict').waitFor();
    assert.equal((await page.getByTestId('pv-pdf-verdict').textContent()).trim(), zh['catalogue.verify.pdfMatch']);
    assert.match(await page.getByTestId('pv-pdf').textContent(), new RegExp(DEMO_REPORT.number));

    // A PDF no lab issued: no match, and its SHA-256 as the page computed it on the server.
    const pdf = Buffer.from('%PDF-1.4\n% not a report of any lab\n%%EOF\n');
    await page.getByTestId('pv-pdf-input').setInputFiles({ name: 'other.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('pv-pdf-verdict').waitFor();
    assert.equal((await page.getByTestId('pv-pdf-verdict').textContent()).trim(), zh['catalogue.verify.pdfNoMatch']);
    assert.equal((await page.getByTestId('pv-pdf-sha256').textContent()).trim(), crypto.createHash('sha256').update(pdf).digest('hex'));
    await shootBoth(page, 'catalogue-empty-and-pdf');

    // In English: the page's own words change, the outcome stays.
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('cat-title').filter({ hasText: en['catalogue.title'] }).waitFor();
    assert.equal((await page.getByTestId('pv-pdf-verdict').textContent()).trim(), en['catalogue.verify.pdfNoMatch']);
    assert.equal(await page.getByTestId('cat-q').getAttribute('placeholder'), en['catalogue.q.placeholder']);
    assert.deepEqual(await chineseControls(page), [], 'no Chinese in the English page\'s controls');
  }));

test('the_manager_sees_the_demo_lab_enrolled_and_its_outbox', { timeout: 120_000 }, () =>
  onDemo('platform-manager', async ({ page, baseUrl }) => {
    await signIn(page, baseUrl, 'manager.liu');
    await page.getByTestId('nav-platform').filter({ hasText: zh['nav.platform'] }).click();
    await page.getByTestId('platform-state').waitFor();
    // The demo's approval reaches the lab through its inbox, which assayd polls: 刷新 until it is there.
    for (let i = 0; i < 30 && (await page.getByTestId('platform-state').textContent()).trim() !== zh['platform.state.approved']; i += 1) {
      await page.waitForTimeout(1000);
      await page.getByTestId('platform-refresh').click();
      await page.getByTestId('platform-state').waitFor();
    }
    assert.equal((await page.getByTestId('platform-state').textContent()).trim(), zh['platform.state.approved']);
    assert.ok(await page.getByTestId('platform-key-row').count() >= 1, 'the instance key is listed');
    assert.match(await page.getByTestId('platform-key-id').first().textContent(), /^([0-9a-f]{4} )+[0-9a-f]{1,4}$/i, 'its id in groups of four');
    assert.match(await page.getByTestId('platform-key-fingerprint').first().textContent(), /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/i, 'its SHA-256 fingerprint');
    assert.equal((await page.getByTestId('platform-key-button').textContent()).trim(), zh['platform.keys.rotate']);
    const outbox = page.getByTestId('platform-outbox');
    assert.ok(await outbox.isVisible());
    assert.match(await page.getByTestId('platform-outbox-pending').textContent(), /^\d+$/);
    assert.match(await page.getByTestId('platform-outbox-delivered').textContent(), /^\d+$/);

    // Publishing now queues the catalogue; resending from 1 says how many were queued again.
    await page.getByTestId('platform-publish').click();
    await page.getByTestId('platform-done').filter({ hasText: zh['platform.published'] }).waitFor();
    // The worker delivers to the platform (this same instance): 刷新 until nothing waits.
    const pending = async () => Number(await page.getByTestId('platform-outbox-pending').textContent());
    for (let i = 0; i < 30 && (await pending()) > 0; i += 1) {
      await page.waitForTimeout(1000);
      await page.getByTestId('platform-refresh').click();
      await page.getByTestId('platform-outbox-pending').waitFor();
    }
    assert.equal(await pending(), 0, 'the outbox was delivered');
    const delivered = Number(await page.getByTestId('platform-outbox-delivered').textContent());
    assert.ok(delivered >= 1, `delivered: ${delivered}`);
    assert.equal(Number(await page.getByTestId('platform-outbox-through').textContent()), Number(await page.getByTestId('platform-outbox-last-seq').textContent()),
      'delivered through the last number');
    await page.getByTestId('platform-resend').locator('summary').click();
    await page.getByTestId('platform-resend-from_seq').fill('1');
    await page.getByTestId('platform-resend-submit').click();
    // Everything delivered from 1 on is queued again.
    await page.getByTestId('platform-resend-ok').filter({ hasText: zh['platform.resend.requeued'].replace('{n}', String(delivered)) }).waitFor();
    await shootBoth(page, 'platform-manager');

    // The lab's public page on the platform (this instance): the demo lab with its valid rows.
    const [publicPage] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('platform-public-page').click()]);
    await publicPage.getByTestId('lab-name').filter({ hasText: '广东省质量检验检测研究院' }).waitFor();
    await publicPage.getByTestId('cat-row').first().waitFor();
    assert.equal((await publicPage.getByTestId('lab-cma-status').textContent()).trim(), zh['catalogue.schemeStatus.valid']);
  }));

test('the_platform_operator_approves_one_request_and_refuses_another_with_a_reason', { timeout: 120_000 }, () =>
  onDemo('platform-operator', async ({ page, baseUrl }) => {
    const zj = await askToEnrol(baseUrl, { name: '浙江示例检测有限公司 (e2e)', first17: '91330100712345678', region: '330106' });
    const bj = await askToEnrol(baseUrl, { name: '北京示例检验所 (e2e)', first17: '91110108712345679', region: '110108' });
    await signIn(page, baseUrl, 'platform.op');
    await page.getByTestId('nav-enrolments').filter({ hasText: zh['nav.enrolments'] }).click();
    await page.getByTestId('enrolments').filter({ hasText: zh['enrol.title'] }).waitFor();
    await page.getByTestId('enrol-row').first().waitFor();
    assert.equal(await page.getByTestId('enrol-tab-pending').getAttribute('aria-selected'), 'true');
    assert.deepEqual((await texts(page.getByTestId('enrol-lab'))).sort(), [zj.name, bj.name].sort(), 'both requests wait');
    const zjRow = page.getByTestId('enrol-row').filter({ hasText: zj.name });
    assert.equal((await zjRow.getByTestId('enrol-key-id').textContent()).trim(), grouped(zj.keyId), 'the key id as the lab sees it');
    assert.equal(await page.getByTestId('nav-platform').count(), 0, 'the operator has no lab link page');
    await shootBoth(page, 'platform-enrolments-pending');

    // Approve: the key id to compare first, then 通过.
    await zjRow.getByTestId('enrol-approve').click();
    assert.match(await page.getByTestId('enrol-approve-panel').textContent(), new RegExp(grouped(zj.keyId)));
    await page.getByTestId('enrol-approve-confirm').click();
    await page.getByTestId('enrol-message').filter({ hasText: zh['enrol.approved'].replace('{name}', zj.name) }).waitFor();
    assert.deepEqual(await texts(page.getByTestId('enrol-lab')), [bj.name], 'only the other request still waits');

    // Refuse: not without a reason.
    await page.getByTestId('enrol-row').filter({ hasText: bj.name }).getByTestId('enrol-refuse').click();
    await page.getByTestId('enrol-refuse-submit').click();
    assert.equal((await page.getByTestId('enrol-refuse-reason-problem').textContent()).trim(), zh['problem.required']);
    await shootBoth(page, 'platform-enrolments-refuse');
    const reason = 'CMA 证书编号与证书不符，请核对后重新申请';
    await page.getByTestId('enrol-refuse-reason').fill(reason);
    await page.getByTestId('enrol-refuse-submit').click();
    await page.getByTestId('enrol-message').filter({ hasText: zh['enrol.refused'].replace('{name}', bj.name) }).waitFor();
    assert.equal(await page.getByTestId('enrol-row').count(), 0);
    assert.equal((await page.getByTestId('enrol-empty').textContent()).trim(), zh['enrol.none.pending']);

    await page.getByTestId('enrol-tab-refused').click();
    await page.getByTestId('enrol-row').first().waitFor();
    assert.deepEqual(await texts(page.getByTestId('enrol-lab')), [bj.name]);
    assert.equal((await page.getByTestId('enrol-reason').textContent()).trim(), reason);

    // Approved: the new lab and the demo's three, each with the id of its key.
    await page.getByTestId('enrol-tab-approved').click();
    await page.getByTestId('enrol-row').first().waitFor();
    const approved = await texts(page.getByTestId('enrol-lab'));
    assert.match(await page.getByTestId('enrol-row').filter({ hasText: zj.name }).textContent(), /王敏/, 'decided by the operator, by name');
    assert.ok(approved.includes(zj.name) && approved.length >= 4, `approved: ${approved.join(', ')}`);
    for (const id of await texts(page.getByTestId('enrol-key-id'))) assert.match(id, /^([0-9a-f]{4} )+[0-9a-f]{1,4}$/i);
    await shootBoth(page, 'platform-enrolments-approved');
  }));

// 刷新 on the 平台 page until the state reads `state` (the operator's decision reaches the lab through its inbox).
async function waitForState(page, state) {
  for (let i = 0; i < 30 && (await page.getByTestId('platform-state').textContent()).trim() !== state; i += 1) {
    await page.waitForTimeout(1000);
    await page.getByTestId('platform-refresh').click();
    await page.getByTestId('platform-state').waitFor();
  }
  assert.equal((await page.getByTestId('platform-state').textContent()).trim(), state);
}

test('a_new_lab_makes_its_key_asks_to_enrol_and_the_operator_approves_it', { timeout: 180_000 }, () =>
  withAssay('platform-enrol', async ({ page, baseUrl }) => {
    const { admin } = await leadLab(baseUrl, []);
    await call(baseUrl, admin, 'POST', '/api/users',
      { username: 'platform.op', display_name: '王敏', password: 'Operator-pw-2026', roles: ['platform_operator'] });

    await signIn(page, baseUrl, 'manager.liu', 'Manager-pw-2026');
    await page.getByTestId('nav-platform').click();
    await page.getByTestId('platform-state').waitFor();
    assert.equal((await page.getByTestId('platform-state').textContent()).trim(), zh['platform.state.none']);
    assert.equal((await page.getByTestId('platform-key-button').textContent()).trim(), zh['platform.keys.create']);
    await page.getByTestId('platform-no-keys').waitFor();
    await shootBoth(page, 'platform-new-lab');

    await page.getByTestId('platform-key-button').click();
    await page.getByTestId('platform-done').filter({ hasText: zh['platform.keys.createdDone'] }).waitFor();
    const keyId = (await page.getByTestId('platform-key-id').textContent()).trim();
    assert.equal((await page.getByTestId('platform-key-button').textContent()).trim(), zh['platform.keys.rotate']);

    // The request: a region of five digits is refused beside its field, six are sent.
    await page.getByTestId('platform-enrol-region').fill('44010');
    await page.getByTestId('platform-enrol-turnaround_days').fill('7');
    await page.getByTestId('platform-enrol-submit').click();
    assert.equal((await page.getByTestId('platform-enrol-region-problem').textContent()).trim(), zh['platform.enrol.regionProblem']);
    await page.getByTestId('platform-enrol-region').fill('440106');
    await page.getByTestId('platform-enrol-submit').click();
    await page.getByTestId('platform-done').filter({ hasText: zh['platform.enrol.sent'] }).waitFor();
    assert.equal((await page.getByTestId('platform-state').textContent()).trim(), zh['platform.state.requested']);
    assert.equal(await page.getByTestId('platform-enrol').count(), 0, 'no second request while one waits');
    await shootBoth(page, 'platform-requested');

    // The operator sees the same key id and approves.
    await signIn(page, baseUrl, 'platform.op', 'Operator-pw-2026');
    await page.getByTestId('nav-enrolments').click();
    const row = page.getByTestId('enrol-row').filter({ hasText: '广东省质量检验检测研究院 (e2e)' });
    await row.waitFor();
    assert.equal((await row.getByTestId('enrol-key-id').textContent()).trim(), keyId, 'the key id the lab sees');
    await row.getByTestId('enrol-approve').click();
    await page.getByTestId('enrol-approve-confirm').click();
    await page.getByTestId('enrol-empty').waitFor();

    // Back at the lab: approved, with the link to its public page.
    await signIn(page, baseUrl, 'manager.liu', 'Manager-pw-2026');
    await page.getByTestId('nav-platform').click();
    await page.getByTestId('platform-state').waitFor();
    await waitForState(page, zh['platform.state.approved']);
    await page.getByTestId('platform-public-page').waitFor();
    await shootBoth(page, 'platform-approved');

    // Rotating the key: only after the inline confirmation; the old key is then retired.
    await page.getByTestId('platform-key-button').click();
    await page.getByTestId('platform-rotate-cancel').click();
    assert.equal(await page.getByTestId('platform-key-row').count(), 1, 'cancelled: the same key');
    await page.getByTestId('platform-key-button').click();
    await page.getByTestId('platform-rotate-confirm').click();
    await page.getByTestId('platform-done').filter({ hasText: zh['platform.keys.rotated'] }).waitFor();
    const keys = await texts(page.getByTestId('platform-key-id'));
    assert.equal(keys.length, 2);
    assert.ok(keys.includes(keyId) && keys.some((k) => k !== keyId), `a new key beside ${keyId}: ${keys.join(', ')}`);
    const old = page.getByTestId('platform-key-row').filter({ hasText: keyId });
    assert.match(await old.textContent(), new RegExp(zh['platform.keys.retiredOn'].replace('{at}', '.+')), 'the old key is retired');

    // In English, the page's controls hold no Chinese.
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('platform-state').filter({ hasText: en['platform.state.approved'] }).waitFor();
    assert.deepEqual(await chineseControls(page), [], 'no Chinese in the English 平台 page\'s controls');
    await shoot(page, 'platform-approved-en');
  }, { env: PLATFORM }));
