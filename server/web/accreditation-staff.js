// Accreditation area, staff tab (人员): the staff register with a new person's form, and one person's page
// with their method authorizations (授权: perform, check, opinion; valid from, ended with a reason), their
// signatory authorizations (授权签字人 with the parameters they may sign and the filing), training and
// competence records, and deactivation.
import { h, replace } from './dom.js';
import { t, list, getLang } from './i18n.js';
import { api, apiAll } from './api.js';
import { today, empty, errorText, table } from './widgets.js';
import { entryForm, reasonPanel, compact, isIdNumber, isDate } from './forms.js';
import { exportBar } from './accreditation-equipment.js';

// start: the date the ended thing began; the end must be after it.
function endFields(start) {
  return [
    { name: 'effective_date', label: t('acc.staff.endOn'), type: 'date', value: today(), required: true,
      check: (v) => (start && v <= start ? t('problem.afterStart', { date: start }) : null) },
    { name: 'reason', label: t('acc.staff.endReason'), type: 'textarea', required: true, wide: true },
  ];
}

async function staffPage(detail, id, refreshList) {
  const [{ data: s, etag }, methods, params] = await Promise.all([
    api(`/api/staff/${id}`, { withEtag: true }),
    apiAll('/api/register/methods'),
    apiAll('/api/register/parameters'),
  ]);
  const nameOf = (p) => (getLang() === 'en' && p.name_en ? p.name_en : p.name_zh);
  const paramName = new Map(params.map((p) => [p.id, nameOf(p)]));
  const current = methods.filter((m) => m.status === 'current');
  // Each change's inline form opens under what it changes.
  const dialog = h('div', { 'data-testid': 'staff-dialog' });
  const authDialog = h('div', {});
  const signDialog = h('div', {});
  const reopen = async (message) => {
    await staffPage(detail, id, refreshList);
    if (message) detail.querySelector('[data-testid=staff-message]').replaceChildren(h('span', { class: 'status status-ok' }, message));
    await refreshList();
  };
  const active = s.status === 'active';

  function endButton(testid, what, start, path, host) {
    const b = h('button', { type: 'button', class: 'btn-link', 'data-testid': testid, 'aria-label': t('acc.staff.endWhat', { what }) },
      t('acc.staff.end'));
    b.addEventListener('click', () => {
      replace(host, reasonPanel(`${testid}-form`, t('acc.staff.endWhat', { what }), endFields(start), t('acc.staff.end'), async (v) => {
        await api(path, { method: 'POST', body: v });
        await reopen(t('acc.staff.ended', { what }));
      }, () => replace(host)));
      host.querySelector('textarea')?.focus();
    });
    return b;
  }

  const authRows = s.authorizations.map((a) => h('tr', { 'data-testid': 'authorization-row' },
    h('td', {}, t(`acc.activity.${a.activity}`)), h('td', {}, empty(a.method)),
    h('td', { class: 'nowrap' }, a.valid_from), h('td', { class: 'nowrap' }, empty(a.ended_on)), h('td', {}, empty(a.ended_on ? a.end_reason : a.basis)),
    h('td', {}, a.ended_on ? null : endButton('authorization-end', `${t(`acc.activity.${a.activity}`)} ${a.method ?? ''}`.trim(), a.valid_from,
      `/api/staff/${id}/authorizations/${a.id}/end`, authDialog))));
  const signRows = s.signatory_authorizations.map((a) => h('tr', { 'data-testid': 'signatory-row' },
    h('td', { class: 'nowrap' }, a.scheme), h('td', {}, list(a.parameter_ids.map((p) => paramName.get(p) ?? p))),
    h('td', { class: 'nowrap' }, a.filed_on), h('td', {}, a.filing_ref), h('td', { class: 'nowrap' }, empty(a.ended_on)),
    h('td', {}, a.ended_on ? null : endButton('signatory-end', t('acc.activity.sign', { scheme: a.scheme }), a.filed_on,
      `/api/staff/${id}/signatory-authorizations/${a.id}/end`, signDialog))));
  const recordRows = s.records.map((r) => h('tr', { 'data-testid': 'record-row' },
    h('td', {}, t(`acc.recordKind.${r.kind}`)), h('td', {}, r.title), h('td', { class: 'nowrap' }, r.record_date),
    h('td', { class: 'nowrap' }, empty(r.valid_until)), h('td', {}, empty(r.result))));

  const authForm = entryForm('authorization', [
    { name: 'activity', label: t('acc.staff.activity'), options: ['perform', 'check', 'opinion'].map((a) => [a, t(`acc.activity.${a}`)]), required: true },
    { name: 'method_id', label: t('acc.staff.method'), options: [['', t('acc.staff.chooseMethod')], ...current.map((m) => [m.id, `${m.citation} ${m.name}`])],
      requiredIf: (v) => v.activity !== 'opinion', check: (val, v) => (v.activity === 'opinion' ? t('problem.opinionNoMethod') : null),
      hint: t('acc.staff.methodHint'), wide: true },
    { name: 'valid_from', label: t('acc.staff.from'), type: 'date', value: today(), required: true },
    { name: 'basis', label: t('acc.staff.basis'), hint: t('acc.staff.basisHint') },
  ], t('acc.staff.authorize'), async (v) => {
    await api(`/api/staff/${id}/authorizations`, { method: 'POST', body: compact(v) });
    await reopen(t('acc.staff.authorized'));
  });

  const signForm = entryForm('signatory', [
    { name: 'scheme', label: t('acc.staff.scheme'), options: [['CMA', 'CMA'], ['CNAS', 'CNAS']], required: true },
    { name: 'filed_on', label: t('acc.staff.filedOn'), type: 'date', value: today(), required: true },
    { name: 'filing_ref', label: t('acc.staff.filingRef'), required: true, hint: t('acc.staff.filingRefHint') },
    { name: 'parameter_ids', label: t('acc.staff.signScope'), type: 'checks', options: params.map((p) => [p.id, `${nameOf(p)} (${p.unit})`]),
      required: true, wide: true },
  ], t('acc.staff.addSignatory'), async (v) => {
    await api(`/api/staff/${id}/signatory-authorizations`, { method: 'POST', body: v });
    await reopen(t('acc.staff.signatoryAdded'));
  });

  const recordForm = entryForm('staff-record', [
    { name: 'kind', label: t('acc.staff.record'), options: ['training', 'competence', 'qualification'].map((k) => [k, t(`acc.recordKind.${k}`)]), required: true },
    { name: 'title', label: t('acc.staff.title'), required: true, wide: true },
    { name: 'record_date', label: t('acc.staff.date'), type: 'date', value: today(), required: true },
    { name: 'valid_until', label: t('acc.staff.validUntil'), type: 'date',
      check: (val, v) => (isDate(v.record_date) && val < v.record_date ? t('problem.dateAfter') : null) },
    { name: 'result', label: t('acc.staff.result') },
  ], t('acc.staff.addRecord'), async (v) => {
    await api(`/api/staff/${id}/records`, { method: 'POST', body: compact(v) });
    await reopen(t('acc.staff.recordAdded'));
  });

  const deactivate = h('button', { type: 'button', class: 'btn-secondary btn-danger-outline', 'data-testid': 'staff-deactivate' }, t('acc.staff.deactivate'));
  deactivate.addEventListener('click', () => {
    replace(dialog, reasonPanel('staff-deactivate-form', t('acc.staff.deactivateWho', { name: s.name }), endFields(), t('acc.staff.deactivate'), async (v) => {
      await api(`/api/staff/${id}/deactivate`, { method: 'POST', body: v, headers: { 'If-Match': etag } });
      await reopen(t('acc.staff.deactivated', { name: s.name }));
    }, () => replace(dialog)));
    dialog.querySelector('textarea')?.focus();
  });

  replace(detail,
    h('h2', { 'data-testid': 'staff-title' }, `${s.name}${s.position ? ` · ${s.position}` : ''}`),
    h('p', {}, h('span', { class: active ? 'status status-ok' : 'status status-bad' }, t(`acc.staffStatus.${s.status}`)),
      s.deactivated_on ? ` ${t('acc.staff.since', { date: s.deactivated_on })} ${s.deactivation_reason ?? ''}` : null,
      ' ', active ? deactivate : null),
    h('div', { 'data-testid': 'staff-message', role: 'status', class: 'status-line' }),
    dialog,
    h('h3', {}, t('acc.staff.authorizations')),
    authRows.length ? table('authorization-table', [t('acc.staff.activity'), t('acc.staff.method'), t('acc.staff.from'), t('acc.staff.until'),
      t('acc.staff.basisOrReason'), ''], authRows, t('acc.staff.authorizations')) : h('p', { class: 'muted' }, t('acc.staff.noAuthorizations')),
    authDialog,
    active ? h('details', { 'data-testid': 'authorization-add' }, h('summary', {}, t('acc.staff.authorize')), authForm) : null,
    h('h3', {}, t('acc.staff.signatories')),
    signRows.length ? table('signatory-table', [t('acc.staff.scheme'), t('acc.staff.signScope'), t('acc.staff.filedOn'), t('acc.staff.filingRef'),
      t('acc.staff.until'), ''], signRows, t('acc.staff.signatories')) : h('p', { class: 'muted' }, t('acc.staff.noSignatories')),
    signDialog,
    !active ? null : s.user_id ? h('details', { 'data-testid': 'signatory-add' }, h('summary', {}, t('acc.staff.addSignatory')), signForm)
      : h('p', { class: 'notice', 'data-testid': 'signatory-needs-account' }, t('acc.staff.signNeedsAccount')),
    h('h3', {}, t('acc.staff.records')),
    recordRows.length ? table('records-table', [t('acc.staff.record'), t('acc.staff.title'), t('acc.staff.date'), t('acc.staff.validUntil'),
      t('acc.staff.result')], recordRows, t('acc.staff.records')) : h('p', { class: 'muted' }, t('acc.staff.noRecords')),
    h('details', { 'data-testid': 'record-add' }, h('summary', {}, t('acc.staff.addRecord')), recordForm));
}

export async function staff(panel) {
  const users = await apiAll('/api/users').catch(() => []);
  const listHost = h('div', {});
  const detail = h('section', { class: 'detail-panel', 'data-testid': 'staff-detail' });
  const userName = new Map(users.map((u) => [u.id, `${u.display_name} (${u.username})`]));

  function open(id) {
    return staffPage(detail, id, load).then(() => detail.querySelector('h2')?.scrollIntoView({ block: 'start' }))
      .catch((err) => replace(detail, h('p', { class: 'form-error', role: 'alert' }, errorText(err))));
  }

  async function load() {
    const items = await apiAll('/api/staff');
    const rows = items.map((s) => h('tr', { 'data-testid': 'staff-row' },
      h('td', { class: 'nowrap' }, h('button', { type: 'button', class: 'btn-link', 'data-testid': 'staff-open', onclick: () => open(s.id) }, s.name)),
      h('td', {}, empty(s.position)),
      h('td', {}, h('span', { class: s.status === 'active' ? 'status status-ok' : 'status status-bad' }, t(`acc.staffStatus.${s.status}`))),
      h('td', { class: 'nowrap' }, empty(s.id_number)), h('td', {}, s.user_id ? userName.get(s.user_id) ?? s.user_id : t('common.empty'))));
    replace(listHost, rows.length ? table('staff-table', [t('acc.staff.name'), t('acc.staff.position'), t('acc.col.status'), t('acc.staff.idNumber'),
      t('acc.staff.account')], rows, t('acc.tab.staff')) : h('p', { class: 'muted' }, t('acc.staff.none')));
  }

  const create = entryForm('staff-create', [
    { name: 'name', label: t('acc.staff.name'), required: true },
    { name: 'id_number', label: t('acc.staff.idNumber'), required: true, hint: t('acc.staff.idNumberHint'),
      check: (v) => (isIdNumber(v.toUpperCase()) ? null : t('problem.idNumber')) },
    { name: 'position', label: t('acc.staff.position') },
    { name: 'user_id', label: t('acc.staff.account'), options: [['', t('acc.staff.noAccount')],
      ...users.filter((u) => u.active && u.org_id).map((u) => [u.id, `${u.display_name} (${u.username})`])], hint: t('acc.staff.accountHint') },
  ], t('acc.staff.create'), async (v) => {
    const s = await api('/api/staff', { method: 'POST', body: compact({ ...v, id_number: v.id_number.toUpperCase() }) });
    await load();
    return s;
  }, {
    reset: true,
    saved: (s) => t('acc.staff.created', { name: s.name }),
    conflict: () => ({ field: 'id_number', message: t('problem.idNumberTaken') }),
  });

  replace(panel, exportBar('staff-xlsx', '/api/exports/staff-authorizations.xlsx', t('acc.staff.xlsx')), listHost,
    h('details', { 'data-testid': 'staff-add' }, h('summary', {}, t('acc.staff.create')), create), detail);
  await load();
}
