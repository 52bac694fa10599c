// A lab set up through the API for the working-day browser tests (workday.test.mjs): the lead lab
// with a technician, a reviewer and a signatory (on the CMA list for lead), a rice specification
// (lead ≤ 0.2 mg/kg), and an accepted order of `samples` rice samples, received, whose lead test
// items are assigned to the technician.
import { labDate, call } from './api.mjs';
import { leadLab, login } from './lab.mjs';

export const PW = { tech: 'Tech-pw-2026', reviewer: 'Reviewer-pw-2026', signatory: 'Signatory-pw-2026', manager: 'Manager-pw-2026' };

// A GB 11643 ID number (check character computed) for test person n.
function idNumber(n) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `440106199003${String(30000 + n)}`;
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

export async function workdayLab(baseUrl, { samples = 3 } = {}) {
  const lab = await leadLab(baseUrl, [
    { username: 'tech.li', name: '李明', role: 'technician', password: PW.tech, activity: 'perform', idNumber: '440106199001100019' },
    { username: 'reviewer.chen', name: '陈静', role: 'reviewer', password: PW.reviewer, activity: 'check', idNumber: '440106199001100035' },
    { username: 'signatory.zhao', name: '赵强', role: 'signatory', password: PW.signatory }]);
  const { customer, users, manager: m, lead, method } = lab;
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
  const sample = (i) => ({ name: "大米", product_category: '粮食及其制品', items: [{ parameter_id: lead.id, method_id: method.id }] });
  const order = await call(baseUrl, tech, 'POST', '/api/orders', { customer_org_id: customer.id, contact: { name: '何丽' }, site: '天河实验室',
    due_date: labDate(10), report: { marks: ['CMA'], language: 'bilingual', decision_rule: 'simple' },
    samples: Array.from({ length: samples }, (_, i) => sample(i)) });
  const reviewed = await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/review`, {}, { 'If-Match': order.etag });
  await call(baseUrl, tech, 'POST', `/api/orders/${order.data.code}/accept`, undefined, { 'If-Match': reviewed.etag });
  for (const { code } of order.data.samples) {
    const s = await call(baseUrl, tech, 'GET', `/api/samples/${code}`);
    await call(baseUrl, tech, 'POST', `/api/samples/${code}/receive`, { condition: '密封完好' }, { 'If-Match': s.etag });
  }
  const items = (await call(baseUrl, tech, 'POST', '/api/testing/items', { order_code: order.data.code, specification_id: spec.id })).data.items;
  for (const item of items) {
    const got = await call(baseUrl, tech, 'GET', `/api/testing/items/${item.id}`);
    await call(baseUrl, tech, 'POST', `/api/testing/items/${item.id}/assign`, { user_id: users['tech.li'], test_date: labDate(0) }, { 'If-Match': got.etag });
  }
  return { ...lab, spec, tech, reviewer, orderCode: order.data.code, sampleCodes: order.data.samples.map((s) => s.code), items };
}

// Enters `values` (one per item, in order) as the technician; returns the results.
export async function enterResults(baseUrl, lab, values) {
  const out = [];
  for (const [i, value] of values.entries())
    out.push((await call(baseUrl, lab.tech, 'POST', `/api/testing/items/${lab.items[i].id}/results`, { value })).data);
  return out;
}
