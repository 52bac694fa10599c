// Browser test of login against a real assayd: the admin reaches the dashboard; a wrong password does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { ADMIN_PASSWORD } from './support/server.mjs';

const zh = strings('zh-CN');
const en = strings('en');

async function login(page, baseUrl, password) {
  await page.goto(baseUrl);
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('username').fill('admin');
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('admin_logs_in_and_sees_dashboard', { timeout: 120_000 }, () =>
  withAssay('admin_logs_in_and_sees_dashboard', async ({ page, baseUrl, screenshot }) => {
    await login(page, baseUrl, ADMIN_PASSWORD);

    const heading = page.getByTestId('dashboard');
    await heading.waitFor();
    assert.equal((await heading.textContent()).trim(), zh['dashboard.title'], 'zh-CN is the default language');
    assert.match(await page.getByTestId('current-user').textContent(), /admin/i);
    assert.ok(await page.getByTestId('nav-audit').isVisible(), 'admin sees audit');
    assert.ok(await page.getByTestId('nav-users').isVisible(), 'admin sees users');
    assert.equal(await page.getByTestId('nav-testing').count(), 0, 'admin does not see testing');
    await page.getByTestId('health-status').filter({ hasText: zh['dashboard.healthOk'] }).waitFor();
    assert.notEqual((await page.getByTestId('health-version').textContent()).trim(), '');

    await page.getByTestId('lang-switch').selectOption('en');
    await heading.filter({ hasText: en['dashboard.title'] }).waitFor();
    assert.equal((await page.getByTestId('nav-audit').textContent()).trim(), en['nav.audit']);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    // A reload keeps the session (localStorage token, GET /api/me) and the language (localStorage).
    await page.reload();
    await page.getByTestId('dashboard').filter({ hasText: en['dashboard.title'] }).waitFor();
    await page.getByTestId('health-status').filter({ hasText: en['dashboard.healthOk'] }).waitFor();

    await screenshot('dashboard.png');
  }));

test('wrong_password_shows_error_and_no_dashboard', { timeout: 120_000 }, () =>
  withAssay('wrong_password_shows_error_and_no_dashboard', async ({ page, baseUrl, screenshot }) => {
    await login(page, baseUrl, `${ADMIN_PASSWORD}-wrong`);

    const error = page.getByTestId('login-error');
    await error.waitFor({ state: 'visible' });
    const text = (await error.textContent()).trim();
    // The server's catalogued answer, in Chinese, said once (not a second, UI-made summary beside it).
    assert.equal(text, '用户名或密码错误', `a 401 is shown as bad credentials, once, got: ${text}`);
    assert.equal(await page.getByTestId('dashboard').count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('assay.token')), null);

    await screenshot('login-error.png');
  }));
