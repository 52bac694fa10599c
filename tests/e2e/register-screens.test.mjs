// Browser tests of the register (检测依据) and quality (质量管理) areas, as a manager, with the UI only:
// invalid input on each form shows its problems beside the fields in Chinese, then the record is made and
// the list shows it. Screenshots of each screen go to build/e2e/register-*.png and quality-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withAssay, strings } from './support/harness.mjs';
import { labDate } from './support/api.mjs';
import { leadLab } from './support/lab.mjs';

const zh = strings('zh-CN');
const fill = (key, params = {}) => zh[key].replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));

async function loginAsManager(page, baseUrl) {
  await page.goto(baseUrl);
  await page.getByTestId('username').fill('manager.liu');
  await page.getByTestId('password').fill('Manager-pw-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor();
}

// The problem shown beside a form's field: visible, marked invalid, in Chinese with no English words.
async function fieldError(page, form, field, expected) {
  const id = `${form}-${field.replace(/[^\w-]/g, '_')}`;
  const error = page.getByTestId(`${id}-error`);
  await error.waitFor();
  const text = (await error.textContent()).trim();
  if (expected) assert.ok(text.includes(expected), `${id}: expected "${expected}", shown "${text}"`);
  assert.match(text, /[\u4e00-\u9fff]/, `${id}: the problem is in Chinese: ${text}`);
  assert.doesNotMatch(text.replace('YYYY-MM-DD', ''), /[A-Za-z]{4,}/, `${id}: no English server text: ${text}`);
  if (!field.startsWith('limits[') || field.includes('.')) {
    assert.equal(await page.getByTestId(id).getAttribute('aria-invalid'), 'true', `${id} is marked invalid`);
  }
  return text;
}

async function tab(page, prefix, id) {
  await page.getByTestId(`${prefix}-tab-${id}`).click();
  await page.getByTestId(`${prefix}-panel`).locator('.muted, table, form').first().waitFor();
}

test('a_manager_builds_the_register_in_the_browser_and_sees_each_problem_beside_its_field', { timeout: 240_000 }, () =>
  withAssay('register_screens', async ({ page, baseUrl, screenshot }) => {
    await leadLab(baseUrl, []);
    await loginAsManager(page, baseUrl);
    await page.getByTestId('nav-register').click();
    await page.getByTestId('register').waitFor();
    assert.equal((await page.getByTestId('register').textContent()).trim(), zh['nav.register']);

    // 标准: an empty form names every missing field at once; a number with its year is refused in words.
    await page.getByTestId('std-table').waitFor();
    await page.getByTestId('std-new-submit').click();
    await fieldError(page, 'std-new', 'number', zh['problem.required']);
    await fieldError(page, 'std-new', 'title', zh['problem.required']);
    await fieldError(page, 'std-new', 'year');
    assert.equal((await page.getByTestId('std-new-error').textContent()).trim(), zh['reg.form.fix']);
    await page.getByTestId('std-new-number').fill('GB 5009.3-2016');
    await page.getByTestId('std-new-year').fill('2016');
    await page.getByTestId('std-new-title').fill('食品安全国家标准 食品中水分的测定');
    await page.getByTestId('std-new-submit').click();
    await fieldError(page, 'std-new', 'number', zh['reg.problem.yearInNumber']);
    await screenshot('register-standard-errors.png');
    await page.getByTestId('std-new-number').fill('GB 5009.3');
    await page.getByTestId('std-new-submit').click();
    await page.getByTestId('std-new-ok').waitFor();
    assert.equal((await page.getByTestId('std-new-ok').textContent()).trim(), fill('reg.std.added', { what: 'GB 5009.3-2016' }));
    await page.getByTestId('std-row').filter({ hasText: 'GB 5009.3-2016' }).waitFor();
    assert.equal(await page.getByTestId('std-new-number').inputValue(), '', 'the form is cleared after a save');
    // An edition of another standard is withdrawn with its reason.
    await page.getByTestId('std-new-number').fill('GB/T 5009.1');
    await page.getByTestId('std-new-year').fill('2003');
    await page.getByTestId('std-new-title').fill('食品卫生检验方法 理化部分 总则');
    await page.getByTestId('std-new-submit').click();
    const old = page.getByTestId('std-row').filter({ hasText: 'GB/T 5009.1-2003' });
    await old.waitFor();
    await old.getByTestId('std-change').click();
    await page.getByTestId('std-status-submit').click();
    await fieldError(page, 'std-status', 'reason', zh['problem.required']);
    await page.getByTestId('std-status-reason').fill('已由 GB 5009 系列各方法标准代替，停止使用');
    await page.getByTestId('std-status-submit').click();
    await page.getByTestId('std-status-done').waitFor();
    assert.ok((await old.textContent()).includes(zh['reg.stdStatus.withdrawn']), 'the list shows the standard withdrawn');
    await screenshot('register-standards.png');

    // 参数: LOD and LOQ are checked beside their fields.
    await tab(page, 'reg', 'parameters');
    await page.getByTestId('param-new-name_zh').fill('水分');
    await page.getByTestId('param-new-unit').fill('g/100g');
    await page.getByTestId('param-new-precision_kind').selectOption('decimals');
    await page.getByTestId('param-new-precision_digits').fill('1');
    await page.getByTestId('param-new-lod').fill('-0.1');
    await page.getByTestId('param-new-loq').fill('约0.5');
    await page.getByTestId('param-new-submit').click();
    await fieldError(page, 'param-new', 'lod', zh['reg.problem.positive']);
    await fieldError(page, 'param-new', 'loq', zh['reg.problem.decimal']);
    await screenshot('register-parameter-errors.png');
    await page.getByTestId('param-new-lod').fill('');
    await page.getByTestId('param-new-loq').fill('');
    await page.getByTestId('param-new-submit').click();
    await page.getByTestId('param-new-ok').waitFor();
    await page.getByTestId('param-row').filter({ hasText: '水分' }).waitFor();
    assert.ok((await page.getByTestId('param-row').filter({ hasText: '水分' }).textContent()).includes(fill('reg.param.decimalsN', { n: 1 })));

    // 方法 with its 方法验证 record: the standard and the equipment are required; a bad date is named.
    await tab(page, 'reg', 'methods');
    await page.getByTestId('method-new-name').fill('直接干燥法');
    await page.getByTestId('method-new-submit').click();
    await fieldError(page, 'method-new', 'standard_id', zh['problem.required']);
    await fieldError(page, 'method-new', 'equipment_types', zh['reg.problem.equipmentTypes']);
    await page.getByTestId('method-new-standard_id').selectOption({ label: 'GB 5009.3-2016 食品安全国家标准 食品中水分的测定' });
    await page.getByTestId('method-new-clause').fill('第一法');
    await page.getByTestId('method-new-equipment_types').fill('电热恒温干燥箱、电子天平');
    await page.getByTestId('method-new-submit').click();
    await page.getByTestId('method-new-ok').waitFor();
    await page.getByTestId('method-title').waitFor();
    assert.equal((await page.getByTestId('method-title').textContent()).trim(), 'GB 5009.3-2016 第一法 直接干燥法');
    await page.getByTestId('record-none').waitFor();
    await page.getByTestId('method-record-record_date').fill('2026-13-01');
    await page.getByTestId('method-record-submit').click();
    await fieldError(page, 'method-record', 'record_date', zh['reg.problem.date']);
    await fieldError(page, 'method-record', 'record_no', zh['problem.required']);
    await page.getByTestId('method-record-record_date').fill(labDate(-2));
    await page.getByTestId('method-record-record_no').fill('FY-2026-031');
    await page.getByTestId('method-record-summary').fill('精密度、正确度满足 GB 5009.3 要求');
    await page.getByTestId('method-record-submit').click();
    await page.getByTestId('method-done').waitFor();
    assert.equal((await page.getByTestId('method-done').textContent()).trim(), fill('reg.record.added', { no: 'FY-2026-031' }));
    await page.getByTestId('record-row').waitFor();
    const record = await page.getByTestId('record-row').textContent();
    assert.ok(record.includes(zh['reg.recordKind.verification']) && record.includes('FY-2026-031'), record);
    assert.equal(await page.getByTestId('method-row').count(), 2);
    await screenshot('register-methods.png');

    // 判定依据: a limit without a bound and without its parameter is refused beside the limit's fields.
    await tab(page, 'reg', 'specifications');
    // A second limit row is added and the first removed: the problems still land on the row shown.
    await page.getByTestId('spec-add-limit').click();
    await page.getByTestId('spec-drop-limit').first().click();
    assert.equal(await page.getByTestId('spec-limit').count(), 1);
    await page.getByTestId('spec-new-limits_1__product_category').fill('大米');
    await page.getByTestId('spec-new-limits_1__max_op').selectOption('');
    await page.getByTestId('spec-new-submit').click();
    await fieldError(page, 'spec-new', 'name', zh['problem.required']);
    await fieldError(page, 'spec-new', 'limits[1].parameter_id', zh['problem.required']);
    await fieldError(page, 'spec-new', 'limits[1]', zh['reg.problem.minOrMax']);
    await page.getByTestId('spec-new-name').fill('GB 1350-2009 稻谷 水分');
    await page.getByTestId('spec-new-limits_1__parameter_id').selectOption({ label: '水分 (g/100g)' });
    await page.getByTestId('spec-new-limits_1__max').fill('14.5');
    await page.getByTestId('spec-new-submit').click();
    await fieldError(page, 'spec-new', 'limits[1].max_op', '应为 <= 或 <');
    await page.getByTestId('spec-new-limits_1__max_op').selectOption('<=');
    await page.getByTestId('spec-new-submit').click();
    await page.getByTestId('spec-new-ok').waitFor();
    assert.equal((await page.getByTestId('spec-new-ok').textContent()).trim(), fill('reg.spec.added', { what: 'GB 1350-2009 稻谷 水分', v: 1 }));
    await page.getByTestId('limit-row').filter({ hasText: '≤ 14.5' }).waitFor();
    await page.getByTestId('spec-row').filter({ hasText: 'GB 1350-2009 稻谷 水分' }).waitFor();
    await screenshot('register-specifications.png');

    // 价格: a negative amount is refused in words.
    await tab(page, 'reg', 'prices');
    await page.getByTestId('price-new-parameter_id').selectOption({ label: '水分 (g/100g)' });
    await page.getByTestId('price-new-method_id').selectOption({ label: 'GB 5009.3-2016 第一法 直接干燥法' });
    await page.getByTestId('price-new-price').fill('-30');
    await page.getByTestId('price-new-valid_to').fill(labDate(-400));
    await page.getByTestId('price-new-submit').click();
    await fieldError(page, 'price-new', 'price', '最多两位小数');
    await fieldError(page, 'price-new', 'valid_to', '不能早于有效期起始日');
    await page.getByTestId('price-new-price').fill('60.00');
    await page.getByTestId('price-new-valid_to').fill('');
    await page.getByTestId('price-new-submit').click();
    await page.getByTestId('price-new-ok').waitFor();
    await page.getByTestId('price-row').filter({ hasText: '¥60.00' }).waitFor();
    await screenshot('register-prices.png');

    // 导入: a file with one bad row is refused whole, the row's problem shown by line and column.
    await tab(page, 'reg', 'import');
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    assert.equal(template.suggestedFilename(), fill('reg.import.templateName', { kind: zh['reg.import.kind.standards'] }));
    await page.getByTestId('import-submit').click();
    assert.equal((await page.getByTestId('import-file-error').textContent()).trim(), zh['problem.required']);
    const csv = '标准编号,标题\nGB 5009.4-2016,食品安全国家标准 食品中灰分的测定\nGB 5009.5,食品安全国家标准 食品中蛋白质的测定\n';
    await page.getByTestId('import-file').setInputFiles({ name: '标准.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-error').waitFor();
    const bad = page.getByTestId('import-error-row');
    assert.equal(await bad.count(), 1);
    const cells = (await bad.locator('td').allTextContents()).map((x) => x.trim());
    assert.deepEqual(cells, [fill('reg.import.line', { n: 3 }), '标准编号', '应为带年代号的标准编号，例如 GB 5009.12-2023']);
    await screenshot('register-import-error.png');
    await page.getByTestId('import-file').setInputFiles({ name: '标准.csv', mimeType: 'text/csv',
      buffer: Buffer.from(csv.replace('GB 5009.5,', 'GB 5009.5-2016,'), 'utf8') });
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-ok').waitFor();
    assert.equal((await page.getByTestId('import-ok').textContent()).trim(), fill('reg.import.done', { n: 2, kind: zh['reg.import.kind.standards'] }));

    // 计算公式: a formula without "name =" is refused; two versions are kept, the first superseded.
    await tab(page, 'reg', 'formulas');
    await page.getByTestId('formula-parameter').selectOption({ label: '水分 (g/100g)' });
    await page.getByTestId('formula-method').selectOption({ label: 'GB 5009.3-2016 第一法 直接干燥法' });
    await page.getByTestId('formula-method').dispatchEvent('change');
    await page.getByText(zh['reg.formula.none']).waitFor();
    await page.getByTestId('formula-new-expression').fill('(m1 - m2) / (m1 - m3) * 100');
    await page.getByTestId('formula-new-submit').click();
    await fieldError(page, 'formula-new', 'expression', fill('reg.problem.formulaStep', { n: 1 }));
    await page.getByTestId('formula-new-expression').fill('X = (m1 - m2) / (m1 - m3) * 100');
    await page.getByTestId('formula-new-submit').click();
    await page.getByTestId('formula-new-ok').waitFor();
    await page.getByTestId('formula-new-expression').fill('d = m1 - m2\nX = d / (m1 - m3) * 100');
    await page.getByTestId('formula-new-note').fill('分两步计算，便于复核');
    await page.getByTestId('formula-new-submit').click();
    await page.getByText(fill('reg.formula.added', { v: 2 })).waitFor();
    const versions = page.getByTestId('formula-row');
    assert.equal(await versions.count(), 2);
    assert.match(await versions.nth(0).textContent(), new RegExp(`^v2[\\s\\S]*${zh['reg.formulaStatus.current']}`));
    assert.ok((await versions.nth(1).textContent()).includes(zh['reg.formulaStatus.superseded']));
    await screenshot('register-formulas.png');

    // 保存期限: days out of range are named beside the field.
    await tab(page, 'reg', 'retention');
    await page.getByTestId('retention-new-product_category').fill('粮食及其制品');
    await page.getByTestId('retention-new-days').fill('0');
    await page.getByTestId('retention-new-submit').click();
    await fieldError(page, 'retention-new', 'days', fill('reg.problem.range', { min: 1, max: 36500 }));
    await page.getByTestId('retention-new-days').fill('180');
    await page.getByTestId('retention-new-submit').click();
    await page.getByTestId('retention-row').filter({ hasText: '粮食及其制品' }).waitFor();

    // The same screens at phone width.
    await page.setViewportSize({ width: 390, height: 844 });
    await tab(page, 'reg', 'specifications');
    await screenshot('register-specifications-390.png');
  }));

test('a_manager_takes_a_nonconformity_to_closure_and_records_qualifications_and_pt', { timeout: 180_000 }, () =>
  withAssay('quality_screens', async ({ page, baseUrl, screenshot }) => {
    await leadLab(baseUrl, []);
    await loginAsManager(page, baseUrl);
    await page.getByTestId('nav-quality').click();
    await page.getByTestId('quality').waitFor();

    // 资质: a CMA number of the wrong form and a period over six years are named beside their fields.
    await page.getByTestId('qual-new-number').fill('CMA-2026-1');
    await page.getByTestId('qual-new-valid_from').fill('2024-03-01');
    await page.getByTestId('qual-new-valid_to').fill('2031-03-01');
    await page.getByTestId('qual-new-submit').click();
    await fieldError(page, 'qual-new', 'number', 'CMA 证书编号为 12 位数字，例如 202619000123');
    await fieldError(page, 'qual-new', 'authority', zh['problem.required']);
    await fieldError(page, 'qual-new', 'valid_to', zh['qual.problem.sixYears']);
    await page.getByTestId('qual-new-number').fill('202619000123');
    await page.getByTestId('qual-new-authority').fill('广东省市场监督管理局');
    await page.getByTestId('qual-new-valid_to').fill('');
    await page.getByTestId('qual-new-submit').click();
    await page.getByTestId('qual-new-ok').waitFor();
    await page.getByTestId('qual-open').filter({ hasText: '202619000123' }).click();
    await page.getByTestId('qual-title').waitFor();
    // A suspension needs its decision; then the certificate stands suspended.
    await page.getByTestId('qual-event-kind').selectOption('suspend');
    await page.getByTestId('qual-event-submit').click();
    await fieldError(page, 'qual-event', 'reason', zh['problem.required']);
    await page.getByTestId('qual-event-reason').fill('粤市监认〔2026〕12号 暂停决定');
    await page.getByTestId('qual-event-submit').click();
    await page.getByTestId('qual-event-done').waitFor();
    assert.equal((await page.getByTestId('qual-standing').textContent()).trim(), zh['qual.status.suspended']);
    assert.equal(await page.getByTestId('qual-event-row').count(), 2);
    await screenshot('quality-qualifications.png');

    // 能力验证: a round, then an unsatisfactory z-score, which opens a nonconformity.
    await tab(page, 'qual', 'pt');
    await page.getByTestId('pt-new-mandated').check();
    await page.getByTestId('pt-new-submit').click();
    await fieldError(page, 'pt-new', 'provider', zh['problem.required']);
    await fieldError(page, 'pt-new', 'parameter_id', zh['problem.required']);
    await fieldError(page, 'pt-new', 'deadline', zh['qual.problem.deadline']);
    await page.getByTestId('pt-new-provider').fill('国家市场监督管理总局');
    await page.getByTestId('pt-new-scheme_name').fill('大米中铅的测定能力验证');
    await page.getByTestId('pt-new-round_code').fill('NIM-2026-PT-07');
    await page.getByTestId('pt-new-parameter_id').selectOption({ label: '铅(以Pb计) (mg/kg)' });
    await page.getByTestId('pt-new-sub_field').fill('粮食及其制品');
    await page.getByTestId('pt-new-deadline').fill(labDate(20));
    await page.getByTestId('pt-new-submit').click();
    await page.getByTestId('pt-new-ok').waitFor();
    await page.getByTestId('pt-open').filter({ hasText: 'NIM-2026-PT-07' }).click();
    await page.getByTestId('pt-result-score').fill('3.4');
    await page.getByTestId('pt-result-reported_on').fill(labDate(3));
    await page.getByTestId('pt-result-submit').click();
    await fieldError(page, 'pt-result', 'reported_on', zh['reg.problem.future']);
    await page.getByTestId('pt-result-reported_on').fill(labDate(-1));
    await page.getByTestId('pt-result-submit').click();
    await page.getByTestId('pt-outcome').waitFor();
    assert.ok((await page.getByTestId('pt-verdict').textContent()).includes(zh['qual.pt.class.U']));
    assert.match(await page.getByTestId('pt-outcome').textContent(), /NC 1/);
    await screenshot('quality-pt.png');

    // 不符合项: opened, corrective action, verification, closure; each step checked beside its fields.
    await tab(page, 'qual', 'nonconformities');
    await page.getByTestId('nc-new-source').selectOption('audit');
    await page.getByTestId('nc-new-opened_on').fill(labDate(-6));
    await page.getByTestId('nc-new-submit').click();
    await fieldError(page, 'nc-new', 'description', zh['problem.required']);
    await page.getByTestId('nc-new-source_ref').fill('2026 年度内审 NC-03');
    await page.getByTestId('nc-new-description').fill('样品室温湿度记录缺 11 月 3 日至 5 日');
    await page.getByTestId('nc-new-impact').fill('该期间无需控温样品，不影响检测结果');
    await page.getByTestId('nc-new-submit').click();
    await page.getByTestId('nc-new-ok').waitFor();
    assert.equal((await page.getByTestId('nc-new-ok').textContent()).trim(), fill('qual.nc.opened', { no: 2 }));
    await page.getByTestId('nc-title').waitFor();
    assert.ok((await page.getByTestId('nc-title').textContent()).includes(zh['acc.ncStatus.open']));

    await page.getByTestId('nc-step-date').fill(labDate(-7));
    await page.getByTestId('nc-step-submit').click();
    await fieldError(page, 'nc-step', 'text', zh['problem.required']);
    await fieldError(page, 'nc-step', 'date', zh['qual.problem.beforeOpened']);  // both at once
    await page.getByTestId('nc-step-text').fill('补记温湿度，增设自动记录仪并培训样品管理员');
    await page.getByTestId('nc-step-submit').click();
    await fieldError(page, 'nc-step', 'date', zh['qual.problem.beforeOpened']);
    await page.getByTestId('nc-step-date').fill(labDate(-4));
    await page.getByTestId('nc-step-submit').click();
    await page.getByText(fill('qual.nc.stepDone', { step: zh['qual.nc.step.action'] })).waitFor();
    assert.ok((await page.getByTestId('nc-title').textContent()).includes(zh['acc.ncStatus.action_taken']));

    await page.getByTestId('nc-step-date').fill(labDate(-5));
    await page.getByTestId('nc-step-text').fill('抽查 11 月记录完整');
    await page.getByTestId('nc-step-submit').click();
    await fieldError(page, 'nc-step', 'date', '验证日期应晚于不符合项的开启日期');
    await page.getByTestId('nc-step-date').fill(labDate(-1));
    await page.getByTestId('nc-step-submit').click();
    await page.getByText(fill('qual.nc.stepDone', { step: zh['qual.nc.step.verify'] })).waitFor();

    await page.getByTestId('nc-step-text').fill('措施有效，予以关闭');
    await page.getByTestId('nc-step-submit').click();
    await page.getByTestId('nc-closed').waitFor();
    assert.equal((await page.getByTestId('nc-closed').textContent()).trim(), fill('qual.nc.closedOn', { date: labDate(0) }));
    const steps = await page.getByTestId('nc-steps').textContent();
    for (const text of ['增设自动记录仪', '抽查 11 月记录完整', labDate(-4), labDate(-1)]) assert.ok(steps.includes(text), `${text} in ${steps}`);
    assert.ok((await page.getByTestId('nc-list-row').filter({ hasText: 'NC 2' }).textContent()).includes(zh['acc.ncStatus.closed']));
    await screenshot('quality-nonconformity-closed.png');

    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('quality-nonconformity-390.png');
  }));

test('the_register_reads_in_english_with_the_problems_beside_their_fields', { timeout: 120_000 }, () =>
  withAssay('register_screens_en', async ({ page, baseUrl, screenshot }) => {
    const en = strings('en');
    await leadLab(baseUrl, []);
    await loginAsManager(page, baseUrl);
    await page.getByTestId('lang-switch').selectOption('en');
    await page.goto(`${baseUrl}/#/register`);
    await page.getByTestId('register').waitFor();
    assert.equal((await page.getByTestId('register').textContent()).trim(), en['nav.register']);
    await page.getByTestId('std-new-number').fill('GB 5009.3-2016');
    await page.getByTestId('std-new-submit').click();
    await page.getByTestId('std-new-number-error').waitFor();
    assert.equal((await page.getByTestId('std-new-number-error').textContent()).trim(), en['reg.problem.yearInNumber']);
    assert.equal((await page.getByTestId('std-new-title-error').textContent()).trim(), en['problem.required']);
    assert.equal((await page.getByTestId('std-new-error').textContent()).trim(), en['reg.form.fix']);
    await page.getByTestId('std-new-number').fill('GB 5009.3');
    await page.getByTestId('std-new-year').fill('2016');
    await page.getByTestId('std-new-title').fill('Determination of moisture in foods');
    await page.getByTestId('std-new-submit').click();
    await page.getByTestId('std-new-ok').waitFor();
    assert.equal((await page.getByTestId('std-new-ok').textContent()).trim(), en['reg.std.added'].replace('{what}', 'GB 5009.3-2016'));
    await page.getByTestId('nav-quality').click();
    await page.getByTestId('quality').waitFor();
    assert.equal((await page.getByTestId('qual-tab-nonconformities').textContent()).trim(), en['qual.tab.nonconformities']);
    await screenshot('quality-en.png');
  }));
