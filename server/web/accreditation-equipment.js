// Accreditation area, equipment (设备) and reference materials (标准物质): the equipment register with a
// new instrument's form; one instrument's page with its calibrations/verifications (检定/校准), intermediate
// checks (期间核查) and status (an out-of-tolerance calibration or a failed check shows the R16 impact list);
// and the reference material lots with their expiry.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { api, apiAll, apiDownload } from './api.js';
import { today, empty, errorText, table } from './widgets.js';
import { entryForm, reasonPanel, compact, isDate } from './forms.js';

const EXPIRY_WARN_DAYS = 90;

function calibrationRows(e) {
  return e.calibrations.map((c) => h('tr', { 'data-testid': 'calibration-row' },
    h('td', {}, t(`acc.calKind.${c.kind}`)), h('td', {}, c.certificate_no), h('td', {}, c.provider),
    h('td', { class: 'nowrap' }, c.performed_on), h('td', { class: 'nowrap' }, c.due_on),
    h('td', {}, t(`acc.result.${c.result}`)), h('td', {}, t(`acc.asFound.${c.as_found}`)), h('td', {}, empty(c.note))));
}

function impactPanel(nc, from) {
  return h('section', { class: 'notice', role: 'status', 'data-testid': 'impact' },
    h('h3', {}, t('acc.eq.ncOpened', { no: nc.nc_no })),
    h('p', { 'data-testid': 'impact-text' },
      t('acc.eq.impactSummary', { n: nc.impact_list.length, from: from ?? t('acc.eq.firstUse'), to: nc.opened_on })),
    nc.impact_list.length
      ? table('impact-list', [t('acc.col.kind'), t('acc.col.item'), t('acc.col.due')],
        nc.impact_list.map((i) => h('tr', {}, h('td', {}, t(`acc.impactKind.${i.kind}`)), h('td', {}, i.label), h('td', {}, i.date))),
        t('acc.eq.impactList'))
      : h('p', { 'data-testid': 'impact-empty' }, t('acc.eq.noResults')));
}

// Why an instrument may not be used on a date (R15), in the user's language: the server's verdict says
// whether, its reason is English text, so the reason is read from the record the way the server reads it.
export function whyNotUsable(e, date) {
  const status = e.status_history.filter((s) => s.effective_date <= date).pop();
  if (!status) return t('acc.eq.why.notYet', { date });
  if (status.status !== 'in_service') {
    return t('acc.eq.why.status', { since: status.effective_date, status: t(`acc.eqStatus.${status.status}`),
      reason: status.reason ? `（${status.reason}）` : '' });
  }
  const cal = e.calibrations.filter((c) => c.performed_on <= date).pop();
  if (!cal) return t('acc.eq.why.noCalibration', { date });
  const kind = t(`acc.calKind.${cal.kind}`);
  if (cal.result !== 'pass') {
    return t('acc.eq.why.calibrationFailed', { date: cal.performed_on, kind, certificate: cal.certificate_no });
  }
  if (cal.due_on < date) return t('acc.eq.why.overdue', { due: cal.due_on, kind, certificate: cal.certificate_no });
  const checks = e.checks.filter((c) => c.performed_on <= date && c.performed_on >= cal.performed_on);
  const failed = checks.filter((c) => c.result === 'fail' && !checks.some((l) => l.performed_on > c.performed_on && l.result === 'pass'));
  if (failed.length) return t('acc.eq.why.checkFailed', { date: failed[0].performed_on });
  return t('acc.eq.why.rule', { rule: e.usable_today.rule ?? 'R15' });
}

function notFuture(value) {
  return value > today() ? t('problem.future') : null;
}

async function equipmentDetail(panel, id, back) {
  let { data: e, etag } = await api(`/api/equipment/${id}`, { withEtag: true });
  const outcome = h('div', {});
  const history = h('div', {});
  const checks = h('div', {});
  const usable = h('p', { 'data-testid': 'usable-today' });
  const facts = h('dl', { class: 'facts' });
  const statusHost = h('div', {});
  function show() {
    replace(facts,
      h('dt', {}, t('acc.eq.type')), h('dd', {}, e.equipment_type),
      h('dt', {}, t('acc.eq.model')), h('dd', {}, empty(e.model)),
      h('dt', {}, t('acc.eq.serial')), h('dd', {}, empty(e.serial_no)),
      h('dt', {}, t('acc.eq.location')), h('dd', {}, empty(e.location)),
      h('dt', {}, t('acc.eq.status')), h('dd', { 'data-testid': 'equipment-status' }, t(`acc.eqStatus.${e.status}`)),
      h('dt', {}, t('acc.eq.dueOn')), h('dd', { 'data-testid': 'equipment-due' }, empty(e.due_on)));
    replace(usable, e.usable_today.usable ? h('span', { class: 'status status-ok' }, t('acc.eq.usable'))
      : h('span', { class: 'status status-bad' }, `${t('acc.eq.notUsable')}：${whyNotUsable(e, today())}`));
    replace(history, e.calibrations.length ? table('calibration-table', [t('acc.eq.kind'), t('acc.eq.certificate'), t('acc.eq.provider'),
      t('acc.eq.performed'), t('acc.eq.dueOn'), t('acc.eq.result'), t('acc.eq.asFound'), t('acc.eq.note')], calibrationRows(e), t('acc.eq.history'))
      : h('p', { class: 'muted' }, t('acc.eq.noCalibrations')));
    replace(checks, e.checks.length ? table('check-table', [t('acc.eq.checkedOn'), t('acc.eq.checkResult'), t('acc.eq.note')],
      e.checks.map((c) => h('tr', { 'data-testid': 'check-row' }, h('td', { class: 'nowrap' }, c.performed_on),
        h('td', {}, h('span', { class: c.result === 'pass' ? 'status status-ok' : 'status status-bad' }, t(`acc.result.${c.result}`))),
        h('td', {}, empty(c.note)))), t('acc.eq.checks'))
      : h('p', { class: 'muted' }, t('acc.eq.noChecks')));
  }
  // A saved change: the new state, and the R16 impact list when it opened a nonconformity.
  function changed(saved, message) {
    etag = saved.etag;
    e = saved.data;
    show();
    // An ordinary save is confirmed beside its form's button; the status change has no form left to show it.
    replace(outcome, e.nonconformity ? impactPanel(e.nonconformity, e.impact_from)
      : message ? h('p', { class: 'status status-ok', role: 'status', 'data-testid': 'equipment-saved' }, message) : null);
  }
  const record = entryForm('calibration', [
    { name: 'kind', label: t('acc.eq.kind'), options: [['calibration', t('acc.calKind.calibration')], ['verification', t('acc.calKind.verification')]], required: true },
    { name: 'certificate_no', label: t('acc.eq.certificate'), required: true },
    { name: 'provider', label: t('acc.eq.provider'), required: true },
    { name: 'performed_on', label: t('acc.eq.performed'), type: 'date', value: today(), required: true, check: notFuture },
    { name: 'due_on', label: t('acc.eq.dueOn'), type: 'date', required: true,
      check: (v, all) => (isDate(all.performed_on) && v <= all.performed_on ? t('problem.dueAfterPerformed') : null) },
    { name: 'result', label: t('acc.eq.result'), options: [['pass', t('acc.result.pass')], ['fail', t('acc.result.fail')]], required: true },
    { name: 'as_found', label: t('acc.eq.asFound'), options: [['in_tolerance', t('acc.asFound.in_tolerance')], ['out_of_tolerance', t('acc.asFound.out_of_tolerance')]], required: true },
    { name: 'note', label: t('acc.eq.note'), wide: true },
  ], t('acc.eq.record'), async (v) => {
    changed(await api(`/api/equipment/${id}/calibrations`, { method: 'POST', body: compact(v), headers: { 'If-Match': etag }, withEtag: true }));
  }, { reset: true, saved: t('acc.eq.recorded') });
  const check = entryForm('check', [
    { name: 'performed_on', label: t('acc.eq.checkedOn'), type: 'date', value: today(), required: true, check: notFuture },
    { name: 'result', label: t('acc.eq.checkResult'), options: [['pass', t('acc.result.pass')], ['fail', t('acc.result.fail')]], required: true },
    { name: 'note', label: t('acc.eq.checkNote'), wide: true, hint: t('acc.eq.checkNoteHint') },
  ], t('acc.eq.recordCheck'), async (v) => {
    changed(await api(`/api/equipment/${id}/checks`, { method: 'POST', body: compact(v), headers: { 'If-Match': etag }, withEtag: true }));
  }, { reset: true, saved: t('acc.eq.checkRecorded') });

  const statusBtn = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'equipment-status-change' }, t('acc.eq.changeStatus'));
  statusBtn.addEventListener('click', () => {
    replace(statusHost, reasonPanel('equipment-status', t('acc.eq.changeStatus'), [
      { name: 'status', label: t('acc.eq.status'), options: ['in_service', 'out_of_service', 'retired'].map((s) => [s, t(`acc.eqStatus.${s}`)]),
        value: e.status === 'in_service' ? 'out_of_service' : 'in_service', required: true },
      { name: 'effective_date', label: t('acc.eq.effective'), type: 'date', value: today(), required: true },
      { name: 'reason', label: t('acc.eq.reason'), type: 'textarea', required: true, wide: true },
    ], t('acc.eq.changeStatus'), async (v) => {
      changed(await api(`/api/equipment/${id}/status`, { method: 'POST', body: v, headers: { 'If-Match': etag }, withEtag: true }),
        t('acc.eq.statusChanged'));
      replace(statusHost);
    }, () => replace(statusHost)));
  });
  const backBtn = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': 'equipment-back' }, t('acc.back'));
  backBtn.addEventListener('click', back);
  replace(panel, h('div', { class: 'actions' }, backBtn),
    h('h2', { 'data-testid': 'equipment-title' }, `${e.asset_no} ${e.name}`),
    facts, usable, h('div', { class: 'actions' }, statusBtn), statusHost, outcome,
    h('h3', {}, t('acc.eq.history')), history,
    h('details', { open: true, 'data-testid': 'calibration-add' }, h('summary', {}, t('acc.eq.record')), record),
    h('h3', {}, t('acc.eq.checks')), checks,
    h('details', { 'data-testid': 'check-add' }, h('summary', {}, t('acc.eq.recordCheck')), check));
  show();
}

export async function equipment(panel) {
  const listHost = h('div', {});
  const openOne = (id) => equipmentDetail(panel, id, () => equipment(panel))
    .catch((err) => replace(panel, h('p', { class: 'form-error' }, errorText(err))));
  async function load() {
    const items = await apiAll('/api/equipment');
    const rows = items.map((e) => h('tr', { 'data-testid': 'equipment-row' },
      h('td', {}, h('button', { type: 'button', class: 'btn-link', 'data-testid': 'equipment-open', onclick: () => openOne(e.id) }, `${e.asset_no} ${e.name}`)),
      h('td', {}, empty(e.model)), h('td', {}, t(`acc.eqStatus.${e.status}`)), h('td', { class: 'nowrap' }, empty(e.due_on)),
      h('td', {}, e.usable_today.usable ? h('span', { class: 'status status-ok' }, t('acc.eq.usable'))
        : h('span', { class: 'status status-bad' }, t('acc.eq.notUsable')))));
    replace(listHost, rows.length ? table('equipment-table', [t('acc.eq.name'), t('acc.eq.model'), t('acc.eq.status'), t('acc.eq.dueOn'),
      t('acc.eq.today')], rows, t('acc.tab.equipment')) : h('p', { class: 'muted' }, t('acc.eq.none')));
  }
  const create = entryForm('equipment-create', [
    { name: 'asset_no', label: t('acc.eq.assetNo'), required: true },
    { name: 'name', label: t('acc.eq.deviceName'), required: true },
    { name: 'equipment_type', label: t('acc.eq.type'), required: true, hint: t('acc.eq.typeHint'),
      check: (v) => (v.includes(',') || v.includes('，') ? t('problem.noCommas') : null) },
    { name: 'model', label: t('acc.eq.model') },
    { name: 'serial_no', label: t('acc.eq.serial') },
    { name: 'manufacturer', label: t('acc.eq.manufacturer') },
    { name: 'location', label: t('acc.eq.location') },
    { name: 'in_service_from', label: t('acc.eq.inServiceFrom'), type: 'date', value: today(), required: true },
  ], t('acc.eq.create'), async (v) => {
    const e = await api('/api/equipment', { method: 'POST', body: compact(v) });
    await load();
    return e;
  }, {
    reset: true,
    saved: (e) => t('acc.eq.created', { name: `${e.asset_no} ${e.name}` }),
    conflict: () => ({ field: 'asset_no', message: t('problem.assetTaken') }),
  });
  replace(panel, exportBar('equipment-xlsx', '/api/exports/equipment.xlsx', t('acc.eq.xlsx')), listHost,
    h('details', { 'data-testid': 'equipment-add' }, h('summary', {}, t('acc.eq.create')), create));
  await load();
}

// A button that downloads an Excel export, and a line saying what was saved.
export function exportBar(testid, path, label) {
  const status = h('span', { class: 'muted', role: 'status', 'data-testid': `${testid}-status` });
  const button = h('button', { type: 'button', class: 'btn-secondary', 'data-testid': testid }, label);
  button.addEventListener('click', () => apiDownload(path)
    .then((name) => { status.textContent = t('acc.scope.downloaded', { name }); })
    .catch((err) => { status.textContent = errorText(err); }));
  return h('div', { class: 'actions export-bar' }, button, status);
}

function daysUntil(date) {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86400000);
}

export async function materials(panel) {
  const listHost = h('div', {});
  async function load() {
    const items = await apiAll('/api/reference-materials');
    items.sort((a, b) => a.expires_on.localeCompare(b.expires_on));
    const rows = items.map((m) => {
      const days = daysUntil(m.expires_on);
      const state = days < 0 ? h('span', { class: 'status status-bad' }, t('acc.rm.expired'))
        : days <= EXPIRY_WARN_DAYS ? h('span', { class: 'status status-warn' }, t('acc.rm.expiresIn', { days }))
          : h('span', { class: 'status status-ok' }, t('acc.rm.valid'));
      return h('tr', { 'data-testid': 'material-row' },
        h('td', {}, m.name), h('td', { class: 'nowrap' }, m.lot_no),
        h('td', { class: 'nowrap' }, m.certified_value != null ? `${m.certified_value} ${m.unit ?? ''}`.trim() : t('common.empty')),
        h('td', {}, empty(m.supplier)), h('td', { class: 'nowrap' }, m.expires_on), h('td', { class: 'nowrap' }, state));
    });
    replace(listHost, rows.length ? table('material-table', [t('acc.rm.name'), t('acc.rm.lot'), t('acc.rm.value'), t('acc.rm.supplier'),
      t('acc.rm.expires'), t('acc.col.status')], rows, t('acc.tab.materials')) : h('p', { class: 'muted' }, t('acc.rm.none')));
  }
  const create = entryForm('material-create', [
    { name: 'name', label: t('acc.rm.name'), required: true, wide: true },
    { name: 'lot_no', label: t('acc.rm.lot'), required: true },
    { name: 'certified_value', label: t('acc.rm.certifiedValue'), check: (v) => (/^-?\d+(\.\d+)?$/.test(v) ? null : t('problem.number')) },
    { name: 'unit', label: t('acc.rm.unit') },
    { name: 'supplier', label: t('acc.rm.supplier') },
    { name: 'expires_on', label: t('acc.rm.expires'), type: 'date', required: true },
  ], t('acc.rm.create'), async (v) => {
    const m = await api('/api/reference-materials', { method: 'POST', body: compact(v) });
    await load();
    return m;
  }, { reset: true, saved: (m) => t('acc.rm.created', { name: m.name, lot: m.lot_no }),
    conflict: () => ({ field: 'lot_no', message: t('problem.lotTaken') }) });
  replace(panel, listHost, h('h2', {}, t('acc.rm.create')), create);
  await load();
}
