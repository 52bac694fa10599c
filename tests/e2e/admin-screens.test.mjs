// Browser tests of the screens that were API-only: users and organizations (用户与机构) for the
// administrator; staff with authorizations and signatories, equipment calibrations and intermediate
// checks, and reference materials for the manager. Every form is first sent with bad input: each
// problem must appear beside its own field, in Chinese, before the good input is saved and listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { ADMIN_PASSWORD } from './support/server.mjs';
import { leadLab } from './support/lab.mjs';
import { labDate } from './support/api.mjs';

const zh = strings('zh-CN');
const fill = (key, params) => zh[key].replace(/\{(\w+)\}/g, (m, k) => String(params[k]));

async function signIn(page, baseUrl, username, password) {
  await page.goto(baseUrl);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

// The problem shown beside a form's field (and the field marked invalid), in Chinese.
async function problemOf(page, form, field) {
  const problem = page.getByTestId(`${form}-${field}-problem`);
  await problem.waitFor();
  assert.equal(await page.getByTestId(`${form}-${field}`).getAttribute('aria-invalid'), 'true', `${form}.${field} is marked invalid`);
  const text = (await problem.textContent()).trim();
  assert.doesNotMatch(text, /[A-Za-z]{4,}/, `${form}.${field}: no English in "${text}"`);
  return text;
}

// No English sentence from the server anywhere on the page (data such as GB 5009.12 or CMA is fine).
async function noEnglish(page, where) {
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /\b(must|required|invalid|not found|already|the|is|was|failed)\b/i, `English text on ${where}`);
}

async function noProblem(page, form, field) {
  assert.equal(await page.getByTestId(`${form}-${field}-problem`).isVisible(), false, `${form}.${field} has no problem`);
}

test('admin_registers_a_customer_and_creates_a_user_with_a_role_and_an_organization', { timeout: 180_000 }, () =>
  withAssay('admin_registers_a_customer_and_creates_a_user_with_a_role_and_an_organization', async ({ page, baseUrl, screenshot }) => {
    await leadLab(baseUrl, []);
    await signIn(page, baseUrl, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users').waitFor();
    assert.equal((await page.getByTestId('users').textContent()).trim(), zh['nav.users']);
    await page.locator('[data-testid=user-row][data-username="manager.liu"]').waitFor();
    assert.equal(await page.locator('[data-testid=user-row][data-username="admin"]').getByTestId('user-toggle').count(), 0,
      'the administrator cannot disable their own account');

    // Organizations: an empty form, then a bad USCC and a lower-case code; then a code already used (the server's 409).
    await page.getByTestId('users-tab-organizations').click();
    await page.getByTestId('org-create').waitFor();
    await page.getByTestId('org-create-submit').click();
    assert.equal(await problemOf(page, 'org-create', 'name'), zh['problem.required']);
    assert.equal(await problemOf(page, 'org-create', 'uscc'), zh['problem.required']);
    assert.equal((await page.getByTestId('org-create-error').textContent()).trim(), fill('form.fix', { n: 2 }));
    await page.getByTestId('org-create-kind').selectOption('customer');
    await page.getByTestId('org-create-name').fill('广州市天河区示例餐饮有限公司');
    await page.getByTestId('org-create-uscc').fill('91440106MA9UKX7Q0X');
    await page.getByTestId('org-create-code').fill('th');
    await page.getByTestId('org-create-submit').click();
    assert.equal(await problemOf(page, 'org-create', 'uscc'), zh['problem.uscc']);
    assert.equal(await problemOf(page, 'org-create', 'code'), zh['problem.orgCode']);
    await noProblem(page, 'org-create', 'name');
    await page.getByTestId('org-create-uscc').fill('91440106MA9UKX7Q0G');
    await page.getByTestId('org-create-code').fill('GDQT');
    await page.getByTestId('org-create-submit').click();
    assert.equal(await problemOf(page, 'org-create', 'code'), zh['problem.codeTaken'], 'the server\'s conflict is shown beside the code');
    await page.getByTestId('org-create-code').fill('');
    await page.getByTestId('org-create-address').fill('广州市天河区示例路 8 号');
    await page.getByTestId('org-create-submit').click();
    await page.getByTestId('org-create-ok').waitFor();
    assert.equal((await page.getByTestId('org-create-ok').textContent()).trim(), fill('org.created', { name: '广州市天河区示例餐饮有限公司' }));
    const orgRow = page.getByTestId('org-row').filter({ hasText: '广州市天河区示例餐饮有限公司' });
    assert.match(await orgRow.textContent(), /91440106MA9UKX7Q0G/);
    assert.match(await orgRow.textContent(), new RegExp(zh['org.kind.customer']));
    assert.equal(await page.getByTestId('org-create-name').inputValue(), '', 'the form is cleared after the save');
    // The customer moved: its address is corrected in place (its USCC and code never change); deactivating needs a reason.
    await orgRow.getByTestId('org-edit').click();
    await page.getByTestId('org-edit-address').fill('广州市天河区新址路 18 号');
    await page.getByTestId('org-edit-submit').click();
    await page.getByTestId('org-message').filter({ hasText: fill('org.saved', { name: '广州市天河区示例餐饮有限公司' }) }).waitFor();
    assert.match(await orgRow.textContent(), /新址路 18 号/);
    await orgRow.getByTestId('org-toggle').click();
    await page.getByTestId('org-active-submit').click();
    assert.equal(await problemOf(page, 'org-active', 'reason'), zh['problem.required']);
    await page.getByTestId('org-active-cancel').click();
    await noEnglish(page, 'admin-organizations');
    await screenshot('admin-organizations.png');

    // Users: every problem at once, then a technician of the lab.
    await page.getByTestId('users-tab-users').click();
    await page.getByTestId('user-create').waitFor();
    await page.getByTestId('user-create-username').fill('Zhang Wei');
    await page.getByTestId('user-create-password').fill('short');
    await page.getByTestId('user-create-submit').click();
    assert.equal(await problemOf(page, 'user-create', 'username'), zh['problem.username']);
    assert.equal(await problemOf(page, 'user-create', 'display_name'), zh['problem.required']);
    assert.equal(await problemOf(page, 'user-create', 'password'), zh['problem.passwordShort']);
    assert.equal(await problemOf(page, 'user-create', 'roles'), zh['problem.chooseOne']);
    assert.equal(await problemOf(page, 'user-create', 'org_id'), zh['problem.required']);
    await noEnglish(page, 'admin-user-errors');
    await screenshot('admin-user-errors.png');

    // A username already taken comes back from the server (409) and is shown beside the username.
    await page.getByTestId('user-create-username').fill('manager.liu');
    await page.getByTestId('user-create-display_name').fill('张伟');
    await page.getByTestId('user-create-password').fill('Zhangwei-2026');
    await page.getByTestId('user-create-roles-technician').check();
    await page.getByTestId('user-create-org_id').selectOption({ label: `广东省质量检验检测研究院 (e2e)（${zh['org.kind.lab']}）` });
    await page.getByTestId('user-create-submit').click();
    assert.equal(await problemOf(page, 'user-create', 'username'), zh['problem.usernameTaken']);
    await page.getByTestId('user-create-username').fill('tech.zhang');
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('user-create-ok').waitFor();
    const row = page.locator('[data-testid=user-row][data-username="tech.zhang"]');
    await row.waitFor();
    assert.match(await row.textContent(), new RegExp(`张伟.*广东省质量检验检测研究院 \\(e2e\\).*${zh['role.technician']}.*${zh['users.active']}`));
    assert.equal(await page.getByTestId('user-create-username').inputValue(), '', 'the form is cleared after the save');
    assert.equal(await page.getByTestId('user-create-roles-technician').isChecked(), false);

    // Change the roles: a reason is required, then the list shows both roles.
    await row.getByTestId('user-edit').click();
    await page.getByTestId('user-edit-roles-reviewer').check();
    await page.getByTestId('user-edit-submit').click();
    assert.equal(await problemOf(page, 'user-edit', 'reason'), zh['problem.required']);
    await page.getByTestId('user-edit-reason').fill('取得审核员资格');
    await page.getByTestId('user-edit-submit').click();
    await page.getByTestId('users-message').waitFor();
    assert.match(await row.textContent(), new RegExp(`${zh['role.technician']}、${zh['role.reviewer']}|${zh['role.reviewer']}、${zh['role.technician']}`));

    // 张伟 forgot the password: the administrator sets a temporary one, with the reason; a weak one is refused beside its field.
    await row.getByTestId('user-password').click();
    await page.getByTestId('user-password-new_password').fill('short');
    await page.getByTestId('user-password-submit').click();
    assert.ok(await problemOf(page, 'user-password', 'new_password'), 'a weak password is refused beside its field');
    assert.equal(await problemOf(page, 'user-password', 'reason'), zh['problem.required']);
    await page.getByTestId('user-password-new_password').fill('Temp-pass-2026');
    await page.getByTestId('user-password-reason').fill('本人遗忘密码，已当面核实身份');
    await page.getByTestId('user-password-submit').click();
    await page.getByTestId('users-message').filter({ hasText: fill('users.passwordReset', { name: '张伟' }) }).waitFor();
    const temporary = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'tech.zhang', password: 'Temp-pass-2026' }) });
    assert.equal(temporary.status, 200, 'the user signs in with the temporary password');

    // Disable the account with a reason.
    await row.getByTestId('user-toggle').click();
    await page.getByTestId('user-active-submit').click();
    assert.equal(await problemOf(page, 'user-active', 'reason'), zh['problem.required']);
    await page.getByTestId('user-active-reason').fill('调离本岗位');
    await page.getByTestId('user-active-submit').click();
    await page.getByTestId('users-message').filter({ hasText: fill('users.disabled', { name: '张伟' }) }).waitFor();
    assert.match(await row.textContent(), new RegExp(zh['users.inactive']));
    await noEnglish(page, 'admin-users');
    await screenshot('admin-users.png');

    // The server's field problems that the browser cannot foresee are shown in Chinese too.
    const shown = await page.evaluate(async () => {
      const { serverProblem } = await import('/forms.js');
      return ['must be at most 8 characters', 'is before the last status change (2026-01-05)', 'must be after its start 2026-03-01',
        'the method is withdrawn', 'required: the filing or self-declaration receipt', 'something new the server says'].map(serverProblem);
    });
    assert.deepEqual(shown, [fill('problem.maxLength', { n: 8 }), fill('problem.beforeLastStatus', { date: '2026-01-05' }),
      fill('problem.afterStart', { date: '2026-03-01' }), zh['problem.methodWithdrawn'], zh['problem.required'], zh['problem.invalid']]);
    await page.setViewportSize({ width: 390, height: 844 });
    await noEnglish(page, 'admin-users-phone');
    await screenshot('admin-users-phone.png');
  }));

test('manager_adds_staff_authorizes_them_records_a_calibration_and_a_reference_material', { timeout: 180_000 }, () =>
  withAssay('manager_adds_staff_authorizes_them_records_a_calibration_and_a_reference_material', async ({ page, baseUrl, screenshot }) => {
    await leadLab(baseUrl, [{ username: 'sign.huang', name: '黄晓明', role: 'signatory', password: 'Signatory-pw-2026' }]);
    await signIn(page, baseUrl, 'manager.liu', 'Manager-pw-2026');
    await page.goto(`${baseUrl}/#/accreditation`);
    await page.getByTestId('acc-tab-staff').click();

    // A new person: a wrong ID number, then the right one.
    await page.getByTestId('staff-add').locator('summary').click();
    await page.getByTestId('staff-create-submit').click();
    assert.equal(await problemOf(page, 'staff-create', 'name'), zh['problem.required']);
    assert.equal(await problemOf(page, 'staff-create', 'id_number'), zh['problem.required']);
    await page.getByTestId('staff-create-name').fill('黄晓明');
    await page.getByTestId('staff-create-id_number').fill('440106199003071234');
    await page.getByTestId('staff-create-position').fill('检测室主任');
    await page.getByTestId('staff-create-user_id').selectOption({ label: '黄晓明 (sign.huang)' });
    await page.getByTestId('staff-create-submit').click();
    assert.equal(await problemOf(page, 'staff-create', 'id_number'), zh['problem.idNumber']);
    await noProblem(page, 'staff-create', 'name');
    await page.getByTestId('staff-create-id_number').fill('440106199003071231');
    await page.getByTestId('staff-create-submit').click();
    await page.getByTestId('staff-create-ok').waitFor();
    await page.getByTestId('staff-open').filter({ hasText: '黄晓明' }).click();
    await page.getByTestId('staff-title').waitFor();

    // Authorize them to perform lead by GB 5009.12: the method is required for "perform".
    await page.getByTestId('authorization-add').locator('summary').click();
    await page.getByTestId('authorization-activity').selectOption('perform');
    await page.getByTestId('authorization-valid_from').fill('2026-13-01');
    await page.getByTestId('authorization-submit').click();
    assert.equal(await problemOf(page, 'authorization', 'method_id'), zh['problem.required']);
    assert.equal(await problemOf(page, 'authorization', 'valid_from'), zh['problem.date']);
    await page.getByTestId('authorization-method_id').selectOption({ index: 1 });
    await page.getByTestId('authorization-valid_from').fill(labDate(0));
    await page.getByTestId('authorization-basis').fill('培训考核合格 SQ-2026-01');
    await page.getByTestId('authorization-submit').click();
    await page.getByTestId('staff-message').filter({ hasText: zh['acc.staff.authorized'] }).waitFor();
    const auth = page.getByTestId('authorization-row');
    assert.equal(await auth.count(), 1);
    assert.match(await auth.textContent(), new RegExp(`${zh['acc.activity.perform']}.*GB 5009.12-2023 第一法.*${labDate(0)}`));

    // End the authorization: the reason is required; the row then shows the end date and the reason.
    await page.getByRole('button', { name: fill('acc.staff.endWhat', { what: `${zh['acc.activity.perform']} GB 5009.12-2023 第一法` }) }).click();
    await page.getByTestId('authorization-end-form-submit').click();
    assert.equal(await problemOf(page, 'authorization-end-form', 'reason'), zh['problem.required']);
    assert.equal(await problemOf(page, 'authorization-end-form', 'effective_date'), fill('problem.afterStart', { date: labDate(0) }),
      'it cannot end on the day it began');
    await page.getByTestId('authorization-end-form-effective_date').fill(labDate(1));
    await page.getByTestId('authorization-end-form-reason').fill('调岗');
    await page.getByTestId('authorization-end-form-submit').click();
    await page.getByTestId('staff-message').filter({ hasText: zh['acc.staff.ended'].split('：')[0] }).waitFor();
    assert.match(await auth.textContent(), new RegExp(`${labDate(0)}.*${labDate(1)}.*调岗`));
    assert.equal(await auth.getByTestId('authorization-end').count(), 0, 'an ended authorization cannot be ended again');

    // A training record: valid until before the record date is refused beside it.
    await page.getByTestId('record-add').locator('summary').click();
    await page.getByTestId('staff-record-title').fill('GB 5009.12-2023 方法培训');
    await page.getByTestId('staff-record-valid_until').fill(labDate(-1));
    await page.getByTestId('staff-record-submit').click();
    assert.equal(await problemOf(page, 'staff-record', 'valid_until'), zh['problem.dateAfter']);
    await page.getByTestId('staff-record-valid_until').fill(labDate(730));
    await page.getByTestId('staff-record-result').fill('考核合格');
    await page.getByTestId('staff-record-submit').click();
    await page.getByTestId('record-row').waitFor();
    assert.match(await page.getByTestId('record-row').textContent(), new RegExp(`${zh['acc.recordKind.training']}.*方法培训.*${labDate(730)}.*考核合格`));

    // A signatory authorization: the scope and the filing reference are required.
    await page.getByTestId('signatory-add').locator('summary').click();
    await page.getByTestId('signatory-submit').click();
    assert.equal(await problemOf(page, 'signatory', 'parameter_ids'), zh['problem.chooseOne']);
    assert.equal(await problemOf(page, 'signatory', 'filing_ref'), zh['problem.required']);
    await page.getByTestId('signatory').getByLabel('铅(以Pb计) (mg/kg)').check();
    await page.getByTestId('signatory-filing_ref').fill('粤市监认〔2026〕12号');
    await page.getByTestId('signatory-submit').click();
    await page.getByTestId('signatory-row').waitFor();
    assert.match(await page.getByTestId('signatory-row').textContent(), /CMA.*铅\(以Pb计\).*粤市监认〔2026〕12号/);
    await noEnglish(page, 'manager-staff');
    await screenshot('manager-staff.png');
    const [staffXlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('staff-xlsx').click()]);
    assert.match(staffXlsx.suggestedFilename(), /\.xlsx$/);
    assert.equal((await page.getByTestId('staff-xlsx-status').textContent()).trim(), fill('acc.scope.downloaded', { name: staffXlsx.suggestedFilename() }));

    // Equipment: a due date before the calibration date, then a good calibration; the form is cleared after it.
    await page.getByTestId('acc-tab-equipment').click();
    const [eqXlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('equipment-xlsx').click()]);
    assert.match(eqXlsx.suggestedFilename(), /\.xlsx$/);
    await page.getByTestId('equipment-add').locator('summary').click();
    await page.getByTestId('equipment-create-asset_no').fill('GDQT-EQ-003');
    await page.getByTestId('equipment-create-name').fill('电子天平');
    await page.getByTestId('equipment-create-equipment_type').fill('电子天平，分析');
    await page.getByTestId('equipment-create-submit').click();
    assert.equal(await problemOf(page, 'equipment-create', 'equipment_type'), zh['problem.noCommas']);
    await page.getByTestId('equipment-create-equipment_type').fill('电子天平');
    await page.getByTestId('equipment-create-submit').click();
    assert.equal(await problemOf(page, 'equipment-create', 'asset_no'), zh['problem.assetTaken'], 'the server\'s conflict is shown beside the asset number');
    await page.getByTestId('equipment-create-asset_no').fill('GDQT-EQ-010');
    await page.getByTestId('equipment-create-model').fill('XPR205');
    await page.getByTestId('equipment-create-submit').click();
    await page.getByTestId('equipment-create-ok').waitFor();
    await page.getByTestId('equipment-open').filter({ hasText: 'GDQT-EQ-010 电子天平' }).waitFor();
    await page.getByTestId('equipment-open').filter({ hasText: 'GDQT-EQ-003' }).click();
    await page.getByTestId('equipment-title').waitFor();
    await page.getByTestId('calibration-certificate_no').fill('JL-2026-101');
    await page.getByTestId('calibration-provider').fill('广东省计量科学研究院');
    await page.getByTestId('calibration-performed_on').fill(labDate(-1));
    await page.getByTestId('calibration-due_on').fill(labDate(-2));
    await page.getByTestId('calibration-submit').click();
    assert.equal(await problemOf(page, 'calibration', 'due_on'), zh['problem.dueAfterPerformed']);
    await noProblem(page, 'calibration', 'certificate_no');
    await page.getByTestId('calibration-due_on').fill(labDate(364));
    await page.getByTestId('calibration-submit').click();
    await page.getByTestId('calibration-ok').waitFor();
    assert.equal(await page.getByTestId('calibration-row').count(), 2, 'the new calibration joins the history');
    assert.equal((await page.getByTestId('equipment-due').textContent()).trim(), labDate(364));
    for (const field of ['certificate_no', 'provider', 'due_on']) {
      assert.equal(await page.getByTestId(`calibration-${field}`).inputValue(), '', `calibration ${field} is cleared after the save`);
    }
    assert.equal(await page.getByTestId('calibration-performed_on').inputValue(), labDate(0), 'the date is back to today');

    // An intermediate check dated tomorrow is refused beside its date; today's is recorded.
    await page.getByTestId('check-add').locator('summary').click();
    await page.getByTestId('check-performed_on').fill(labDate(1));
    await page.getByTestId('check-submit').click();
    assert.equal(await problemOf(page, 'check', 'performed_on'), zh['problem.future']);
    await page.getByTestId('check-performed_on').fill(labDate(0));
    await page.getByTestId('check-note').fill('用 GBW10045 核查，记录 QJ-2026-07');
    await page.getByTestId('check-submit').click();
    await page.getByTestId('check-row').waitFor();
    assert.match(await page.getByTestId('check-row').textContent(), new RegExp(`${labDate(0)}.*${zh['acc.result.pass']}.*GBW10045`));
    await noEnglish(page, 'manager-equipment');
    await screenshot('manager-equipment.png');

    // Take it out of service: the reason is required; the R16 impact assessment opens and it is not usable today.
    await page.getByTestId('equipment-status-change').click();
    await page.getByTestId('equipment-status-status').selectOption('out_of_service');
    await page.getByTestId('equipment-status-submit').click();
    assert.equal(await problemOf(page, 'equipment-status', 'reason'), zh['problem.required']);
    await page.getByTestId('equipment-status-reason').fill('光源能量偏低，待维修');
    await page.getByTestId('equipment-status-submit').click();
    await page.getByTestId('impact').waitFor();
    assert.equal((await page.getByTestId('equipment-status').textContent()).trim(), zh['acc.eqStatus.out_of_service']);
    assert.equal((await page.getByTestId('usable-today').textContent()).trim(), `${zh['acc.eq.notUsable']}：${fill('acc.eq.why.status',
      { since: labDate(0), status: zh['acc.eqStatus.out_of_service'], reason: '（光源能量偏低，待维修）' })}`, 'why, in Chinese');

    // A reference material: required fields and a certified value that is not a number, then a lot that expires soon.
    await page.getByTestId('acc-tab-materials').click();
    await page.getByTestId('material-create').waitFor();
    await page.getByTestId('material-create-certified_value').fill('约0.1');
    await page.getByTestId('material-create-submit').click();
    for (const field of ['name', 'lot_no', 'expires_on']) assert.equal(await problemOf(page, 'material-create', field), zh['problem.required']);
    assert.equal(await problemOf(page, 'material-create', 'certified_value'), zh['problem.number']);
    await page.getByTestId('material-create-name').fill('大米粉中铅成分分析标准物质 GBW(E)100360');
    await page.getByTestId('material-create-lot_no').fill('B2026-07');
    await page.getByTestId('material-create-certified_value').fill('0.102');
    await page.getByTestId('material-create-unit').fill('mg/kg');
    await page.getByTestId('material-create-expires_on').fill(labDate(30));
    await page.getByTestId('material-create-submit').click();
    await page.getByTestId('material-create-ok').waitFor();
    const material = page.getByTestId('material-row').filter({ hasText: 'B2026-07' });
    assert.match(await material.textContent(), new RegExp(`0.102 mg/kg.*${labDate(30)}.*${fill('acc.rm.expiresIn', { days: 30 })}`));
    assert.equal(await page.getByTestId('material-create-lot_no').inputValue(), '', 'the form is cleared after the save');
    await noEnglish(page, 'manager-materials');
    await screenshot('manager-materials.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('acc-tab-staff').click();
    await page.getByTestId('staff-open').filter({ hasText: '黄晓明' }).click();
    await page.getByTestId('staff-title').waitFor();
    await noEnglish(page, 'manager-staff-phone');
    await screenshot('manager-staff-phone.png');
  }));

test('a_manager_reads_users_registers_a_customer_and_sees_problems_in_english', { timeout: 180_000 }, () =>
  withAssay('a_manager_reads_users_registers_a_customer_and_sees_problems_in_english', async ({ page, baseUrl, screenshot }) => {
    const en = strings('en');
    await leadLab(baseUrl, []);
    await signIn(page, baseUrl, 'manager.liu', 'Manager-pw-2026');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-readonly').waitFor();
    assert.equal(await page.getByTestId('user-create').count(), 0, 'a manager cannot create users');
    assert.equal(await page.getByTestId('user-edit').count(), 0, 'nor change them');
    await page.locator('[data-testid=user-row][data-username="manager.liu"]').waitFor();

    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-tab-organizations').click();
    await page.getByTestId('org-create-uscc').fill('91440106MA9UKX7Q0X');
    await page.getByTestId('org-create-submit').click();
    await page.getByTestId('org-create-name-problem').waitFor();
    assert.equal((await page.getByTestId('org-create-name-problem').textContent()).trim(), en['problem.required']);
    assert.equal((await page.getByTestId('org-create-uscc-problem').textContent()).trim(), en['problem.uscc']);
    await page.getByTestId('org-create-name').fill('Guangzhou Example Catering Co., Ltd.');
    await page.getByTestId('org-create-uscc').fill('91440106MA9UKX7Q0G');
    await page.getByTestId('org-create-submit').click();
    await page.getByTestId('org-create-ok').waitFor();
    await page.getByTestId('org-row').filter({ hasText: 'Guangzhou Example Catering' }).waitFor();
    await screenshot('manager-organizations-en.png');
  }));
