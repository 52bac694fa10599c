// Browser test of the SME portal (issue 15) on a platform and a lab run as separate assayd processes,
// with the SMTP sink (tests/tools/smtp-sink.py) the platform mails its codes to. The lab (the demo lab,
// role lab) makes its key, asks to enrol, is approved by the platform's operator and publishes its
// catalogue. Then, on a phone-sized browser, an SME registers, sees that it cannot book before its
// e-mail is verified, reads the code from the sink, verifies, searches 铅 大米, books the two lead tests
// of that lab (the live quote first), and the booking becomes an order in the lab's intake. The lab's
// manager reviews the order and offers in the lab's own UI with a later due date and a message with an
// attachment; the SME accepts the offer and answers with an attachment of its own; the lab receives the
// sample, tests and issues the report (through the API); the SME downloads the signed PDF and sees it
// verified on the platform; the lab amends the report and the SME sees the amendment replace it. A second test books through the API (the first while the lab is offline;
// it becomes an order once the lab is back): the lab asks about a sample's
// deviation (the SME proceeds, the lab sees the answer) and declines a booking with a reason, the SME
// cancels a third, a colleague joins by invitation, the owner resets the password, and another SME
// finds none of these orders (404) and is sent to the portal from the staff login.
// Screenshots (desktop and 390 px) in build/e2e-portal/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { withAssay, strings } from './support/harness.mjs';
import { demoLab, DEMO_PASSWORD } from './support/demo.mjs';
import { startServer } from './support/server.mjs';
import { call, labDate } from './support/api.mjs';

const zh = strings('zh-CN');
const en = strings('en');
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const shots = path.join(path.resolve(process.env.ASSAY_E2E_OUT || path.join(repoRoot, 'build')), 'e2e-portal');
const LAB_NAME = '广东省质量检验检测研究院 (demo)';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const FAST = { ASSAY_OUTBOX_POLL_MS: '200', ASSAY_OUTBOX_BACKOFF_MAX_MS: '2000' };
const SME = { company: '佛山市禾丰粮油贸易有限公司', uscc: '91440604MA4UJ8XQ35' /* check character computed */, contact: '何丽', phone: '13800138000',
  email: 'heli@hefeng-grain.example', password: 'Hefeng-grain-2026' };

// ---- helpers ----

// A USCC (GB 32100-2015) with its check character computed from the first 17.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const uscc = (first17) => first17 + USCC_CHARS[(31 - (USCC_WEIGHTS.reduce((a, w, i) => a + USCC_CHARS.indexOf(first17[i]) * w, 0) % 31)) % 31];

async function shoot(page, name) {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// The screen at phone width (where the SME works) and on a desktop, back at phone width after.
async function shootBoth(page, name) {
  await page.setViewportSize(DESKTOP);
  await shoot(page, name);
  await page.setViewportSize(PHONE);
  await shoot(page, `${name}-390`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(what, fn, { timeout = 60_000, every = 500 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await delay(every);
  }
}

// The SMTP sink writes each message as <dir>/<n>.eml.
async function startSink() {
  const port = await freePort();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'assay-e2e-mail-'));
  const script = path.join(repoRoot, 'tests/tools/smtp-sink.py');
  assert.ok(fs.existsSync(script), `the SMTP sink ${script} exists`);
  const child = spawn('python3', [script, '--port', String(port), '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (b) => { log += b; });
  child.stderr.on('data', (b) => { log += b; });
  await waitFor('the SMTP sink to listen', () => new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  }), { timeout: 10_000, every: 100 });
  const messages = () => fs.readdirSync(dir).filter((f) => /^\d+\.eml$/.test(f)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return {
    port, dir, log: () => log, count: () => messages().length,
    // The 6-digit code of the newest message to `to` after the first `after` messages.
    async code(to, after) {
      return waitFor(`a mail with a code to ${to}`, () => {
        const files = messages().slice(after).reverse();
        for (const f of files) {
          const raw = fs.readFileSync(path.join(dir, f), 'utf8');
          if (!raw.toLowerCase().includes(to.toLowerCase())) continue;
          const code = codeIn(raw);
          if (code) return code;
        }
        return null;
      }, { timeout: 30_000, every: 250 });
    },
    async stop() {
      child.kill('SIGTERM');
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

// The 6-digit number in a message's body (its parts decoded from base64 or quoted-printable).
function codeIn(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const bodies = [];
  const partRe = /(?:^|\n)((?:[A-Za-z-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+)\n([\s\S]*?)(?=\n--|$)/g;
  for (const [, headers, body] of text.matchAll(partRe)) {
    const cte = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (cte === 'base64') bodies.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
    else if (cte === 'quoted-printable') bodies.push(Buffer.from(body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (m, x) => String.fromCharCode(parseInt(x, 16))), 'latin1').toString('utf8'));
    else bodies.push(body);
  }
  for (const b of bodies) {
    const m = /(?<![\d-])(\d{6})(?![\d-])/.exec(b);
    if (m) return m[1];
  }
  return null;
}

async function login(baseUrl, username, password = DEMO_PASSWORD) {
  return (await call(baseUrl, null, 'POST', '/api/auth/login', { username, password })).data.token;
}

async function get(baseUrl, token, p) {
  const res = await fetch(baseUrl + p, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, data: await res.json().catch(() => null), etag: res.headers.get('ETag') };
}

// The lab makes its key, asks the platform to enrol, the operator approves, the lab publishes its
// catalogue; resolves once the platform's search finds the lab's lead rows.
async function enrolLab(platformUrl, labUrl) {
  const m = await login(labUrl, 'manager.liu');
  await call(labUrl, m, 'POST', '/api/platform/link/keys', {});
  await call(labUrl, m, 'POST', '/api/platform/link/enrolment', { platform_url: platformUrl, region: '440106', turnaround_days: 7 });
  const op = await login(platformUrl, 'platform.op');
  const pending = await waitFor('the enrolment request on the platform',
    async () => (await call(platformUrl, op, 'GET', '/api/platform/enrolments?state=pending')).data.items.find((x) => x.name === LAB_NAME || x.lab_name === LAB_NAME));
  await call(platformUrl, op, 'POST', `/api/platform/enrolments/${pending.id}/approve`, {});
  await waitFor('the lab to learn it is approved', async () => (await call(labUrl, m, 'GET', '/api/platform/link')).data.state === 'approved');
  await call(labUrl, m, 'POST', '/api/platform/link/publish', {});
  await waitFor('the lab\'s rows in the platform\'s catalogue', async () => {
    const { data } = await call(platformUrl, null, 'GET', `/api/catalogue?q=${encodeURIComponent('铅 大米')}&limit=100`);
    return data.items.filter((r) => r.lab_name === LAB_NAME).length >= 2;
  }, { timeout: 60_000 });
}

// The lab's slow steps through its API, as its people would: receipt, test items with the rice
// specification, assignment to the authorized technician, results, check and approval, the report
// drafted by the manager, the signatory chosen, signed and issued. Resolves to the report's number.
async function testAndReport(labUrl, orderCode) {
  const manager = await login(labUrl, 'manager.liu');
  const tokens = { 李明: await login(labUrl, 'tech.li'), 王芳: await login(labUrl, 'tech.wang') };
  const reviewer = await login(labUrl, 'reviewer.chen');
  const order = (await call(labUrl, manager, 'GET', `/api/orders/${orderCode}`)).data;
  for (const s of order.samples.filter((x) => x.status === 'registered')) {
    const got = await call(labUrl, tokens.李明, 'GET', `/api/samples/${s.code}`);
    await call(labUrl, tokens.李明, 'POST', `/api/samples/${s.code}/receive`, { condition: '密封完好，无破损' }, { 'If-Match': got.etag });
  }
  const specs = (await call(labUrl, manager, 'GET', '/api/register/specifications?limit=500')).data.items;
  const spec = specs.find((x) => /2762/.test(x.name) && x.status !== 'withdrawn') ?? specs[0];
  const items = (await call(labUrl, tokens.李明, 'POST', '/api/testing/items', { order_code: orderCode, ...(spec ? { specification_id: spec.id } : {}) })).data.items;
  assert.equal(items.length, 2, 'two test items: the two lead tests booked');
  for (const item of items) {
    const who = (await call(labUrl, manager, 'GET', `/api/testing/items/${item.id}/assignees?test_date=${labDate(0)}`)).data.items;
    const person = who.find((p) => tokens[p.name.replace(/\s*\(.*$/, '')]) ?? who[0];
    assert.ok(person, `someone may perform item ${item.id}`);
    const got = await call(labUrl, manager, 'GET', `/api/testing/items/${item.id}`);
    await call(labUrl, manager, 'POST', `/api/testing/items/${item.id}/assign`, { user_id: person.user_id, test_date: labDate(0) }, { 'If-Match': got.etag });
    const token = tokens[person.name.replace(/\s*\(.*$/, '')];
    const result = (await call(labUrl, token, 'POST', `/api/testing/items/${item.id}/results`, { value: '0.08' })).data;
    await call(labUrl, reviewer, 'POST', `/api/testing/results/${result.id}/check`);
    await call(labUrl, reviewer, 'POST', `/api/testing/results/${result.id}/approve`);
  }
  const signatory = await login(labUrl, 'signatory.zhao');
  const zhao = (await call(labUrl, signatory, 'GET', '/api/me')).data.user;
  const keyRes = await fetch(`${labUrl}/api/signing/keys`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${signatory}` },
    body: JSON.stringify({ password: DEMO_PASSWORD }) });
  assert.ok(keyRes.ok || keyRes.status === 409, `signing key: HTTP ${keyRes.status}`);
  const created = await call(labUrl, manager, 'POST', '/api/reports', { order_code: orderCode });
  const patched = await call(labUrl, manager, 'PATCH', `/api/reports/${created.data.id}`, { signatory_user_id: zhao.id }, { 'If-Match': created.etag });
  const issued = await call(labUrl, signatory, 'POST', `/api/reports/${created.data.id}/issue`, { password: DEMO_PASSWORD }, { 'If-Match': patched.etag });
  return { number: issued.data.number, id: created.data.id };
}

// The lab amends an issued report at the customer's request (no result changes) and the signatory
// issues the amendment; resolves to its number (<original>-A1).
async function amendReport(labUrl, reportId) {
  const manager = await login(labUrl, 'manager.liu');
  const signatory = await login(labUrl, 'signatory.zhao');
  const draft = (await call(labUrl, manager, 'POST', `/api/reports/${reportId}/amendments`,
    { reason: '应委托方要求更正样品名称', cause: 'customer_request', original_recovered: true, public_notice: false })).data;
  const got = await call(labUrl, signatory, 'GET', `/api/reports/${draft.id}`);
  const issued = await call(labUrl, signatory, 'POST', `/api/reports/${draft.id}/issue`, { password: DEMO_PASSWORD }, { 'If-Match': got.etag });
  return issued.data.number;
}

// Reloads the SME's order page until `ready()` holds (the lab's news reaches the platform over the link).
async function reloadUntil(page, what, ready, timeout = 90_000) {
  await waitFor(what, async () => {
    await page.reload();
    await page.getByTestId('booking-page').waitFor();
    return ready();
  }, { timeout, every: 1000 });
}

async function chineseControls(page) {
  const words = await page.evaluate(() => [...document.querySelectorAll('button, label, th, h1, h2, h3, dt, summary, legend')]
    .filter((el) => el.getClientRects().length && !el.matches('[data-testid=msg-attachment]')).map((el) => { // a file's name is data
      const copy = el.cloneNode(true);
      copy.querySelectorAll('select, option, input, textarea').forEach((x) => x.remove());
      return copy.textContent.trim();
    }));
  return words.filter((x) => /[\u4e00-\u9fff]/.test(x));
}

const text = async (locator) => (await locator.textContent()).trim();

// ---- the journey ----

// A platform (with the SMTP sink) and the demo lab as separate processes, the lab enrolled and its
// catalogue published; fn({page, platformUrl, labUrl, sink}) runs with a browser on the platform.
async function withPlatformAndLab(name, fn) {
  const sink = await startSink();
  const platformDemo = await demoLab({ env: { ASSAY_INSTANCE_ROLE: 'platform', ...FAST, ASSAY_MAIL_SMTP_HOST: '127.0.0.1',
    ASSAY_MAIL_SMTP_PORT: String(sink.port), ASSAY_MAIL_FROM: 'noreply@platform.example' } });
  const labDemo = await demoLab({ env: { ASSAY_INSTANCE_ROLE: 'lab', ...FAST } });
  let lab = null;
  try {
    lab = await startServer({ dir: labDemo.dir, env: labDemo.env });
    // The lab goes offline while `during` runs, then starts again on its data (on another port): its new address.
    const restartLab = async (during) => {
      await lab.stop();
      try {
        await during();
      } finally {
        lab = await startServer({ dir: labDemo.dir, env: labDemo.env });
      }
      return lab.baseUrl;
    };
    await withAssay(name, async ({ page, baseUrl: platformUrl }) => {
      await enrolLab(platformUrl, lab.baseUrl);
      await page.setViewportSize(PHONE);
      await fn({ page, platformUrl, labUrl: lab.baseUrl, sink, restartLab });
    }, { dir: platformDemo.dir, env: platformDemo.env });
  } finally {
    if (lab) {
      const exit = await lab.stop();
      if (exit.code !== 0) process.stderr.write(`lab assayd: exit ${exit.code} ${exit.signal ?? ''}\n${exit.log.slice(-4000)}\n`);
    }
    await labDemo.remove();
    await platformDemo.remove();
    await sink.stop();
  }
}

test('an_sme_registers_books_two_lead_tests_accepts_the_offer_and_downloads_the_verified_report', { timeout: 600_000 }, () =>
  withPlatformAndLab('portal-journey', async ({ page, platformUrl, labUrl, sink }) => {
    const lab = { baseUrl: labUrl };
    // 1. Registration: a USCC with a wrong check character is refused beside its field, then the account is made.
    await page.goto(`${platformUrl}/portal.html#/register`);
    await page.getByTestId('portal-register').waitFor();
    await shootBoth(page, 'portal-register');
    const mailsBefore = sink.count();
    await page.getByTestId('reg-company_name').fill(SME.company);
    await page.getByTestId('reg-uscc').fill(`${SME.uscc.slice(0, 17)}X`);
    await page.getByTestId('reg-contact_name').fill(SME.contact);
    await page.getByTestId('reg-phone').fill(SME.phone);
    await page.getByTestId('reg-email').fill(SME.email);
    await page.getByTestId('reg-password').fill(SME.password);
    await page.getByTestId('reg-password2').fill(SME.password);
    await page.getByTestId('reg-submit').click();
    assert.equal(await text(page.getByTestId('reg-uscc-error')), zh['problem.uscc'], 'the check character, beside the field');
    await page.getByTestId('reg-uscc').fill(SME.uscc);
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('verify-form').waitFor();
    assert.match(await text(page.getByTestId('verify-status')), new RegExp(SME.email.replace(/\./g, '\\.')));
    await shootBoth(page, 'portal-verify');

    // 2. Not verified yet: it may search and pick, but the booking button says why it is disabled.
    await page.getByTestId('portal-nav-search').click();
    await page.getByTestId('portal-unverified').waitFor();
    await page.getByTestId('cat-q').fill('铅 大米');
    await page.getByTestId('cat-submit').click();
    await page.getByTestId('cat-row').first().waitFor();
    const ours = page.getByTestId('cat-row').filter({ hasText: LAB_NAME });
    assert.equal(await ours.count(), 2, 'the lab offers lead in rice by two methods');
    await ours.nth(0).getByTestId('cat-pick').check();
    // One lab per booking: the other labs' rows cannot be ticked now.
    const others = page.getByTestId('cat-row').filter({ hasNotText: LAB_NAME });
    assert.ok(await others.count() > 0, 'other labs are found too');
    assert.ok(await others.first().getByTestId('cat-pick').isDisabled(), 'another lab\'s row cannot join the booking');
    await page.getByTestId('cart-one-lab').waitFor();
    await ours.nth(1).getByTestId('cat-pick').check();
    assert.equal(await text(page.getByTestId('portal-cart-count')), '2');
    await shootBoth(page, 'portal-search');
    await page.getByTestId('cart-book').click();
    await page.getByTestId('book-form').waitFor();
    assert.ok(await page.getByTestId('book-submit').isDisabled(), 'no booking before the e-mail is verified');
    assert.equal(await text(page.getByTestId('book-why')), `${zh['portal.book.whyDisabled']} ${zh['portal.unverified.action']}`);
    await shootBoth(page, 'portal-book-unverified');

    // 3. The code from the mail: a wrong one is refused beside the field, the right one verifies.
    await page.getByTestId('book-verify-link').click();
    await page.getByTestId('verify-form').waitFor();
    const code = await sink.code(SME.email, mailsBefore);
    // A new code so soon after the first is refused, and said so.
    await page.getByTestId('verify-resend').click();
    await page.getByTestId('verify-error').waitFor();
    assert.match(await text(page.getByTestId('verify-error')), new RegExp(zh['portal.verify.tooSoon'].replace('{s}', '\\d+')));
    await page.getByTestId('verify-code').fill(code === '000000' ? '111111' : '000000');
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-code-error').waitFor();
    await page.getByTestId('verify-code').fill(code);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('book-form').waitFor(); // back to the booking, the cart kept
    assert.equal(await page.getByTestId('portal-unverified').count(), 0, 'no banner once verified');
    assert.equal(await page.getByTestId('cart-item').count(), 2);

    // 4. The samples, the report requirements, the courier; the live quote of the two tests.
    await page.getByTestId('book-submit').click();
    assert.equal(await text(page.getByTestId('bk-s0-name-error')), zh['problem.required'], 'the sample\'s name is asked for');
    await page.getByTestId('bk-s0-name').fill('东北大米');
    await page.getByTestId('bk-s0-category').fill('粮食及其制品');
    await page.getByTestId('bk-s0-brand').fill('禾丰');
    await page.getByTestId('bk-s0-batch_no').fill('20261128');
    await page.getByTestId('bk-s0-manufacturer').fill('五常市禾丰米业有限公司');
    await page.getByTestId('bk-s0-quantity').fill('2');
    await page.getByTestId('bk-mark-cnas').check();
    await page.getByTestId('bk-language').selectOption('bilingual');
    await page.getByTestId('bk-delivery-courier').check();
    await page.getByTestId('bk-carrier').fill('顺丰速运');
    await page.getByTestId('bk-tracking_no').fill('SF1234567890123');
    await page.getByTestId('quote-line').nth(1).waitFor();
    assert.equal(await page.getByTestId('quote-line').count(), 2, 'a line per test of the sample');
    assert.equal(await text(page.getByTestId('quote-total')), zh['portal.book.total'].replace('{total}', '240.00'));
    await shootBoth(page, 'portal-book');
    // The first answer is lost on the way back (the booking is made): sent again, the same key makes nothing new.
    const keys = [];
    await page.route('**/api/portal/bookings', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length > 1) return route.fallback();
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByTestId('book-submit').click();
    await page.getByTestId('book-error').filter({ hasText: zh['error.network'] }).waitFor();
    await page.getByTestId('book-submit').click();
    await page.getByTestId('booking-submitted').waitFor();
    await page.unroute('**/api/portal/bookings');
    assert.equal(keys.length, 2);
    assert.match(keys[0], /^[0-9a-f-]{36}$/);
    assert.equal(keys[1], keys[0], 'the retry sends the same Idempotency-Key');
    assert.equal(await page.getByTestId('booking-status').getAttribute('data-status'), 'submitted');
    assert.equal(await text(page.getByTestId('booking-lab')), LAB_NAME);
    const bookingUrl = page.url();
    await shootBoth(page, 'portal-order-submitted');

    // 5. The booking reaches the lab's intake as an order waiting for contract review.
    await reloadUntil(page, 'the lab to book the order', async () => (await page.getByTestId('booking-status').getAttribute('data-status')) === 'booked');
    const orderCode = await text(page.getByTestId('booking-code'));
    assert.match(orderCode, /^[A-Z0-9]+$/, `the lab's order code: ${orderCode}`);

    // 6. The lab's manager, in the lab's own UI: the 平台 badge, the panel, the review, the offer with a later due date.
    const labPage = await page.context().newPage();
    await labPage.setViewportSize(DESKTOP);
    await labPage.goto(lab.baseUrl);
    await labPage.getByTestId('username').fill('manager.liu');
    await labPage.getByTestId('password').fill(DEMO_PASSWORD);
    await labPage.getByTestId('login-submit').click();
    await labPage.getByTestId('logout').waitFor();
    await labPage.goto(`${lab.baseUrl}/#/intake/orders`);
    const orderRow = labPage.getByTestId('order-row').filter({ hasText: orderCode });
    await orderRow.waitFor();
    assert.equal(await text(orderRow.getByTestId('order-source-platform')), zh['intake.platform.badge']);
    await orderRow.getByTestId('order-open').click();
    await labPage.getByTestId('pf-panel').waitFor();
    assert.equal(await text(labPage.getByTestId('pf-company')), SME.company);
    assert.match(await text(labPage.getByTestId('pf-delivery')), /SF1234567890123/);
    await labPage.getByTestId('order-review').click();
    await labPage.getByTestId('pf-offer').click();
    const due = labDate(14);
    await labPage.getByTestId('pf-offer-due').fill(due);
    await labPage.getByTestId('pf-offer-note').fill('两种方法同时测定，完成日期顺延至 14 天。');
    await labPage.getByTestId('pf-offer-submit').click();
    await labPage.getByTestId('pf-notice').filter({ hasText: zh['intake.platform.offer.sent'] }).waitFor();
    assert.equal(await text(labPage.getByTestId('pf-offer-due')), due);
    assert.equal(await text(labPage.getByTestId('pf-status')), zh['intake.platform.status.offered']);
    assert.ok(await labPage.getByTestId('order-accept').isDisabled(), 'the SME\'s answer accepts the order, not the lab by hand');
    await labPage.getByTestId('pf-accept-hint').waitFor();
    await labPage.getByTestId('pf-msg-text').fill('请随样品附上生产日期证明。');
    await labPage.getByTestId('pf-msg-file').setInputFiles({ name: '送样须知.txt', mimeType: 'text/plain', buffer: Buffer.from('每份样品不少于 500 g，密封包装。\n') });
    await labPage.getByTestId('pf-msg-send').click();
    await labPage.locator('[data-testid=msg][data-from=lab]').waitFor();
    await shoot(labPage, 'lab-platform-panel');
    await labPage.setViewportSize(PHONE);
    await shoot(labPage, 'lab-platform-panel-390');

    // 7. The SME sees the offer with the lab's due date and its message, and accepts.
    await page.goto(bookingUrl);
    await reloadUntil(page, 'the offer on the platform', async () => (await page.getByTestId('booking-status').getAttribute('data-status')) === 'offered');
    assert.equal(await text(page.getByTestId('offer-due')), due, 'the due date the lab offered');
    assert.equal(await text(page.getByTestId('booking-status')), zh['portal.status.offered']);
    await reloadUntil(page, 'the lab\'s message', async () => (await page.locator('[data-testid=msg][data-from=lab]').count()) === 1);
    assert.match(await text(page.locator('[data-testid=msg][data-from=lab] [data-testid=msg-attachment]')), /送样须知\.txt/);
    const [labFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('msg-attachment').click()]);
    assert.equal(labFile.suggestedFilename(), '送样须知.txt');
    await shootBoth(page, 'portal-offer');
    for (const box of await page.locator('[data-testid^=offer-accept-]').all()) await box.check(); // items outside the scope, if any
    await page.getByTestId('offer-accept').click();
    await page.getByTestId('booking-notice').filter({ hasText: zh['portal.offer.accepted'] }).waitFor();
    // Confirmed at once; accepted once the lab instance has accepted the order.
    assert.ok(['confirmed', 'accepted'].includes(await page.getByTestId('booking-status').getAttribute('data-status')));
    await page.getByTestId('msg-text').fill('已寄出，顺丰单号见预约单。');
    await page.getByTestId('msg-file').setInputFiles({ name: '生产日期证明.txt', mimeType: 'text/plain', buffer: Buffer.from('生产日期 2026-11-28\n') });
    await page.getByTestId('msg-send').click();
    await page.getByTestId('booking-notice').filter({ hasText: zh['portal.msg.sent'] }).waitFor();
    assert.equal(await page.locator('[data-testid=msg][data-from=sme]').count(), 1);

    // 8. The lab: the order accepted by the SME's answer; receipt, testing and the report (API).
    const m = await login(lab.baseUrl, 'manager.liu');
    await waitFor('the order accepted at the lab', async () => (await call(lab.baseUrl, m, 'GET', `/api/orders/${orderCode}`)).data.status === 'accepted', { timeout: 90_000, every: 1000 });
    await waitFor('the SME\'s message at the lab', async () => (await get(lab.baseUrl, m, `/api/platform/orders/${orderCode}`)).data?.messages?.some((x) => x.from === 'sme'),
      { timeout: 90_000, every: 1000 });
    await labPage.reload();
    await labPage.getByTestId('pf-answer').waitFor();
    // The SME's message and its attachment, in the lab's panel.
    const smeMessage = labPage.locator('[data-testid=msg][data-from=sme]');
    assert.equal(await text(smeMessage.getByTestId('msg-body')), '已寄出，顺丰单号见预约单。');
    const [smeFile] = await Promise.all([labPage.waitForEvent('download'), smeMessage.getByTestId('msg-attachment').click()]);
    assert.equal(smeFile.suggestedFilename(), '生产日期证明.txt');
    assert.equal(await fs.promises.readFile(await smeFile.path(), 'utf8'), '生产日期 2026-11-28\n');
    assert.match(await text(labPage.getByTestId('pf-answer')), new RegExp(`${SME.contact}.*已确认报价.*${due}`), 'the SME\'s answer, by name, with the due date');
    assert.equal((await call(lab.baseUrl, m, 'GET', `/api/orders/${orderCode}`)).data.due_date, due, 'the order is due when the offer said');
    const { number, id: reportId } = await testAndReport(lab.baseUrl, orderCode);

    // 9. The report reaches the SME: downloaded as the signed PDF, verified on the platform.
    await reloadUntil(page, 'the report on the platform', async () => (await page.getByTestId('report-row').count()) === 1, 120_000);
    assert.equal(await text(page.getByTestId('report-number')), number);
    assert.equal(await page.getByTestId('booking-status').getAttribute('data-status'), 'reported');
    assert.equal(await text(page.getByTestId('booking-due')), due);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
    const pdf = await fs.promises.readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'the download is a PDF');
    assert.match(download.suggestedFilename(), /\.pdf$/);
    await page.getByTestId('disclosure').check();
    await page.getByTestId('disclosure-saved').filter({ hasText: zh['portal.report.consentOn'] }).waitFor();
    assert.ok(await page.locator('[data-testid=timeline-event]').count() >= 3, 'the timeline shows the steps');
    await shootBoth(page, 'portal-order-reported');
    const [verifyPage] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('report-verify').click()]);
    await verifyPage.getByTestId('pv-status').waitFor({ timeout: 30_000 });
    assert.equal(await text(verifyPage.getByTestId('pv-status')), zh['catalogue.verify.status.valid']);
    assert.equal(await text(verifyPage.getByTestId('pv-number')), number);
    assert.equal(await text(verifyPage.getByTestId('pv-lab')), LAB_NAME);
    assert.equal(await text(verifyPage.getByTestId('pv-customer')), SME.company, 'the company is named: it consented (R38)');
    // The downloaded PDF itself is the one the platform holds.
    await verifyPage.getByTestId('pv-pdf-input').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: pdf });
    assert.equal(await text(verifyPage.getByTestId('pv-pdf-verdict')), zh['catalogue.verify.pdfMatch']);
    await verifyPage.setViewportSize(PHONE);
    await shoot(verifyPage, 'portal-report-verified-390');
    await verifyPage.close();

    // 10. The lab amends the report: the SME is told, the amendment is current and the original replaced.
    const amended = await amendReport(lab.baseUrl, reportId);
    await reloadUntil(page, 'the amendment on the platform', async () => (await page.getByTestId('report-row').count()) === 2, 120_000);
    const original = page.locator(`[data-testid=report-row][data-number="${number}"]`);
    const amendment = page.locator(`[data-testid=report-row][data-number="${amended}"]`);
    assert.equal(await original.getByTestId('report-status').textContent(), zh['portal.report.replaced']);
    assert.equal(await amendment.getByTestId('report-status').textContent(), zh['portal.report.current']);
    assert.match(await text(amendment), new RegExp(zh['portal.report.amends'].replace('{number}', number)));
    assert.match(await text(original), new RegExp(zh['portal.report.replacedBy'].replace('{number}', amended)));
    // The SME is told in the timeline.
    assert.match(await text(page.locator('[data-testid=timeline-event][data-kind=report_amended]')),
      new RegExp(`${zh['portal.event.report_amended']}.*${amended}`));
    await shootBoth(page, 'portal-order-amended');

    // 11. My orders and the account; the order page in English has no Chinese controls.
    await page.getByTestId('portal-nav-orders').click();
    const row = page.getByTestId('booking-row').first();
    await row.waitFor();
    assert.equal(await page.getByTestId('booking-row').count(), 1, 'one booking, though it was sent twice');
    assert.equal(await row.getByTestId('booking-row-status').getAttribute('data-status'), 'reported');
    assert.match(await text(row), new RegExp(orderCode));
    await shootBoth(page, 'portal-orders');
    await page.getByTestId('portal-nav-account').click();
    await page.getByTestId('account-facts').waitFor();
    assert.equal(await text(page.getByTestId('account-uscc')), SME.uscc);
    await page.getByTestId('invite-form').waitFor(); // the registering user owns the account
    await shootBoth(page, 'portal-account');
    await page.goto(bookingUrl);
    await page.getByTestId('booking-page').waitFor();
    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('booking-status').filter({ hasText: en['portal.status.reported'] }).waitFor();
    assert.deepEqual(await chineseControls(page), [], 'no Chinese in the English page\'s controls');
    await shootBoth(page, 'portal-order-en');
    for (const [nav, ready] of [['orders', 'bookings-table'], ['account', 'account-facts'], ['search', 'cat-search']]) {
      await page.getByTestId(`portal-nav-${nav}`).click();
      await page.getByTestId(ready).waitFor();
      assert.deepEqual(await chineseControls(page), [], `no Chinese in the English ${nav} page's controls`);
    }
    await page.getByTestId('cat-q').fill('铅 大米');
    await page.getByTestId('cat-submit').click();
    await page.getByTestId('cat-row').first().waitFor();
    assert.deepEqual(await chineseControls(page), [], 'no Chinese in the English search results\' controls');
  }));

// An SME made through the API (registered, the code from the sink, verified); resolves to its token.
async function smeByApi(platformUrl, sink, sme) {
  const before = sink.count();
  await call(platformUrl, null, 'POST', '/api/portal/accounts', { company_name: sme.company, uscc: sme.uscc, contact_name: sme.contact, phone: sme.phone,
    email: sme.email, password: sme.password });
  const token = await login(platformUrl, sme.email, sme.password);
  await call(platformUrl, token, 'POST', '/api/portal/email/verify', { code: await sink.code(sme.email, before) });
  return token;
}

async function uiLogin(page, platformUrl, email, password) {
  await page.goto(`${platformUrl}/portal.html#/login`);
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('portal-logout').waitFor();
}

async function uiLogout(page) {
  await page.getByTestId('portal-logout').click();
  await page.getByTestId('login-notice').filter({ hasText: zh['portal.login.loggedOut'] }).waitFor();
}

async function labLogin(page, labUrl) {
  await page.goto(labUrl);
  await page.getByTestId('username').fill('manager.liu');
  await page.getByTestId('password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

test('the_lab_asks_about_a_deviation_and_declines_a_booking_a_colleague_joins_the_password_is_reset_and_another_sme_sees_nothing', { timeout: 600_000 }, () =>
  withPlatformAndLab('portal-answers', async ({ page, platformUrl, labUrl: firstLabUrl, sink, restartLab }) => {
    const owner = await smeByApi(platformUrl, sink, SME);
    const { data: found } = await call(platformUrl, null, 'GET', `/api/catalogue?q=${encodeURIComponent('铅 大米')}&limit=100`);
    const row = found.items.find((r) => r.lab_name === LAB_NAME);
    const book = async (name) => (await call(platformUrl, owner, 'POST', '/api/portal/bookings', {
      lab_id: String(row.lab_id), samples: [{ name, category: '粮食及其制品', quantity: '1', unit: 'kg', items: [String(row.row_key ?? row.row_id)] }],
      report: { marks: ['CMA'], language: 'zh', decision_rule: 'simple', uncertainty: false, remains: 'return' }, delivery: { method: 'drop_off' },
    }, { 'Idempotency-Key': crypto.randomUUID() })).data;
    // The lab is offline while the SME books: the booking waits on the platform, and the SME is told so.
    let first = null;
    const labUrl = await restartLab(async () => {
      first = await book('东北大米');
      await uiLogin(page, platformUrl, SME.email, SME.password);
      await page.goto(`${platformUrl}/portal.html#/orders/${first.id}`);
      await page.getByTestId('booking-page').waitFor();
      assert.equal(await page.getByTestId('booking-status').getAttribute('data-status'), 'submitted');
      assert.equal(await text(page.getByTestId('booking-next')), zh['portal.next.submitted']);
      await shootBoth(page, 'portal-order-waiting');
      await uiLogout(page);
    });
    assert.notEqual(labUrl, firstLabUrl);
    const second = await book('珍珠米');
    const third = await book('糙米');
    const codeOf = (id) => waitFor(`booking ${id} to become an order`, async () => (await call(platformUrl, owner, 'GET', `/api/portal/bookings/${id}`)).data.order_code);
    const [firstCode, secondCode] = [await codeOf(first.id), await codeOf(second.id)];

    // The lab asks about the first sample's deviation, and declines the second booking (not without a reason).
    const labPage = await page.context().newPage();
    await labPage.setViewportSize(DESKTOP);
    await labLogin(labPage, labUrl);
    await labPage.goto(`${labUrl}/#/intake/orders/${firstCode}`);
    await labPage.getByTestId('pf-panel').waitFor();
    await labPage.getByTestId('pf-question').click();
    const deviation = '样品包装破损，部分米粒受潮结块';
    await labPage.getByTestId('pf-question-deviation').fill(deviation);
    await labPage.getByTestId('pf-question-submit').click();
    await labPage.getByTestId('pf-notice').filter({ hasText: zh['intake.platform.question.asked'] }).waitFor();
    assert.equal(await text(labPage.getByTestId('pf-question-answer')), zh['intake.platform.question.waiting']);
    await labPage.goto(`${labUrl}/#/intake/orders/${secondCode}`);
    await labPage.getByTestId('pf-panel').waitFor();
    await labPage.getByTestId('pf-decline').click();
    await labPage.getByTestId('pf-decline-confirm').click();
    assert.equal(await text(labPage.getByTestId('pf-decline-reason-error')), zh['problem.required'], 'a reason is asked for, beside the field');
    const reason = '本实验室近期仪器检修，无法按期完成，请选择其他机构';
    await labPage.getByTestId('pf-decline-reason').fill(reason);
    await labPage.getByTestId('pf-decline-confirm').click();
    await labPage.getByTestId('pf-notice').filter({ hasText: zh['intake.platform.decline.done'] }).waitFor();
    assert.equal(await text(labPage.getByTestId('pf-decline-reason')), reason);
    assert.match(await text(labPage.getByTestId('order-status')), new RegExp(zh['intake.orderStatus.cancelled']), 'declining cancels the order');
    await shoot(labPage, 'lab-platform-declined');

    // From the public catalogue's search to the portal: the same search, its rows ready to pick.
    await page.goto(`${platformUrl}/catalogue.html`);
    await page.getByTestId('cat-q').fill('铅 大米');
    await page.getByTestId('cat-submit').click();
    await page.getByTestId('cat-row').first().waitFor();
    await page.getByTestId('cat-portal').click();
    await page.getByTestId('portal-search-title').waitFor();
    await page.getByTestId('cat-pick').first().waitFor();
    assert.equal(await page.getByTestId('cat-q').inputValue(), '铅 大米');

    // The SME answers the question (proceed) and reads the refusal.
    await page.goto(`${platformUrl}/portal.html#/login`);
    await page.getByTestId('login-form').waitFor();
    await shootBoth(page, 'portal-login');
    await uiLogin(page, platformUrl, SME.email, SME.password);
    await page.getByTestId('bookings-table').waitFor();
    assert.equal(await page.getByTestId('booking-row').count(), 3);
    await page.goto(`${platformUrl}/portal.html#/orders/${first.id}`);
    await reloadUntil(page, 'the lab\'s question', async () => (await page.getByTestId('question').count()) === 1);
    assert.equal(await text(page.getByTestId('question-text')), deviation);
    await shootBoth(page, 'portal-question');
    await page.getByTestId('question-proceed').click();
    await page.getByTestId('booking-notice').filter({ hasText: zh['portal.question.answered'] }).waitFor();
    assert.match(await text(page.getByTestId('question-answer')), new RegExp(zh['portal.question.proceed']));
    await page.goto(`${platformUrl}/portal.html#/orders/${second.id}`);
    await reloadUntil(page, 'the refusal', async () => (await page.getByTestId('booking-status').getAttribute('data-status')) === 'declined');
    assert.equal(await text(page.getByTestId('booking-decline-reason')), reason);
    assert.equal(await page.getByTestId('offer-accept').count(), 0);
    await shootBoth(page, 'portal-declined');
    // The SME cancels the third booking itself, with a reason.
    await page.goto(`${platformUrl}/portal.html#/orders/${third.id}`);
    await page.getByTestId('booking-page').waitFor();
    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-reason').fill('样品已送其他机构检测');
    await page.getByTestId('booking-cancel-confirm').click();
    await page.getByTestId('booking-notice').filter({ hasText: zh['portal.order.cancelled'] }).waitFor();
    assert.equal(await page.getByTestId('booking-status').getAttribute('data-status'), 'cancelled');
    assert.equal(await page.getByTestId('booking-cancel').count(), 0, 'nothing more to cancel');
    // The lab sees the answer.
    await labPage.goto(`${labUrl}/#/intake/orders/${firstCode}`);
    await waitFor('the SME\'s answer at the lab', async () => {
      await labPage.reload();
      await labPage.getByTestId('pf-panel').waitFor();
      return (await text(labPage.getByTestId('pf-question-answer'))) === zh['portal.question.proceed'];
    }, { timeout: 60_000, every: 1000 });

    // The owner invites a colleague, who joins with the mailed code and sees the company's orders.
    await page.getByTestId('portal-nav-account').click();
    const colleague = { name: '张伟', email: 'zhangwei@hefeng-grain.example', password: 'Zhangwei-pw-2026' };
    const beforeInvite = sink.count();
    await page.getByTestId('invite-name').fill(colleague.name);
    await page.getByTestId('invite-email').fill(colleague.email);
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('invite-done').waitFor();
    const inviteCode = await sink.code(colleague.email, beforeInvite);
    await uiLogout(page);
    await page.getByTestId('login-join').click();
    await page.getByTestId('join-email').fill(colleague.email);
    await page.getByTestId('join-code').fill(inviteCode);
    await page.getByTestId('join-name').fill(colleague.name);
    await page.getByTestId('join-password').fill(colleague.password);
    await shootBoth(page, 'portal-join');
    await page.getByTestId('join-submit').click();
    await page.getByTestId('bookings-table').waitFor();
    assert.equal(await page.getByTestId('booking-row').count(), 3, 'the colleague sees the company\'s orders');
    assert.equal(await text(page.getByTestId('portal-user')), colleague.name);
    await page.getByTestId('portal-nav-account').click();
    await page.getByTestId('account-facts').waitFor();
    assert.equal(await page.getByTestId('member-row').count(), 2);
    assert.equal(await page.getByTestId('invite-form').count(), 0, 'only the owner invites');
    await uiLogout(page);

    // The owner forgot the password: a code by mail, a new password, then a login with it.
    await page.getByTestId('login-reset').click();
    const beforeReset = sink.count();
    await page.getByTestId('reset-email').fill(SME.email);
    await page.getByTestId('reset-send').click();
    await page.getByTestId('reset-sent').waitFor();
    const resetCode = await sink.code(SME.email, beforeReset);
    await page.getByTestId('reset-code').fill(resetCode);
    await page.getByTestId('reset-password').fill('Hefeng-new-pw-2026');
    await shootBoth(page, 'portal-reset');
    await page.getByTestId('reset-confirm').click();
    await page.getByTestId('login-notice').filter({ hasText: zh['portal.reset.done'] }).waitFor();
    await page.getByTestId('login-email').fill(SME.email);
    await page.getByTestId('login-password').fill(SME.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor(); // the old password no longer works
    await uiLogin(page, platformUrl, SME.email, 'Hefeng-new-pw-2026');
    await uiLogout(page);

    // Another company's user: the first SME's order is not there for it, in the page or by the API.
    const other = { company: '江门市示例食品有限公司', uscc: uscc('91440703MA4X8K2L1'), contact: '陈晨', phone: '13900139000',
      email: 'chen@jm-food.example', password: 'Jiangmen-food-2026' };
    const otherToken = await smeByApi(platformUrl, sink, other);
    assert.equal((await get(platformUrl, otherToken, `/api/portal/bookings/${first.id}`)).status, 404);
    // It logs in on the platform's staff login by mistake: an SME's account goes to the portal.
    await page.goto(platformUrl);
    await page.getByTestId('username').fill(other.email);
    await page.getByTestId('password').fill(other.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/portal\.html/);
    await page.getByTestId('bookings-none').waitFor();
    await page.goto(`${platformUrl}/portal.html#/orders/${first.id}`);
    await page.getByTestId('booking-not-found').waitFor();
    await shootBoth(page, 'portal-not-found');
  }));

test('on_one_instance_that_is_lab_and_platform_the_manager_and_an_sme_are_signed_in_side_by_side', { timeout: 300_000 }, async () => {
  const demo = await demoLab({ env: { ASSAY_INSTANCE_ROLE: 'both', ...FAST } });
  try {
    await withAssay('portal-one-instance', async ({ page, baseUrl }) => {
      await labLogin(page, baseUrl);
      // Without an SMTP server the codes are written to <data.dir>/mail/.
      const mailDir = path.join(demo.dir, 'mail');
      const mailCode = (to) => waitFor(`a code to ${to} in ${mailDir}`, () => {
        const files = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [];
        const hits = files.map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8')).filter((raw) => raw.includes(to));
        return hits.length ? codeIn(hits[hits.length - 1]) : null;
      }, { timeout: 30_000, every: 250 });
      const portal = await page.context().newPage();
      await portal.setViewportSize(PHONE);
      await portal.goto(`${baseUrl}/portal.html#/register`);
      for (const [field, value] of [['company_name', SME.company], ['uscc', SME.uscc], ['contact_name', SME.contact], ['phone', SME.phone],
        ['email', SME.email], ['password', SME.password], ['password2', SME.password]]) await portal.getByTestId(`reg-${field}`).fill(value);
      await portal.getByTestId('reg-submit').click();
      await portal.getByTestId('verify-code').fill(await mailCode(SME.email));
      await portal.getByTestId('verify-submit').click();
      await portal.getByTestId('portal-search-title').waitFor();
      assert.equal(await portal.getByTestId('portal-unverified').count(), 0);
      // The manager's session in the lab's pages is untouched by the SME's.
      await page.reload();
      await page.getByTestId('logout').waitFor();
      assert.match(await text(page.getByTestId('current-user')), /刘洋/);
      await portal.reload();
      await portal.getByTestId('portal-logout').waitFor();
      assert.equal(await text(portal.getByTestId('portal-user')), SME.contact);
    }, demo);
  } finally {
    await demo.remove();
  }
});
