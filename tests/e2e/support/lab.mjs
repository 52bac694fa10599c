// A lab set up through the API for the intake and testing browser tests: the lab (GDQT), a
// customer, the people asked for (each a user and, with an activity, a staff member authorized
// for lead's method), lead (铅, LOD 0.005) by GB 5009.12-2023 第一法 verified 30 days ago, priced,
// in the CMA scope for rice at 天河实验室, and a calibrated atomic absorption spectrometer.
import { ADMIN_PASSWORD } from './server.mjs';
import { labDate, call } from './api.mjs';

export async function login(baseUrl, username, password) {
  return (await call(baseUrl, null, 'POST', '/api/auth/login', { username, password })).data.token;
}

// people: [{username, name, role, password, activity?: 'perform'|'check', idNumber?}]
export async function leadLab(baseUrl, people) {
  const admin = await login(baseUrl, 'admin', ADMIN_PASSWORD);
  const lab = (await call(baseUrl, admin, 'POST', '/api/organizations',
    { kind: 'lab', name: '广东省质量检验检测研究院 (e2e)', uscc: '911100007109288314', code: 'GDQT', address: '广州市天河区测试路1号' })).data;
  const customer = (await call(baseUrl, admin, 'POST', '/api/organizations',
    { kind: 'customer', name: '佛山市示例粮油有限公司', uscc: '91330100799655058B' })).data;
  const users = {};
  const all = [{ username: 'manager.liu', name: '刘洋', role: 'manager', password: 'Manager-pw-2026' }, ...people];
  for (const p of all)
    users[p.username] = (await call(baseUrl, admin, 'POST', '/api/users',
      { username: p.username, display_name: p.name, password: p.password, roles: [p.role], org_id: lab.id })).data.id;
  const m = await login(baseUrl, 'manager.liu', 'Manager-pw-2026');
  const std = (await call(baseUrl, m, 'POST', '/api/register/standards', { number: 'GB 5009.12', year: 2023, title: '食品中铅的测定' })).data;
  const lead = (await call(baseUrl, m, 'POST', '/api/register/parameters',
    { name_zh: '铅(以Pb计)', unit: 'mg/kg', precision_kind: 'significant', precision_digits: 2, lod: '0.005', mu_model: 'none' })).data;
  const method = (await call(baseUrl, m, 'POST', '/api/register/methods',
    { standard_id: std.id, clause: '第一法', name: '石墨炉原子吸收光谱法', kind: 'standard', equipment_types: ['原子吸收光谱仪'] })).data;
  await call(baseUrl, m, 'POST', `/api/register/methods/${method.id}/records`, { kind: 'verification', record_date: labDate(-30), record_no: 'FV-1' });
  await call(baseUrl, m, 'POST', '/api/register/prices', { parameter_id: lead.id, method_id: method.id, price: '150.00', valid_from: labDate(-60) });
  const eq = await call(baseUrl, m, 'POST', '/api/equipment',
    { asset_no: 'GDQT-EQ-003', name: '原子吸收光谱仪', equipment_type: '原子吸收光谱仪', in_service_from: labDate(-400) });
  await call(baseUrl, m, 'POST', `/api/equipment/${eq.data.id}/calibrations`,
    { kind: 'calibration', certificate_no: 'JL-1', provider: '省计量院', performed_on: labDate(-10), due_on: labDate(300), result: 'pass',
      as_found: 'in_tolerance' }, { 'If-Match': eq.etag });
  for (const p of people.filter((x) => x.activity)) {
    const staff = (await call(baseUrl, m, 'POST', '/api/staff', { name: p.name, id_number: p.idNumber, user_id: users[p.username] })).data;
    await call(baseUrl, m, 'POST', `/api/staff/${staff.id}/authorizations`, { activity: p.activity, method_id: method.id, valid_from: labDate(-10) });
  }
  await call(baseUrl, m, 'POST', '/api/scope/changes', { kind: 'initial', scheme: 'CMA', effective_date: labDate(-100), reason: '首次',
    rows: [{ site: '天河实验室', category: '粮食及其制品', product: '大米', parameter_id: lead.id, standard_id: std.id, clause: '第一法' }] });
  return { admin, lab, customer, users, manager: m, lead, method };
}
